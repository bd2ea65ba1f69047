import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, ValidationError } from '../../../domain/shared/errors.ts';
import { createCustomer } from '../../../domain/customers/use-cases/create-customer.ts';
import { admin, alice, customersFixture, manager, shop } from '../../support/customers-fixture.ts';

async function issuesOf(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues;
}

describe('createCustomer', () => {
  it('needs only a name and starts a prospect in EUR with nothing outstanding', async () => {
    const { deps, events } = customersFixture();
    const { customer, addresses, contacts } = await createCustomer(deps, manager, { name: 'Boulangerie Dupont' });
    expect(customer).toMatchObject({ name: 'Boulangerie Dupont', state: 'prospect', currency: 'EUR', kind: 'company', version: 1, outstanding: { amount: '0.00', currency: 'EUR' } });
    expect(customer.id).toMatch(/^cus_[0-9A-Z]{26}$/);
    expect(addresses).toEqual([]);
    expect(contacts).toEqual([]);
    expect(events.map((e) => [e.type, e.subject, e.actorId])).toEqual([['customer.created', customer.id, manager.id]]);
  });

  it('gives outstanding in the customer currency with its minor unit', async () => {
    const { deps } = customersFixture();
    const { customer } = await createCustomer(deps, manager, { name: 'Tokyo Trading', currency: 'JPY' });
    expect(customer.outstanding).toEqual({ amount: '0', currency: 'JPY' });
  });

  it('stores addresses and contacts given inline, in one commit', async () => {
    const { deps, commitCount } = customersFixture();
    const created = await createCustomer(deps, manager, {
      name: 'Atelier Martin',
      countryCode: 'FR',
      addresses: [
        { label: 'Siège', roles: ['invoiced_to', 'paid_by'], line1: '1 rue de la Paix', postalCode: '75002', city: 'Paris', countryCode: 'FR' },
        { label: 'Entrepôt', roles: ['delivered_to'], line1: 'ZI Nord', city: 'Lille', countryCode: 'FR' },
      ],
      contacts: [{ lastName: 'Martin', communication: { phone: '01 23 45 67 89' } }],
    });
    expect(created.addresses.map((a) => a.label)).toEqual(['Siège', 'Entrepôt']);
    expect(created.contacts[0]!.communication!.phone).toBe('+33123456789');
    expect(created.customer).toMatchObject({ addressCount: 2, contactCount: 1 });
    expect(commitCount()).toBe(1);
  });

  it('names every offending field, including unknown and server-owned ones', async () => {
    const { deps } = customersFixture();
    const issues = await issuesOf(createCustomer(deps, manager, { name: '', id: 'cus_x', colour: 'red', currency: 'EURO', transport: { incoterm: 'XYZ' } }));
    expect(issues).toEqual(
      expect.arrayContaining([
        { pointer: '/name', message: 'must not be empty' },
        { pointer: '/id', message: 'is set by the server and cannot be written' },
        { pointer: '/colour', message: 'is not a known field' },
        { pointer: '/currency', message: expect.stringContaining('ISO 4217') },
        { pointer: '/transport/incoterm', message: expect.any(String) },
      ]),
    );
  });

  it('refuses a missing name and a body that is not an object', async () => {
    const { deps } = customersFixture();
    expect(await issuesOf(createCustomer(deps, manager, {}))).toEqual([{ pointer: '/name', message: 'is required' }]);
    expect((await issuesOf(createCustomer(deps, manager, undefined)))[0]!.pointer).toBe('');
    expect(await issuesOf(createCustomer(deps, manager, { name: 123, kind: null }))).toEqual([
      { pointer: '/name', message: 'must be a string' },
      { pointer: '/kind', message: expect.stringMatching(/company|person/) },
    ]);
  });

  it('verifies VAT numbers and IBANs and stores them compact', async () => {
    const { deps } = customersFixture();
    const { customer } = await createCustomer(deps, manager, {
      name: 'Carrefour',
      vatNumber: 'fr 40 303 265 045',
      bankAccounts: [{ iban: 'FR14 2004 1010 0505 0001 3M02 606', bic: 'BNPAFRPP' }],
    });
    expect(customer.vatNumber).toBe('FR40303265045');
    expect(customer.bankAccounts![0]!.iban).toBe('FR1420041010050500013M02606');

    const issues = await issuesOf(createCustomer(deps, manager, { name: 'X', vatNumber: 'FR40303265046', bankAccounts: [{ iban: 'FR1520041010050500013M02606' }] }));
    expect(issues.map((i) => i.pointer)).toEqual(['/vatNumber', '/bankAccounts/0/iban']);
  });

  it('reads national phone numbers in the customer country and refuses ambiguous ones', async () => {
    const { deps } = customersFixture();
    const { customer } = await createCustomer(deps, manager, { name: 'X', countryCode: 'BE', communication: { phone: '02 555 12 12', mobile: '+33 6 12 34 56 78' } });
    expect(customer.communication).toMatchObject({ phone: '+3225551212', mobile: '+33612345678' });
    const issues = await issuesOf(createCustomer(deps, manager, { name: 'Y', communication: { phone: '02 555 12 12' } }));
    expect(issues).toEqual([{ pointer: '/communication/phone', message: expect.stringContaining('international form') }]);
  });

  it('requires an EU VAT number for the DEB flag and the customer currency for the credit limit', async () => {
    const { deps } = customersFixture();
    const issues = await issuesOf(createCustomer(deps, manager, { name: 'X', intraEuTradeDeclaration: true, credit: { limit: { amount: '1000', currency: 'USD' } } }));
    expect(issues.map((i) => i.pointer)).toEqual(['/intraEuTradeDeclaration', '/credit/limit/currency']);
  });

  it('rounds nothing silently: too many decimals for the currency is an error', async () => {
    const { deps } = customersFixture();
    const issues = await issuesOf(createCustomer(deps, manager, { name: 'X', credit: { limit: { amount: '10.005', currency: 'EUR' } } }));
    expect(issues).toEqual([{ pointer: '/credit/limit/currency', message: 'EUR amounts have at most 2 decimals' }]);
  });

  it('pads amounts to the currency decimals', async () => {
    const { deps } = customersFixture();
    const { customer } = await createCustomer(deps, manager, { name: 'X', credit: { limit: { amount: '15000', currency: 'EUR' } } });
    expect(customer.credit!.limit).toEqual({ amount: '15000.00', currency: 'EUR' });
  });

  it('assigns an agent their own new customers and forbids assigning to someone else', async () => {
    const { deps } = customersFixture();
    const { customer } = await createCustomer(deps, alice, { name: 'Mine' });
    expect(customer.salesAgentId).toBe(alice.id);
    await expect(createCustomer(deps, alice, { name: 'Theirs', salesAgentId: 'agent-bob' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('keeps integrations read-only', async () => {
    const { deps } = customersFixture();
    await expect(createCustomer(deps, shop, { name: 'X' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('refuses a group that does not exist or that the agent cannot see', async () => {
    const { deps } = customersFixture();
    const { customer: group } = await createCustomer(deps, admin, { name: 'Groupe', salesAgentId: 'agent-bob' });
    expect(await issuesOf(createCustomer(deps, manager, { name: 'X', parentCustomerId: 'cus_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A' }))).toEqual([
      { pointer: '/parentCustomerId', message: 'customer cus_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A does not exist' },
    ]);
    expect((await issuesOf(createCustomer(deps, alice, { name: 'X', parentCustomerId: group.id })))[0]!.pointer).toBe('/parentCustomerId');
    const { customer } = await createCustomer(deps, manager, { name: 'Filiale', parentCustomerId: group.id });
    expect(customer.parentCustomerId).toBe(group.id);
  });

  it('keeps customer codes unique', async () => {
    const { deps } = customersFixture();
    await createCustomer(deps, manager, { name: 'A', code: 'C-001' });
    await expect(createCustomer(deps, manager, { name: 'B', code: 'c-001' })).rejects.toMatchObject({ code: 'customer_code_taken' });
    await expect(createCustomer(deps, manager, { name: 'B', code: 'c-001' })).rejects.toBeInstanceOf(ConflictError);
  });
});
