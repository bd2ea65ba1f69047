import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { Family } from '../../../domain/catalog/family.ts';
import type { Product } from '../../../domain/catalog/product.ts';
import { createProduct } from '../../../domain/catalog/use-cases/create-product.ts';
import { createFamily } from '../../../domain/catalog/use-cases/families.ts';
import { createCustomer } from '../../../domain/customers/use-cases/create-customer.ts';
import type { PricingAdminDeps } from '../../../domain/pricing/admin/access.ts';
import type { PricingStore } from '../../../domain/pricing/admin/ports.ts';
import { createExchangeRate, exchangeRatesFor, listExchangeRates, removeExchangeRate, updateExchangeRate } from '../../../domain/pricing/admin/use-cases/exchange-rates.ts';
import { createPriceList, getPriceList, listPriceLists, updatePriceList } from '../../../domain/pricing/admin/use-cases/price-lists.ts';
import { priceHistory, rulesAsOf } from '../../../domain/pricing/admin/use-cases/price-history.ts';
import { createPriceRule, getPriceRule, listPriceRules, removePriceRule, updatePriceRule } from '../../../domain/pricing/admin/use-cases/price-rules.ts';
import { getPricingStructure, updatePricingStructure } from '../../../domain/pricing/admin/use-cases/pricing-structure.ts';
import { createTransportRule, listTransportRules, removeTransportRule, transportRulesFor, updateTransportRule } from '../../../domain/pricing/admin/use-cases/transport-rules.ts';
import { createVatRate, listVatRates, updateVatRate, vatRatesOn } from '../../../domain/pricing/admin/use-cases/vat-rates.ts';
import { AlreadyExistsError, NotFoundError, ValidationError, VersionMismatchError, WriteConflictError } from '../../../domain/shared/errors.ts';
import type { DomainEvent } from '../../../domain/shared/events.ts';
import { newId } from '../../../domain/shared/ids.ts';
import type { Page } from '../../../domain/shared/page.ts';
import type { Item } from '../../../functions/adapters/dynamodb/items.ts';
import {
  createPricingStore,
  priceHistoryEntity,
  priceListEntity,
  priceRuleEntity,
  pricingStructureEntity,
  transportLookupEntity,
  transportRuleEntity,
} from '../../../functions/adapters/dynamodb/pricing-store.ts';
import { alice, bob, fixedClock, manager } from '../../support/customers-fixture.ts';
import { pricingOnTable } from '../../support/pricing-on-table.ts';
import { testTable } from '../../support/table.ts';

/**
 * The pricing configuration holds table-wide items (the structure, "everything" rules, the standard lists every
 * document sees, the rate and transport partitions): like every file, this one has a table of its own, so that
 * its assertions are exact and other files' data never shows up in them.
 */
const table = await testTable('pricing');
const clock = fixedClock();
const { store, customerStore, deps, catalogDeps } = pricingOnTable(table, clock);

const unique = () => newId('event').slice(4);
const raw = async (key: Item) => (await table.client.send(new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }))).Item;
const family = (code: string, parentId?: string): Promise<Family> => createFamily(catalogDeps, manager, { code, name: `Family ${code}`, ...(parentId ? { parentId } : {}) });
const product = (code: string, fields: Record<string, unknown> = {}): Promise<Product> =>
  createProduct(catalogDeps, manager, { code, name: `Product ${code}`, units: { management: 'pce', sales: 'pce', price: 'pce' }, ...fields });
const customer = async (salesAgentId?: string, priceGroup?: string) => {
  const { customer: created } = await createCustomer({ store: customerStore, clock }, manager, {
    name: `Client ${unique()}`,
    ...(salesAgentId ? { salesAgentId } : {}),
    ...(priceGroup ? { priceGroup } : {}),
  });
  return created.id;
};
const list = async (input: Record<string, unknown>) => (await createPriceList(deps, manager, { currency: 'EUR', ...input })).list;
const rule = (listId: string, target: Record<string, unknown>, action: Record<string, unknown>, rest: Record<string, unknown> = {}) => createPriceRule(deps, manager, listId, { target, action, ...rest });

/** A store whose client records the name of every command it sends. */
function recordingStore(): { store: PricingStore; sent: string[] } {
  const sent: string[] = [];
  const client = { send: (command: { constructor: { name: string } }) => (sent.push(command.constructor.name), table.client.send(command as never)) };
  return { store: createPricingStore({ ...table, client: client as unknown as DynamoDBDocumentClient }), sent };
}

async function allPages<T>(read: (cursor?: string) => Promise<Page<T>>, limit: number): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    expect(page.items.length === limit || page.nextCursor === null).toBe(true);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

describe('DynamoDB pricing store: lists and rules', () => {
  it('stores a list with its name, source and owner keys, and reads it back as written', async () => {
    const u = unique();
    const customerId = await customer();
    const standard = await list({ source: 'standard_list', name: `${u} Tarif général` });
    const group = await list({ source: 'group_list', name: `${u} Garages`, priceGroup: 'garages' });
    const own = await list({ source: 'customer_list', name: `${u} Martin`, customerId });
    const offer = await list({ source: 'offer', name: `${u} Offre`, customerId, validTo: '2026-04-30' });
    expect(await getPriceList(deps, manager, own.id)).toEqual(own);
    expect(await raw(priceListEntity.key({ id: own.id }))).toMatchObject({
      entity: 'price-list',
      audience: `CUSTOMER#${customerId}`,
      listScope: 'customer',
      gsi1pk: 'PRICELISTS',
      gsi3pk: 'PRICELISTS#SOURCE#customer_list',
      gsi4pk: `CUSTOMER#${customerId}#PRICELISTS`,
      gsi4sk: `customer_list#${u.toLowerCase()} martin\u0001${own.id}`,
    });
    expect(await raw(priceListEntity.key({ id: group.id }))).toMatchObject({ audience: 'GROUP#GARAGES', gsi4pk: 'PRICEGROUP#GARAGES#PRICELISTS' });
    expect(await raw(priceListEntity.key({ id: standard.id }))).toMatchObject({ audience: 'STANDARD', listScope: 'shared' });

    const names = async (actor: typeof alice, query: Parameters<typeof listPriceLists>[2], limit = 1) =>
      (await allPages((cursor) => listPriceLists(deps, actor, query, { limit, ...(cursor ? { cursor } : {}) }), limit)).map((l) => l.id);
    const prefix = u.toLowerCase();
    expect(await names(manager, { namePrefix: prefix })).toEqual([group.id, own.id, offer.id, standard.id]);
    expect(await names(alice, { namePrefix: prefix })).toEqual([group.id, standard.id]);
    expect(await names(manager, { customerId })).toEqual([own.id, offer.id]);
    expect(await names(manager, { customerId, source: 'offer' })).toEqual([offer.id]);
    expect(await names(manager, { priceGroup: 'GARAGES', namePrefix: prefix })).toEqual([group.id]);
    expect(await names(manager, { source: 'standard_list', namePrefix: prefix })).toEqual([standard.id]);
    await expect(listPriceLists(deps, manager, { source: 'offer' }, { limit: 1, cursor: (await listPriceLists(deps, manager, {}, { limit: 1 })).nextCursor! })).rejects.toEqual(
      ValidationError.field('/query/cursor', 'is not a cursor returned by this list; start again without it'),
    );
  });

  it('writes a rule with its target keys, its history entry and its event in one transaction', async () => {
    const u = unique();
    const bolt = await product(`${u}-BOLT`, { parameters: { alloy: '1.2' } });
    const standard = await list({ source: 'standard_list', name: `${u} Standard` });
    const events: DomainEvent[] = [];
    const recording: PricingAdminDeps = { ...deps, store: { ...store, commit: async (writes, batch) => (await store.commit(writes, batch), void events.push(...batch)) } };
    const created = await createPriceRule(recording, manager, standard.id, {
      target: { kind: 'product', productId: bolt.id },
      action: { kind: 'formula', formula: 'base * alloy' },
      fees: [{ label: 'Eco', per: 'unit', amount: '0.01' }],
    });
    expect(await raw({ pk: `EVENT#${events[0]!.id}`, sk: 'EVENT' })).toMatchObject({ type: 'price-rule.created', subject: created.id });
    expect(await getPriceRule(deps, manager, standard.id, created.id)).toEqual(created);
    expect(await raw(priceRuleEntity.key({ listId: standard.id, id: created.id }))).toMatchObject({
      entity: 'price-rule',
      audience: 'STANDARD',
      gsi4pk: `PRICES#PRODUCT#${bolt.id}`,
      gsi4sk: `${standard.id}#${created.id}`,
    });
    const historyKey = priceHistoryEntity.key({ listId: standard.id, ruleId: created.id, changedAt: created.updatedAt, version: 1 });
    expect(await raw(historyKey)).toMatchObject({ entity: 'price-history', change: 'created', gsi5pk: `PRICE_HISTORY#PRODUCT#${bolt.id}`, gsi5sk: `${created.updatedAt}#${created.id}#000001`, rule: created });

    clock.advance(60_000);
    const updated = await updatePriceRule(deps, manager, standard.id, created.id, 1, { action: { kind: 'fixed', price: '12.5' } });
    await expect(updatePriceRule(deps, manager, standard.id, created.id, 1, { minQuantity: '3' })).rejects.toEqual(new VersionMismatchError(1, 2));
    // The use case checked version 1 against a stale read: the store's condition refuses it too.
    await expect(store.commit([{ entity: 'rule', list: standard, previous: created, next: { ...created, version: 2 } }], [])).rejects.toBeInstanceOf(WriteConflictError);
    await removePriceRule(deps, manager, standard.id, created.id, 2);
    await expect(getPriceRule(deps, manager, standard.id, created.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.commit([{ entity: 'rule', list: standard, previous: updated, next: null }], [])).rejects.toEqual(new NotFoundError('PriceRule', created.id));

    const history = await priceHistory(deps, manager, { listId: standard.id, ruleId: created.id }, {}, { limit: 10 });
    expect(history.items.map((entry) => [entry.change, entry.version])).toEqual([
      ['created', 1],
      ['updated', 2],
      ['removed', 3],
    ]);
    expect(await listPriceRules(deps, manager, { listId: standard.id }, { limit: 10 })).toEqual({ items: [], nextCursor: null });
  });

  it('lists rules of a list and on a target across lists, hiding other agents\' customers\' lists', async () => {
    const u = unique();
    const bolt = await product(`${u}-BOLT`);
    const fam = await family(`${u}-F`);
    const bobs = await customer(bob.id);
    const standard = await list({ source: 'standard_list', name: `${u} S` });
    const bobsList = await list({ source: 'customer_list', name: `${u} Bob`, customerId: bobs });
    const r1 = await rule(standard.id, { kind: 'product', productId: bolt.id }, { kind: 'fixed', price: '10' });
    const r2 = await rule(standard.id, { kind: 'family', familyId: fam.id }, { kind: 'discount', percents: ['5'] });
    const r3 = await rule(bobsList.id, { kind: 'product', productId: bolt.id }, { kind: 'net', price: '8' });
    const ids = async (actor: typeof alice, query: Parameters<typeof listPriceRules>[2]) =>
      (await allPages((cursor) => listPriceRules(deps, actor, query, { limit: 1, ...(cursor ? { cursor } : {}) }), 1)).map((r) => r.id);
    expect(await ids(manager, { listId: standard.id })).toEqual([r1.id, r2.id]);
    // By list, then rule: the index's sort key.
    const byList = [[standard.id, r1.id], [bobsList.id, r3.id]].sort(([a], [b]) => a!.localeCompare(b!)).map(([, id]) => id);
    expect(await ids(manager, { target: { kind: 'product', productId: bolt.id } })).toEqual(byList);
    expect(await ids(alice, { target: { kind: 'product', productId: bolt.id } })).toEqual([r1.id]);
    expect(await ids(bob, { listId: bobsList.id, target: { kind: 'product', productId: bolt.id } })).toEqual([r3.id]);
  });
});

describe('DynamoDB pricing store: rulesFor', () => {
  it("answers with a BatchGetItem of the shared look-ups, one of the customer's and one of the lists, whatever the rules and lines", async () => {
    const u = unique();
    const top = await family(`${u}-TOP`);
    const sub = await family(`${u}-SUB`, top.id);
    const products = await Promise.all(Array.from({ length: 5 }, (_, i) => product(`${u}-P${i}`, { familyId: sub.id })));
    const customerId = await customer(undefined, 'garages');
    const other = await customer();
    const standard = await list({ source: 'standard_list', name: `${u} Standard` });
    const group = await list({ source: 'group_list', name: `${u} Garages`, priceGroup: 'GARAGES' });
    const own = await list({ source: 'customer_list', name: `${u} Own`, customerId });
    const others = await list({ source: 'customer_list', name: `${u} Others`, customerId: other });
    const closed = await list({ source: 'standard_list', name: `${u} Closed` });
    await updatePriceList(deps, manager, closed.id, 1, { active: false });

    const kept: string[] = [];
    for (const [i, p] of products.entries()) {
      // Ten quantity breaks per product in the standard list, one net price in the customer's.
      for (let q = 0; q < 10; q++) kept.push((await rule(standard.id, { kind: 'product', productId: p.id }, { kind: 'fixed', price: String(100 - q) }, { minQuantity: String(q * 10) })).id);
      kept.push((await rule(own.id, { kind: 'product', productId: p.id }, { kind: 'net', price: String(50 + i) })).id);
      await rule(others.id, { kind: 'product', productId: p.id }, { kind: 'net', price: '1' });
      await rule(standard.id, { kind: 'product', productId: p.id }, { kind: 'fixed', price: '1' }, { validTo: '2026-03-14' });
    }
    kept.push((await rule(group.id, { kind: 'family', familyId: top.id }, { kind: 'discount', percents: ['5'] })).id);
    kept.push((await rule(own.id, { kind: 'family', familyId: sub.id }, { kind: 'discount', percents: ['2'] })).id);
    kept.push((await rule(own.id, { kind: 'all' }, { kind: 'discount', percents: ['1'] })).id);
    await rule(closed.id, { kind: 'all' }, { kind: 'discount', percents: ['50'] });

    const recording = recordingStore();
    const lines = [...products, ...products, ...products].map((p) => p.id);
    const found = await recording.store.rulesFor({ productIds: lines, familyIds: [sub.id, top.id, sub.id], customerId, priceGroup: 'garages', date: '2026-03-15' });
    expect(found.rules.map((r) => r.id).sort()).toEqual(kept.sort());
    expect([...found.lists.keys()].sort()).toEqual([standard.id, group.id, own.id].sort());
    expect(found.lists.get(own.id)).toEqual(await store.getList(own.id));
    // 5 products, 2 families and everything: 8 targets, one batch each for the shared and the customer's look-ups.
    expect(recording.sent).toEqual(Array(3).fill('BatchGetCommand'));

    const anonymous = await store.rulesFor({ productIds: [products[0]!.id], familyIds: [sub.id, top.id], date: '2026-03-15' });
    expect([...anonymous.lists.keys()]).toEqual([standard.id]);
    expect(anonymous.rules).toHaveLength(10);
  });
});

describe('DynamoDB pricing store: history', () => {
  it('reads a target\'s history in time order between two moments, page by page, and rebuilds a product\'s rules as of a date', async () => {
    const u = unique();
    const fam = await family(`${u}-F`);
    const bolt = await product(`${u}-BOLT`, { familyId: fam.id });
    const standard = await list({ source: 'standard_list', name: `${u} S` });
    const start = clock.now().toISOString();
    const fixed = await rule(standard.id, { kind: 'product', productId: bolt.id }, { kind: 'fixed', price: '100' });
    const onFamily = await rule(standard.id, { kind: 'family', familyId: fam.id }, { kind: 'discount', percents: ['5'] });
    for (const price of ['101', '102', '103']) {
      clock.advance(24 * 3600 * 1000);
      const current = await store.getRule(standard.id, fixed.id);
      await updatePriceRule(deps, manager, standard.id, fixed.id, current!.version, { action: { kind: 'fixed', price } });
    }
    const middle = clock.now().toISOString();
    clock.advance(24 * 3600 * 1000);
    await removePriceRule(deps, manager, standard.id, onFamily.id, 1);

    const entries = await allPages((cursor) => priceHistory(deps, manager, { target: { kind: 'product', productId: bolt.id } }, { from: start }, { limit: 2, ...(cursor ? { cursor } : {}) }), 2);
    expect(entries.map((entry) => entry.version)).toEqual([1, 2, 3, 4]);
    const until = await priceHistory(deps, manager, { target: { kind: 'product', productId: bolt.id } }, { from: start, to: middle }, { limit: 10 });
    expect(until.items.map((entry) => entry.version)).toEqual([1, 2, 3, 4]);
    const window = await priceHistory(deps, manager, { listId: standard.id, ruleId: fixed.id }, { from: entries[1]!.changedAt, to: entries[2]!.changedAt }, { limit: 10 });
    expect(window.items.map((entry) => entry.version)).toEqual([2, 3]);

    // Other tests of this file leave rules on everything: keep to this test's list.
    const mine = <T extends { listId: string }>(items: readonly T[]) => items.filter((item) => item.listId === standard.id);
    const asOf = await rulesAsOf(deps, manager, { productId: bolt.id, at: entries[1]!.changedAt });
    expect(mine(asOf.rules).map((entry) => [entry.ruleId, entry.version, entry.subject === 'rule' && entry.rule.action])).toEqual([
      [fixed.id, 2, { kind: 'fixed', price: '101' }],
      [onFamily.id, 1, { kind: 'discount', percents: ['5'] }],
    ]);
    const later = await rulesAsOf(deps, manager, { productId: bolt.id, at: clock.now().toISOString() });
    expect(mine(later.rules).map((entry) => [entry.ruleId, entry.version])).toEqual([[fixed.id, 4]]);
    expect(mine(later.lists).map((entry) => entry.version)).toEqual([1]);
  });
});

describe('DynamoDB pricing store: rates, transport and structure', () => {
  it('finds the exchange rate in force for each pair with one Query each', async () => {
    await createExchangeRate(deps, manager, { from: 'USD', to: 'EUR', rate: '0.90', validFrom: '2026-01-01' });
    await createExchangeRate(deps, manager, { from: 'USD', to: 'EUR', rate: '0.95', validFrom: '2026-04-01' });
    await createExchangeRate(deps, manager, { from: 'EUR', to: 'CHF', rate: '0.94', validFrom: '2026-02-01' });
    await expect(createExchangeRate(deps, manager, { from: 'USD', to: 'EUR', rate: '1', validFrom: '2026-01-01' })).rejects.toMatchObject({ code: 'exchange_rate_exists' });
    // Two writers of the same rate: the second loses on the store's condition, not only on the use case's read.
    const key = { from: 'USD', to: 'EUR', validFrom: '2026-01-01' };
    const stored = (await store.getExchangeRate('USD', 'EUR', '2026-01-01'))!;
    await expect(store.commit([{ entity: 'exchangeRate', previous: null, next: stored }], [])).rejects.toEqual(new AlreadyExistsError('exchange_rate_exists', 'A USD→EUR rate from 2026-01-01 already exists: update it'));

    const recording = recordingStore();
    const rates = await exchangeRatesFor({ store: recording.store }, { currencies: ['USD', 'CHF', 'EUR'], into: 'EUR', date: '2026-03-15' });
    expect(rates.map((rate) => `${rate.from}>${rate.to} ${rate.rate}`).sort()).toEqual(['EUR>CHF 0.94', 'USD>EUR 0.9']);
    expect(recording.sent).toEqual(Array(4).fill('QueryCommand'));

    await updateExchangeRate(deps, manager, key, 1, { rate: '0.91' });
    expect((await listExchangeRates(deps, manager, { from: 'USD', to: 'EUR' }, { limit: 10 })).items.map((rate) => [rate.validFrom, rate.rate])).toEqual([
      ['2026-04-01', '0.95'],
      ['2026-01-01', '0.91'],
    ]);
    expect((await listExchangeRates(deps, manager, {}, { limit: 10 })).items.map((rate) => `${rate.from}${rate.to}${rate.validFrom}`)).toEqual([
      'EURCHF2026-02-01',
      'USDEUR2026-01-01',
      'USDEUR2026-04-01',
    ]);
    await removeExchangeRate(deps, manager, key, 2);
    expect(await store.getExchangeRate('USD', 'EUR', '2026-01-01')).toBeNull();
  });

  it("gives a country's VAT rates on a date from one Query", async () => {
    await createVatRate(deps, manager, { countryCode: 'FR', category: 'standard', rate: '19.6', validFrom: '2000-04-01' });
    await createVatRate(deps, manager, { countryCode: 'FR', category: 'standard', rate: '20', validFrom: '2014-01-01' });
    await createVatRate(deps, manager, { countryCode: 'FR', category: 'reduced', rate: '5.5', validFrom: '2012-01-01' });
    await createVatRate(deps, manager, { countryCode: 'BE', category: 'standard', rate: '21', validFrom: '1996-01-01' });
    await expect(createVatRate(deps, manager, { countryCode: 'FR', category: 'reduced', rate: '7', validFrom: '2012-01-01' })).rejects.toMatchObject({ code: 'vat_rate_exists' });
    await updateVatRate(deps, manager, { countryCode: 'FR', category: 'reduced', validFrom: '2012-01-01' }, 1, { rate: '5.50' });
    const recording = recordingStore();
    expect(await vatRatesOn({ store: recording.store }, 'FR', '2026-03-15')).toEqual({ standard: '20', reduced: '5.5' });
    expect(recording.sent).toEqual(['QueryCommand']);
    expect(await vatRatesOn(deps, 'FR', '2013-06-30')).toEqual({ standard: '19.6', reduced: '5.5' });
    expect((await listVatRates(deps, manager, {}, { limit: 10 })).items.map((rate) => `${rate.countryCode} ${rate.category} ${rate.validFrom}`)).toEqual([
      'BE standard 1996-01-01',
      'FR reduced 2012-01-01',
      'FR standard 2000-04-01',
      'FR standard 2014-01-01',
    ]);
  });

  it('keeps a look-up copy of each transport rule per Incoterm and country, moved and removed with the rule', async () => {
    const benelux = await createTransportRule(deps, manager, { name: 'DAP Benelux', incoterm: 'DAP', countries: ['BE', 'NL'], basis: 'weight', currency: 'EUR', brackets: [{ from: '0', fixed: '25' }] });
    const anywhere = await createTransportRule(deps, manager, { name: 'Anywhere', basis: 'amount', currency: 'EUR', brackets: [{ from: '0', variable: '2' }] });
    expect(await raw(transportLookupEntity.key({ incoterm: 'DAP', country: 'NL', id: benelux.id }))).toMatchObject({ entity: 'transport-lookup', version: 1, name: 'DAP Benelux' });
    expect(await raw(transportLookupEntity.key({ country: 'ANY', id: anywhere.id }))).toMatchObject({ version: 1 });

    const recording = recordingStore();
    expect((await transportRulesFor({ store: recording.store }, 'DAP', 'BE')).map((rule) => rule.id)).toEqual([benelux.id, anywhere.id].sort());
    expect(recording.sent).toEqual(Array(4).fill('QueryCommand'));
    expect((await transportRulesFor(deps, undefined, 'BE')).map((rule) => rule.id)).toEqual([anywhere.id]);

    const moved = await updateTransportRule(deps, manager, benelux.id, 1, { countries: ['NL', 'LU'], name: 'DAP NL-LU' });
    expect(await raw(transportLookupEntity.key({ incoterm: 'DAP', country: 'BE', id: benelux.id }))).toBeUndefined();
    expect(await raw(transportLookupEntity.key({ incoterm: 'DAP', country: 'NL', id: benelux.id }))).toMatchObject({ version: 2, name: 'DAP NL-LU' });
    expect(await raw(transportLookupEntity.key({ incoterm: 'DAP', country: 'LU', id: benelux.id }))).toMatchObject({ version: 2 });
    expect((await transportRulesFor(deps, 'DAP', 'LU')).find((rule) => rule.id === benelux.id)).toEqual(moved);
    expect((await listTransportRules(deps, manager, { limit: 10 })).items.map((rule) => rule.name)).toEqual(['Anywhere', 'DAP NL-LU']);

    await removeTransportRule(deps, manager, benelux.id, 2);
    expect(await raw(transportLookupEntity.key({ incoterm: 'DAP', country: 'NL', id: benelux.id }))).toBeUndefined();
    expect(await raw(transportRuleEntity.key({ id: benelux.id }))).toBeUndefined();
    expect((await transportRulesFor(deps, 'DAP', 'NL')).map((rule) => rule.id)).toEqual([anywhere.id]);
  });

  it('orders price lists and transport rules by name as a person expects, and ends on a full last page', async () => {
    const u = unique();
    const names = [`${u} Été`, `${u} ete 2`, `${u} Ete`, `${u}-Hiver`, `${u} Œuvres`, `${u} oeil`];
    const lists = [];
    for (const name of names) lists.push(await list({ source: 'standard_list', name }));
    const expected = [`${u} Été`, `${u} Ete`, `${u} ete 2`, `${u} oeil`, `${u} Œuvres`, `${u}-Hiver`];
    const page = await listPriceLists(deps, manager, { namePrefix: u }, { limit: 6 });
    expect(page.items.map((l) => l.name).slice(0, 2).sort()).toEqual([`${u} Ete`, `${u} Été`]);
    expect(page.items.map((l) => l.name).slice(2)).toEqual(expected.slice(2));
    expect(page.items.slice(0, 2).map((l) => l.id)).toEqual(lists.filter((l) => [`${u} Été`, `${u} Ete`].includes(l.name)).map((l) => l.id).sort());
    expect(page.nextCursor).toBeNull();
    const bySource = await listPriceLists(deps, manager, { source: 'standard_list', namePrefix: u }, { limit: 3 });
    const rest = await listPriceLists(deps, manager, { source: 'standard_list', namePrefix: u }, { limit: 3, cursor: bySource.nextCursor! });
    expect([...bySource.items, ...rest.items].map((l) => l.id)).toEqual(page.items.map((l) => l.id));
    expect(rest.nextCursor).toBeNull();

    const rules = [];
    for (const name of ['Zone B', 'zone a', 'Zone', 'Égypte']) rules.push(await createTransportRule(deps, manager, { name, basis: 'amount', currency: 'EUR', brackets: [{ from: '0', fixed: '1' }] }));
    const transport = await listTransportRules(deps, manager, { limit: 50 });
    expect(transport.items.map((rule) => rule.name)).toEqual(['Anywhere', 'Égypte', 'Zone', 'zone a', 'Zone B']);
    expect(transport.nextCursor).toBeNull();
    for (const rule of rules) await removeTransportRule(deps, manager, rule.id, 1);
  });

  it('keeps one structure: the default until changed, then versioned', async () => {
    expect(await getPricingStructure(deps)).toMatchObject({ version: 0, discountCombination: 'cascade' });
    const first = await updatePricingStructure(deps, manager, 0, { discountCombination: 'cumulative' });
    expect(await getPricingStructure(deps)).toEqual(first);
    expect(await raw(pricingStructureEntity.key({}))).toMatchObject({ entity: 'pricing-structure', version: 1 });
    await updatePricingStructure(deps, manager, 1, { unitPriceDecimals: 2 });
    await expect(store.commit([{ entity: 'structure', previous: first, next: { ...first, version: 2 } }], [])).rejects.toBeInstanceOf(WriteConflictError);
    await expect(store.commit([{ entity: 'structure', previous: null, next: first }], [])).rejects.toBeInstanceOf(WriteConflictError);
  });
});
