import { describe, expect, it } from 'vitest';
import type { PriceList } from '../../../domain/pricing/model.ts';
import { createPriceList, getPriceList, listPriceLists, updatePriceList } from '../../../domain/pricing/admin/use-cases/price-lists.ts';
import { priceHistory } from '../../../domain/pricing/admin/use-cases/price-history.ts';
import { ForbiddenError, NotFoundError, VersionMismatchError } from '../../../domain/shared/errors.ts';
import { admin, alice, bob, issuesOf, manager, pricingFixture, shop } from './pricing-admin-fixture.ts';

const standard = (name = 'Tarif général 2026', rest: Record<string, unknown> = {}) => ({ source: 'standard_list', name, currency: 'EUR', ...rest });

describe('price lists (PRC-2, PRC-3) and offers (PRC-8)', () => {
  it('creates a standard list that the engine reads as it is, with its first history entry and event', async () => {
    const { deps, events, history } = pricingFixture();
    const { list, rules } = await createPriceList(deps, manager, standard('Tarif général 2026', { validFrom: '2026-01-01', description: 'Catalogue prices' }));
    expect(rules).toEqual([]);
    expect(list).toMatchObject({ source: 'standard_list', name: 'Tarif général 2026', currency: 'EUR', active: true, validFrom: '2026-01-01', version: 1, updatedBy: manager.id });
    expect(list.id).toMatch(/^prl_/);
    const engineView: PriceList = list;
    expect(engineView.source).toBe('standard_list');
    expect(events.map((e) => e.type)).toEqual(['price-list.created']);
    expect([...history.values()].map(({ entry }) => [entry.subject, entry.change, entry.version, entry.changedBy])).toEqual([['list', 'created', 1, manager.id]]);
  });

  it('requires the customer of a customer list or an offer, the group of a group list, and an end to an offer', async () => {
    const { deps } = pricingFixture();
    expect(await issuesOf(createPriceList(deps, manager, { source: 'customer_list', name: 'X', currency: 'EUR' }))).toEqual([
      { pointer: '/customerId', message: 'is required for a list of source customer_list' },
    ]);
    expect(await issuesOf(createPriceList(deps, manager, { source: 'group_list', name: 'X', currency: 'EUR' }))).toEqual([{ pointer: '/priceGroup', message: 'is required for a group list' }]);
    const offerIssues = await issuesOf(createPriceList(deps, manager, { source: 'offer', name: 'X', currency: 'EUR' }));
    expect(offerIssues.map((issue) => issue.pointer).sort()).toEqual(['/customerId', '/validTo']);
    expect(await issuesOf(createPriceList(deps, manager, standard('X', { priceGroup: 'GARAGES', customerId: 'cus_01JABCDEFGHJKMNPQRSTVWXYZ0' })))).toEqual([
      { pointer: '/customerId', message: 'only customer lists and offers belong to a customer, not a standard_list' },
      { pointer: '/priceGroup', message: 'only group lists have a customer group, not a standard_list' },
    ]);
  });

  it('checks shapes: currency, period, unknown and server-owned fields', async () => {
    const { deps } = pricingFixture();
    const issues = await issuesOf(createPriceList(deps, manager, { ...standard('X'), currency: 'EURO', validFrom: '2026-02-01', validTo: '2026-01-31', id: 'prl_x', colour: 'red' }));
    expect(issues).toEqual(
      expect.arrayContaining([
        { pointer: '/currency', message: 'must be an ISO 4217 currency code such as "EUR"' },
        { pointer: '/id', message: 'is set by the server and cannot be written' },
        { pointer: '/colour', message: 'is not a known field' },
      ]),
    );
    expect(await issuesOf(createPriceList(deps, manager, standard('X', { validFrom: '2026-02-01', validTo: '2026-01-31' })))).toEqual([
      { pointer: '/validTo', message: 'must not be before validFrom' },
    ]);
  });

  it('creates a customer offer with its prices in one commit, and refuses a customer that does not exist', async () => {
    const { deps, events, commitCount, ...f } = pricingFixture();
    const customerId = await f.customer('Garage Martin');
    const bolt = await f.product('BOLT-M8');
    const before = commitCount();
    const { list, rules } = await createPriceList(deps, manager, {
      source: 'offer',
      name: 'Offre printemps',
      currency: 'EUR',
      customerId,
      validFrom: '2026-03-01',
      validTo: '2026-04-30',
      rules: [{ target: { kind: 'product', productId: bolt.id }, action: { kind: 'net', price: '0.42' } }],
    });
    expect(commitCount()).toBe(before + 1);
    expect(rules).toEqual([expect.objectContaining({ listId: list.id, target: { kind: 'product', productId: bolt.id }, action: { kind: 'net', price: '0.42' }, version: 1 })]);
    expect(events.map((e) => e.type)).toEqual(['price-list.created', 'price-rule.created']);

    expect(await issuesOf(createPriceList(deps, manager, { source: 'offer', name: 'X', currency: 'EUR', customerId: 'cus_01JABCDEFGHJKMNPQRSTVWXYZ0', validTo: '2026-04-30' }))).toEqual([
      { pointer: '/customerId', message: 'customer cus_01JABCDEFGHJKMNPQRSTVWXYZ0 does not exist' },
    ]);
    expect(await issuesOf(createPriceList(deps, manager, standard('X', { rules: [{ target: { kind: 'product', productId: 'prd_01JABCDEFGHJKMNPQRSTVWXYZ0' }, action: { kind: 'discount', percents: ['5'] } }] })))).toEqual([
      { pointer: '/rules/0/target/productId', message: 'product prd_01JABCDEFGHJKMNPQRSTVWXYZ0 does not exist' },
    ]);
  });

  it('merge-patches the name, period and active flag; source, currency, customer and group are fixed', async () => {
    const { deps, events, history } = pricingFixture();
    const { list } = await createPriceList(deps, manager, standard());
    const renamed = await updatePriceList(deps, admin, list.id, 1, { name: 'Tarif 2026 (révisé)', active: false, validTo: '2026-12-31' });
    expect(renamed).toMatchObject({ name: 'Tarif 2026 (révisé)', active: false, validTo: '2026-12-31', version: 2, updatedBy: admin.id, createdAt: list.createdAt });
    expect(events.at(-1)).toMatchObject({ type: 'price-list.updated', data: { listId: list.id, version: 2, changedFields: ['name', 'active', 'validTo'] } });
    const entries = [...history.values()].map(({ entry }) => entry).filter((entry) => entry.subject === 'list');
    expect(entries.map((entry) => [entry.change, entry.version, entry.changedBy, entry.changedFields])).toEqual([
      ['created', 1, manager.id, undefined],
      ['updated', 2, admin.id, ['name', 'active', 'validTo']],
    ]);

    const cleared = await updatePriceList(deps, manager, list.id, 2, { validTo: null });
    expect(cleared.validTo).toBeUndefined();
    expect(await updatePriceList(deps, manager, list.id, 3, { name: 'Tarif 2026 (révisé)' })).toBe(cleared);

    expect(await issuesOf(updatePriceList(deps, manager, list.id, 3, { currency: 'USD', source: 'offer' }))).toEqual([
      { pointer: '/currency', message: "cannot change: the list's prices are in its currency; create a list in the other currency" },
      { pointer: '/source', message: 'cannot change: create a list of the other source' },
    ]);
    await expect(updatePriceList(deps, manager, list.id, 1, { name: 'Late' })).rejects.toBeInstanceOf(VersionMismatchError);
    await expect(updatePriceList(deps, manager, 'prl_01JABCDEFGHJKMNPQRSTVWXYZ0', 1, { name: 'X' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('keeps an offer time-limited', async () => {
    const { deps, ...f } = pricingFixture();
    const customerId = await f.customer();
    const { list } = await createPriceList(deps, manager, { source: 'offer', name: 'Offre', currency: 'EUR', customerId, validTo: '2026-04-30' });
    expect(await issuesOf(updatePriceList(deps, manager, list.id, 1, { validTo: null }))).toEqual([{ pointer: '/validTo', message: 'is required for an offer: offers are time-limited' }]);
  });

  it('lets only admins and managers change lists', async () => {
    const { deps } = pricingFixture();
    await expect(createPriceList(deps, alice, standard())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createPriceList(deps, shop, standard())).rejects.toThrow('Integrations have read-only access to prices');
    const { list } = await createPriceList(deps, manager, standard());
    await expect(updatePriceList(deps, alice, list.id, 1, { name: 'X' })).rejects.toThrow('Agents read prices; only admins and managers change them');
    expect(await getPriceList(deps, shop, list.id)).toEqual(list);
  });

  it("shows an agent the lists of their own customers and the shared lists, and nobody else's", async () => {
    const { deps, ...f } = pricingFixture();
    const alices = await f.customer('Client Alice', alice.id);
    const bobs = await f.customer('Client Bob', bob.id);
    const { list: shared } = await createPriceList(deps, manager, standard('A standard'));
    const { list: group } = await createPriceList(deps, manager, { source: 'group_list', name: 'B garages', currency: 'EUR', priceGroup: 'garages' });
    const { list: aliceList } = await createPriceList(deps, manager, { source: 'customer_list', name: 'C alice', currency: 'EUR', customerId: alices });
    const { list: bobList } = await createPriceList(deps, manager, { source: 'customer_list', name: 'D bob', currency: 'EUR', customerId: bobs });

    expect(await getPriceList(deps, alice, aliceList.id)).toEqual(aliceList);
    await expect(getPriceList(deps, alice, bobList.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await getPriceList(deps, manager, bobList.id)).toEqual(bobList);

    const ids = async (actor: typeof alice, query = {}) => (await listPriceLists(deps, actor, query, { limit: 50 })).items.map((l) => l.id);
    expect(await ids(alice)).toEqual([shared.id, group.id]);
    expect(await ids(manager)).toEqual([shared.id, group.id, aliceList.id, bobList.id]);
    expect(await ids(alice, { customerId: alices })).toEqual([aliceList.id]);
    await expect(ids(alice, { customerId: bobs })).rejects.toBeInstanceOf(NotFoundError);
    expect(await ids(manager, { priceGroup: 'GARAGES' })).toEqual([group.id]);
    expect(await ids(manager, { source: 'customer_list' })).toEqual([aliceList.id, bobList.id]);
    expect(await ids(manager, { namePrefix: 'b' })).toEqual([group.id]);
  });

  it("reads a list's own history, and an agent reads it only when they may see the list", async () => {
    const { deps, ...f } = pricingFixture();
    const bobs = await f.customer('Client Bob', bob.id);
    const { list } = await createPriceList(deps, manager, { source: 'customer_list', name: 'Bob', currency: 'EUR', customerId: bobs });
    await updatePriceList(deps, manager, list.id, 1, { name: 'Bob 2' });
    const page = await priceHistory(deps, manager, { listId: list.id }, {}, { limit: 10 });
    expect(page.items.map((entry) => entry.subject === 'list' && entry.list.name)).toEqual(['Bob', 'Bob 2']);
    await expect(priceHistory(deps, alice, { listId: list.id }, {}, { limit: 10 })).rejects.toBeInstanceOf(NotFoundError);
  });
});
