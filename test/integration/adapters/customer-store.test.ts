import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { AlreadyExistsError, NotFoundError, ValidationError, WriteConflictError } from '../../../domain/shared/errors.ts';
import { newId } from '../../../domain/shared/ids.ts';
import { addAddress } from '../../../domain/customers/use-cases/addresses.ts';
import { addContact } from '../../../domain/customers/use-cases/contacts.ts';
import { changeCustomerState } from '../../../domain/customers/use-cases/change-customer-state.ts';
import { createCustomer } from '../../../domain/customers/use-cases/create-customer.ts';
import { getCustomer, listCustomers } from '../../../domain/customers/use-cases/read-customers.ts';
import { updateCustomer } from '../../../domain/customers/use-cases/update-customer.ts';
import type { CustomersDeps } from '../../../domain/customers/access.ts';
import { createCustomerStore, customerCodeMarker } from '../../../functions/adapters/dynamodb/customer-store.ts';
import { fixedClock, manager } from '../../support/customers-fixture.ts';
import { testTable } from '../../support/table.ts';
import { cursorKeyFrom, sealCursor } from '../../../functions/adapters/dynamodb/cursors.ts';

const table = await testTable();
const store = createCustomerStore(table);
const clock = fixedClock();
const deps: CustomersDeps = { store, clock };
/** Each test uses its own agent, so that lists of the shared table only see that test's customers. */
const agentFor = () => ({ id: `agent-${newId('event')}`, role: 'agent' as const });

describe('DynamoDB customer store', () => {
  it('keeps the customer and its children in one partition and reads them back as they were written', async () => {
    const created = await createCustomer(deps, manager, {
      name: 'Société Générale de Fromages',
      code: `C-${Date.now()}`,
      addresses: [{ roles: ['delivered_to'], line1: '1 rue du Bleu', city: 'Roquefort', countryCode: 'FR' }],
      contacts: [{ lastName: 'Caseus' }],
    });
    const read = await getCustomer(deps, manager, created.customer.id);
    expect(read).toEqual(created);

    const items = await table.client.send(new QueryCommand({ TableName: table.name, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `CUSTOMER#${created.customer.id}` } }));
    expect(items.Items!.map((i) => i.entity).sort()).toEqual(['address', 'contact', 'customer']);
  });

  it('keeps a code unique across customers, and frees it when changed', async () => {
    const code = `U-${Date.now()}`;
    const first = await createCustomer(deps, manager, { name: 'First', code });
    await expect(createCustomer(deps, manager, { name: 'Second', code: code.toLowerCase() })).rejects.toEqual(
      new AlreadyExistsError('customer_code_taken', `Customer code ${code.toLowerCase()} is already used by another customer`),
    );
    await updateCustomer(deps, manager, first.customer.id, 1, { code: `${code}-B` });
    const marker = await table.client.send(new GetCommand({ TableName: table.name, Key: customerCodeMarker(code) }));
    expect(marker.Item).toBeUndefined();
    await createCustomer(deps, manager, { name: 'Second', code });
  });

  it('lets a customer change only the case of its code', async () => {
    const code = `Case-${Date.now()}`;
    const { customer } = await createCustomer(deps, manager, { name: 'Cased', code });
    const { customer: updated } = await updateCustomer(deps, manager, customer.id, 1, { code: code.toUpperCase() });
    expect(updated.code).toBe(code.toUpperCase());
    await expect(createCustomer(deps, manager, { name: 'Other', code })).rejects.toMatchObject({ code: 'customer_code_taken' });
  });

  it('turns a lost race into a write conflict (the request runs again), and a vanished item into not found', async () => {
    const { customer } = await createCustomer(deps, manager, { name: 'Racy' });
    const next = { ...customer, version: 2, name: 'Racy 2' };
    await store.commit([{ entity: 'customer', previous: customer, next }], []);
    await expect(store.commit([{ entity: 'customer', previous: customer, next: { ...next, name: 'Racy 3' } }], [])).rejects.toBeInstanceOf(WriteConflictError);
    const ghost = { ...customer, id: newId('customer') };
    await expect(store.commit([{ entity: 'customer', previous: ghost, next: { ...ghost, version: 2 } }], [])).rejects.toEqual(new NotFoundError('Customer', ghost.id));
  });

  it('writes nothing when one item of the transaction fails', async () => {
    const { customer } = await createCustomer(deps, manager, { name: 'Atomic' });
    const address = await addAddress(deps, manager, customer.id, { line1: 'x', city: 'y', countryCode: 'FR' });
    const stale = { ...customer, version: 1 };
    await expect(addContact({ ...deps, store: { ...store, getCustomer: async () => stale } }, manager, customer.id, { lastName: 'Never', addressId: address.id })).rejects.toBeInstanceOf(WriteConflictError);
    expect((await store.getAggregate(customer.id))!.contacts).toEqual([]);
  });

  it('lists an agent\'s customers by name prefix, ignoring case and accents, page by page', async () => {
    const agent = agentFor();
    for (const name of ['Élodie Fleurs', 'eloise bois', 'Emile Fer', 'Eloi Verre']) await createCustomer(deps, agent, { name });
    const first = await listCustomers(deps, agent, { namePrefix: 'ELO' }, { limit: 2 });
    expect(first.items.map((c) => c.name)).toEqual(['Élodie Fleurs', 'Eloi Verre']);
    const second = await listCustomers(deps, agent, { namePrefix: 'ELO' }, { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((c) => c.name)).toEqual(['eloise bois']);
    expect(second.nextCursor).toBeNull();
  });

  it('orders names as a person expects: case and accents folded, a name before its longer namesakes, then by id', async () => {
    const agent = agentFor();
    const names = ['Dupont-Martin', 'dupont fils', 'Émile', 'Dupont', 'zoé', 'Œuvres', 'Eleonore', 'oeuf', 'Dupont', 'ZOE'];
    const ids = new Map<string, string[]>();
    for (const name of names) {
      const { customer } = await createCustomer(deps, agent, { name });
      ids.set(name, [...(ids.get(name) ?? []), customer.id]);
    }
    const page = await listCustomers(deps, agent, {}, { limit: 20 });
    expect(page.items.map((c) => c.name)).toEqual(['Dupont', 'Dupont', 'dupont fils', 'Dupont-Martin', 'Eleonore', 'Émile', 'oeuf', 'Œuvres', 'zoé', 'ZOE']);
    expect(page.items.slice(0, 2).map((c) => c.id)).toEqual([...ids.get('Dupont')!].sort());
    const prefixed = await listCustomers(deps, agent, { namePrefix: 'dupont' }, { limit: 20 });
    expect(prefixed.items.map((c) => c.name)).toEqual(['Dupont', 'Dupont', 'dupont fils', 'Dupont-Martin']);
    const oe = await listCustomers(deps, agent, { namePrefix: 'OE' }, { limit: 20 });
    expect(oe.items.map((c) => c.name)).toEqual(['oeuf', 'Œuvres']);
  });

  it('says a page is the last when it ends exactly where the list does, instead of sending for an empty page', async () => {
    const agent = agentFor();
    for (const name of ['Alpha', 'Bravo', 'Charlie', 'Delta']) await createCustomer(deps, agent, { name });
    const { customer: echo } = await createCustomer(deps, agent, { name: 'Echo' });
    await changeCustomerState(deps, agent, echo.id, 1, 'qualify', {});

    const whole = await listCustomers(deps, agent, {}, { limit: 5 });
    expect(whole.items).toHaveLength(5);
    expect(whole.nextCursor).toBeNull();
    const first = await listCustomers(deps, agent, {}, { limit: 2 });
    const second = await listCustomers(deps, agent, {}, { limit: 3, cursor: first.nextCursor! });
    expect(first.nextCursor).not.toBeNull();
    expect(second.items.map((c) => c.name)).toEqual(['Charlie', 'Delta', 'Echo']);
    expect(second.nextCursor).toBeNull();
    // Filtered (state is a FilterExpression on the agent's index): the four prospects end the list.
    const prospects = await listCustomers(deps, agent, { state: 'prospect' }, { limit: 2 });
    const lastProspects = await listCustomers(deps, agent, { state: 'prospect' }, { limit: 2, cursor: prospects.nextCursor! });
    expect(lastProspects.items.map((c) => c.name)).toEqual(['Charlie', 'Delta']);
    expect(lastProspects.nextCursor).toBeNull();
  });

  it('fills filtered pages and resumes exactly after the last item returned', async () => {
    const agent = agentFor();
    const names = Array.from({ length: 9 }, (_, i) => `Client ${String(i).padStart(2, '0')}`);
    for (const [i, name] of names.entries()) {
      const { customer } = await createCustomer(deps, agent, { name });
      if (i % 3 === 0) await changeCustomerState(deps, agent, customer.id, 1, 'qualify', {});
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listCustomers(deps, agent, { state: 'prospect' }, { limit: 4, ...(cursor ? { cursor } : {}) });
      expect(page.items.length === 4 || page.nextCursor === null).toBe(true);
      seen.push(...page.items.map((c) => c.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(names.filter((_, i) => i % 3 !== 0));
  });

  it('answers updatedSince from the change feed, oldest change first', async () => {
    const agent = agentFor();
    const since = new Date(clock.now().getTime() + 3_600_000).toISOString();
    clock.advance(3_600_000);
    const { customer: a } = await createCustomer(deps, agent, { name: 'Zed' });
    clock.advance(1000);
    await createCustomer(deps, agent, { name: 'Abe' });
    clock.advance(1000);
    await updateCustomer(deps, agent, a.id, 1, { notes: 'touched' });
    const page = await listCustomers(deps, agent, { updatedSince: since }, { limit: 10 });
    expect(page.items.map((c) => c.name)).toEqual(['Abe', 'Zed']);
  });

  it('refuses a cursor that is not one of this list', async () => {
    const agent = agentFor();
    const other = agentFor();
    await createCustomer(deps, other, { name: 'One' });
    await createCustomer(deps, other, { name: 'Two' });
    const othersPage = await listCustomers(deps, other, {}, { limit: 1 });
    await expect(listCustomers(deps, agent, {}, { limit: 1, cursor: othersPage.nextCursor! })).rejects.toBeInstanceOf(ValidationError);
    await expect(listCustomers(deps, agent, {}, { limit: 1, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(ValidationError);
    const forged = Buffer.from(JSON.stringify({ pk: 'x', sk: 'y' })).toString('base64url');
    await expect(listCustomers(deps, agent, {}, { limit: 1, cursor: forged })).rejects.toEqual(
      ValidationError.field('/query/cursor', 'is not a cursor returned by this list; start again without it'),
    );
  });

  describe('cursors', () => {
    const refused = ValidationError.field('/query/cursor', 'is not a cursor returned by this list; start again without it');

    async function twoPages() {
      const agent = agentFor();
      for (const name of ['Cursor Un', 'Cursor Deux', 'Cursor Trois']) await createCustomer(deps, agent, { name });
      const first = await listCustomers(deps, agent, {}, { limit: 1 });
      return { agent, first, cursor: first.nextCursor! };
    }

    it('reveal neither key names nor the partition layout nor the data', async () => {
      const { agent, first, cursor } = await twoPages();
      const bytes = Buffer.from(cursor, 'base64url');
      for (const text of [bytes.toString('utf8'), bytes.toString('latin1')]) {
        // Strings of 3 characters and more: random bytes would hold a given shorter one now and then.
        for (const clear of ['"pk"', '"sk"', 'gsi', 'CUSTOMER', 'AGENT', agent.id, first.items[0]!.id, 'cursor deux']) expect(text).not.toContain(clear);
      }
      expect(bytes.length).toBeLessThan(200);
      // A random IV: the same position gives another cursor every time.
      expect((await listCustomers(deps, agent, {}, { limit: 1 })).nextCursor).not.toBe(cursor);
      const second = await listCustomers(deps, agent, {}, { limit: 1, cursor });
      expect(second.items.map((c) => c.name)).toEqual(['Cursor Trois']);
    });

    it('refuse any change to a cursor with a 400, whichever byte or bit it touches', async () => {
      const { agent, cursor } = await twoPages();
      const bytes = Buffer.from(cursor, 'base64url');
      for (let index = 0; index < bytes.length; index++) {
        for (const bit of [0x01, 0x80]) {
          const tampered = Buffer.from(bytes);
          tampered[index]! ^= bit;
          await expect(listCustomers(deps, agent, {}, { limit: 1, cursor: tampered.toString('base64url') })).rejects.toEqual(refused);
        }
      }
    });

    it.each([
      ['truncated', (cursor: string) => cursor.slice(0, -1)],
      ['cut in half', (cursor: string) => cursor.slice(0, cursor.length / 2)],
      ['extended', (cursor: string) => `${cursor}AA`],
      ['with a foreign character', (cursor: string) => `${cursor.slice(0, 10)}.${cursor.slice(11)}`],
      ['made with another key', (cursor: string) => sealCursor(cursorKeyFrom('another deployment, another secret!!'), ['a', 'b', 'c', 'd'], cursor)],
    ])('refuse a cursor %s with a 400', async (_case, spoil) => {
      const { agent, cursor } = await twoPages();
      await expect(listCustomers(deps, agent, {}, { limit: 1, cursor: spoil(cursor) })).rejects.toEqual(refused);
    });

    it('refuse a cursor replayed on another list: another agent, a name prefix, a state, the change feed', async () => {
      const { agent, cursor } = await twoPages();
      const other = agentFor();
      await createCustomer(deps, other, { name: 'Cursor Autre' });
      for (const query of [{ salesAgentId: other.id }, { namePrefix: 'cursor' }, { state: 'prospect' as const }, { updatedSince: '2020-01-01T00:00:00Z' }]) {
        await expect(listCustomers(deps, manager, query, { limit: 1, cursor })).rejects.toEqual(refused);
      }
      await expect(listCustomers(deps, other, {}, { limit: 1, cursor })).rejects.toEqual(refused);
      expect((await listCustomers(deps, agent, {}, { limit: 5, cursor })).items).toHaveLength(2);
    });
  });
});
