import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../domain/shared/ids.ts';
import { startApi, type Api, type RequestOptions } from '../support/api.ts';

/**
 * The pricing administration over HTTP: lists, rules, rates, transport rules, the structure and the history.
 * Every response is checked against the contract by the client.
 */

let api: Api;
const run = newId('event').slice(-8);
const PIECES = { management: 'pce', sales: 'pce', price: 'pce' };
let product: { id: string; code: string };
let family: { id: string };
let martin: string;
let bernard: string;

async function created(path: string, body: unknown, options: RequestOptions = {}): Promise<any> {
  const response = await api.request('POST', path, { ...options, body });
  expect(response.status, `POST ${path}: ${JSON.stringify(response.body)}`).toBe(201);
  expect(response.headers.get('etag')).toBe(`"${response.body.version}"`);
  return response.body;
}

const mergePatch = (body: unknown, etag?: string, token?: string): RequestOptions => ({
  rawBody: JSON.stringify(body),
  headers: { 'Content-Type': 'application/merge-patch+json', ...(etag ? { 'If-Match': etag } : {}) },
  ...(token ? { token } : {}),
});

beforeAll(async () => {
  api = await startApi();
  family = await created('/families', { code: `${run}-TOOLS`, name: 'Tools' });
  product = await created('/products', { code: `${run}-DRILL`, name: 'Drill', familyId: family.id, units: PIECES, parameters: { weight: '2.5' } });
  martin = (await created('/customers', { name: 'Garage Martin', countryCode: 'FR', salesAgentId: 'agent-alice' })).id;
  bernard = (await created('/customers', { name: 'Garage Bernard', countryCode: 'FR', salesAgentId: 'agent-bob' })).id;
  // FR standard VAT, shared by the API tests on this table: created once, a 409 afterwards.
  const vat = await api.request('POST', '/vat-rates', { body: { countryCode: 'FR', category: 'standard', rate: '20', validFrom: '2014-01-01' } });
  expect([201, 409]).toContain(vat.status);
});

afterAll(async () => {
  await api?.stop();
});

describe('price lists and rules', () => {
  it('creates a standard list with quantity breaks and a customer list with a cascade discount, and simulates 100.00 → 90.0000 → 85.5000', async () => {
    const standard = await created('/price-lists', {
      source: 'standard_list',
      name: `Standard ${run}`,
      currency: 'EUR',
      rules: [{ target: { kind: 'product', productId: product.id }, action: { kind: 'fixed', price: '100.00' } }],
    });
    expect(standard).toMatchObject({ source: 'standard_list', active: true, version: 1, updatedBy: 'admin-user' });
    expect(standard.rules).toHaveLength(1);
    const breakRule = await created(`/price-lists/${standard.id}/rules`, { target: { kind: 'product', productId: product.id }, minQuantity: '10', action: { kind: 'fixed', price: '95.00' }, note: 'from 10' });
    expect(breakRule).toMatchObject({ listId: standard.id, minQuantity: '10' });
    const rules = await api.request('GET', `/price-lists/${standard.id}/rules`);
    expect(rules.body.items.map((rule: any) => rule.minQuantity ?? '0').sort()).toEqual(['0', '10']);

    const customerList = await created('/price-lists', {
      source: 'customer_list',
      name: `Martin ${run}`,
      currency: 'EUR',
      customerId: martin,
      rules: [{ target: { kind: 'family', familyId: family.id }, action: { kind: 'discount', percents: ['10'] } }],
    });
    // The default structure stops at an offer: the second discount of the cascade is the line's manual 5 %.
    const simulation = await api.request('POST', '/price-simulations', { body: { customerId: martin, date: '2027-03-01', lines: [{ productId: product.id, quantity: '1', manualDiscounts: ['5'] }, { productId: product.id, quantity: '12' }] } });
    expect(simulation.status, JSON.stringify(simulation.body)).toBe(200);
    expect(simulation.status).toBe(200);
    expect(simulation.body.lines[0].explanation.waterfall.map((step: any) => step.unitPrice)).toEqual(['100.0000', '90.0000', '85.5000']);
    expect(simulation.body.lines[1].explanation.waterfall.map((step: any) => step.unitPrice)).toEqual(['95.0000', '85.5000']);

    // Deactivating the customer's list: it stays, but no longer applies.
    const deactivated = await api.request('PATCH', `/price-lists/${customerList.id}`, mergePatch({ active: false }, '"1"'));
    expect(deactivated.status).toBe(200);
    expect(deactivated.body).toMatchObject({ active: false, version: 2 });
    const after = await api.request('POST', '/price-simulations', { body: { customerId: martin, date: '2027-03-01', lines: [{ productId: product.id, quantity: '1' }] } });
    expect(after.body.lines[0].unitPrice).toBe('100.0000');
  });

  it('names the field of a formula that does not parse or reads an unknown parameter, and every bad field', async () => {
    const list = await created('/price-lists', { source: 'standard_list', name: `Formulas ${run}`, currency: 'EUR' });
    const syntax = await api.request('POST', `/price-lists/${list.id}/rules`, { body: { target: { kind: 'product', productId: product.id }, action: { kind: 'formula', formula: 'base * (1 +' } } });
    expect(syntax.status).toBe(400);
    expect(syntax.body.errors.map((error: any) => error.pointer)).toEqual(['/action/formula']);
    const unknown = await api.request('POST', `/price-lists/${list.id}/rules`, { body: { target: { kind: 'product', productId: product.id }, action: { kind: 'formula', formula: 'base + colour' } } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].pointer).toBe('/action/formula');
    expect(unknown.body.errors[0].message).toContain('colour');
    expect((await created(`/price-lists/${list.id}/rules`, { target: { kind: 'product', productId: product.id }, action: { kind: 'formula', formula: 'base + weight * 2' } })).action.kind).toBe('formula');

    const bad = await api.request('POST', '/price-lists', { body: { source: 'offer', name: '', currency: 'EURO', customerId: martin, validFrom: '2027-02-01', unknown: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: any) => error.pointer).sort()).toEqual(['/currency', '/name', '/unknown', '/validTo']);
    const badRule = await api.request('POST', `/price-lists/${list.id}/rules`, { body: { target: { kind: 'product', productId: product.id }, action: { kind: 'discount', percents: ['20', '120'] }, minQuantity: '-1' } });
    expect(badRule.status).toBe(400);
    expect(badRule.body.errors.map((error: any) => error.pointer).sort()).toEqual(['/action/percents/1', '/minQuantity']);
    const tooMany = await api.request('POST', `/price-lists/${list.id}/rules`, { body: { target: { kind: 'all' }, action: { kind: 'discount', percents: ['1', '1', '1', '1', '1', '1'] } } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual([{ pointer: '/action/percents', message: 'must have at most 5 percentages' }]);
    const cascade = await created(`/price-lists/${list.id}/rules`, { target: { kind: 'all' }, action: { kind: 'discount', percents: ['20', '12.5'] } });
    const none = await api.request('PATCH', `/price-lists/${list.id}/rules/${cascade.id}`, mergePatch({ action: { kind: 'discount', percents: [] } }, '"1"'));
    expect(none.status).toBe(400);
    expect(none.body.errors).toEqual([{ pointer: '/action/percents', message: 'must have at least one percentage' }]);
    const zero = await api.request('PATCH', `/price-lists/${list.id}/rules/${cascade.id}`, mergePatch({ action: { kind: 'discount', percents: ['20', '0'] } }, '"1"'));
    expect(zero.body.errors).toEqual([{ pointer: '/action/percents/1', message: 'must be greater than 0 and at most 100' }]);
    const reordered = await api.request('PATCH', `/price-lists/${list.id}/rules/${cascade.id}`, mergePatch({ action: { kind: 'discount', percents: ['12.5', '20', '2'] } }, '"1"'));
    expect(reordered.status).toBe(200);
    expect(reordered.body.action).toEqual({ kind: 'discount', percents: ['12.5', '20', '2'] });
  });

  it('lets agents read and simulate, never write, and shows them only their own customers’ lists', async () => {
    const alice = await api.token('agent', 'agent-alice');
    const bernardList = await created('/price-lists', { source: 'customer_list', name: `Bernard ${run}`, currency: 'EUR', customerId: bernard });
    const martinList = await created('/price-lists', { source: 'customer_list', name: `Martin bis ${run}`, currency: 'EUR', customerId: martin });

    const refused = await api.request('POST', '/price-lists', { token: alice, body: { source: 'standard_list', name: 'Mine', currency: 'EUR' } });
    expect(refused.status).toBe(403);
    expect((await api.request('POST', `/price-lists/${martinList.id}/rules`, { token: alice, body: { target: { kind: 'all' }, action: { kind: 'discount', percents: ['50'] } } })).status).toBe(403);
    expect((await api.request('PATCH', `/price-lists/${martinList.id}`, mergePatch({ name: 'x' }, '"1"', alice))).status).toBe(403);
    expect((await api.request('POST', '/vat-rates', { token: alice, body: { countryCode: 'DE', category: 'standard', rate: '19', validFrom: '2007-01-01' } })).status).toBe(403);

    expect((await api.request('GET', `/price-lists/${martinList.id}`, { token: alice })).status).toBe(200);
    expect((await api.request('GET', `/price-lists/${bernardList.id}`, { token: alice })).status).toBe(404);
    expect((await api.request('GET', `/price-lists?customerId=${bernard}`, { token: alice })).status).toBe(404);
    const own = await api.request('GET', `/price-lists?customerId=${martin}`, { token: alice });
    expect(own.body.items.map((list: any) => list.id)).toContain(martinList.id);
    const shared = await api.request('GET', '/price-lists?limit=200', { token: alice });
    expect(shared.body.items.every((list: any) => list.customerId === undefined)).toBe(true);
    const customerLists = await api.request('GET', '/price-lists?source=customer_list&limit=200');
    expect(customerLists.body.items.map((list: any) => list.id)).toEqual(expect.arrayContaining([martinList.id, bernardList.id]));
  });
});

describe('price history', () => {
  it('shows who changed what and when after two changes, and the rules as they stood before', async () => {
    const managerToken = await api.token('manager', 'manager-marie');
    const list = await created('/price-lists', { source: 'standard_list', name: `History ${run}`, currency: 'EUR' });
    const rule = await created(`/price-lists/${list.id}/rules`, { target: { kind: 'product', productId: product.id }, action: { kind: 'fixed', price: '40.00' } });
    const first = await api.request('PATCH', `/price-lists/${list.id}/rules/${rule.id}`, mergePatch({ action: { kind: 'fixed', price: '42.00' } }, '"1"', managerToken));
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"2"');
    const stale = await api.request('PATCH', `/price-lists/${list.id}/rules/${rule.id}`, mergePatch({ note: 'late' }, '"1"'));
    expect(stale.status).toBe(412);
    const second = await api.request('PATCH', `/price-lists/${list.id}/rules/${rule.id}`, mergePatch({ minQuantity: '5' }, '"2"'));
    expect(second.body.version).toBe(3);

    const history = await api.request('GET', `/price-history?priceListId=${list.id}&ruleId=${rule.id}`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((entry: any) => [entry.version, entry.change, entry.changedBy, entry.changedFields ?? null, entry.rule.action.price])).toEqual([
      [1, 'created', 'admin-user', null, '40.00'],
      [2, 'updated', 'manager-marie', ['action'], '42.00'],
      [3, 'updated', 'admin-user', ['minQuantity'], '42.00'],
    ]);
    expect(history.body.items.every((entry: any) => typeof entry.changedAt === 'string')).toBe(true);

    const byProduct = await api.request('GET', `/price-history?productId=${product.id}&limit=200`);
    expect(byProduct.body.items.filter((entry: any) => entry.ruleId === rule.id)).toHaveLength(3);
    const before = history.body.items[1].changedAt;
    const asOf = await api.request('GET', `/price-history/as-of?productId=${product.id}&at=${encodeURIComponent(before)}`);
    expect(asOf.status).toBe(200);
    const standing = asOf.body.rules.find((entry: any) => entry.ruleId === rule.id);
    expect(standing).toMatchObject({ version: 2, changedBy: 'manager-marie', rule: { action: { kind: 'fixed', price: '42.00' } } });

    const noSubject = await api.request('GET', '/price-history');
    expect(noSubject.status).toBe(400);
    const badDate = await api.request('GET', `/price-history?productId=${product.id}&from=yesterday`);
    expect(badDate.body.errors).toEqual([{ pointer: '/query/from', message: expect.stringContaining('must be a date') }]);
  });
});

describe('rates, transport rules and the structure', () => {
  it('records VAT and exchange rates, lists them by pair, and refuses a second rate on the same date', async () => {
    const vat = await api.request('POST', '/vat-rates', { body: { countryCode: 'LU', category: 'reduced', rate: '8', validFrom: `20${run.slice(-2).replace(/\D/g, '1')}-01-0${1 + (run.charCodeAt(0) % 9)}` } });
    expect([201, 409]).toContain(vat.status);
    const pairDate = `2030-0${1 + (run.charCodeAt(1) % 9)}-1${run.charCodeAt(2) % 10}`;
    const from = 'CHF';
    const rate = await api.request('POST', '/exchange-rates', { body: { from, to: 'EUR', rate: '1.05', validFrom: pairDate } });
    if (rate.status === 201) {
      expect(rate.headers.get('location')).toBe(`/exchange-rates/CHF/EUR/${pairDate}`);
      const again = await api.request('POST', '/exchange-rates', { body: { from, to: 'EUR', rate: '1.06', validFrom: pairDate } });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('exchange_rate_exists');
    }
    const pair = await api.request('GET', '/exchange-rates?from=CHF&to=EUR');
    expect(pair.body.items.some((item: any) => item.validFrom === pairDate)).toBe(true);
    const half = await api.request('GET', '/exchange-rates?from=CHF');
    expect(half.body.errors).toEqual([{ pointer: '/query/to', message: 'is required with the other currency of the pair' }]);
    const bad = await api.request('POST', '/vat-rates', { body: { countryCode: 'XX', category: 'luxury', rate: '120', validFrom: '2026-13-01' } });
    expect(bad.body.errors.map((error: any) => error.pointer).sort()).toEqual(['/category', '/countryCode', '/rate', '/validFrom']);
  });

  it('creates, reads and updates a transport rule', async () => {
    const rule = await created('/transport-rules', { name: `Weight ${run}`, basis: 'weight', currency: 'EUR', countries: ['FR'], brackets: [{ from: '100', variable: '0.10' }, { from: '0', fixed: '15.00' }] });
    expect(rule.brackets.map((bracket: any) => bracket.from)).toEqual(['0', '100']);
    const updated = await api.request('PATCH', `/transport-rules/${rule.id}`, mergePatch({ countries: null }, '"1"'));
    expect(updated.status).toBe(200);
    expect(updated.body.countries).toBeUndefined();
    expect((await api.request('DELETE', `/transport-rules/${rule.id}`, { headers: { 'If-Match': '"2"' } })).status).toBe(204);
  });

  it('changes the structure with If-Match and names bad fields', async () => {
    const current = await api.request('GET', '/pricing-structure');
    expect(current.status).toBe(200);
    const etag = current.headers.get('etag')!;
    expect(etag).toBe(`"${current.body.version}"`);
    expect((await api.request('PATCH', '/pricing-structure', mergePatch({ unitPriceDecimals: 4 }))).status).toBe(428);
    const agent = await api.token('agent', 'agent-alice');
    expect((await api.request('PATCH', '/pricing-structure', mergePatch({ unitPriceDecimals: 4 }, etag, agent))).status).toBe(403);
    const bad = await api.request('PATCH', '/pricing-structure', mergePatch({ unitPriceDecimals: 12, sources: [{ source: 'offer', mode: 'stop' }, { source: 'offer', mode: 'stack' }] }, etag));
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: any) => error.pointer).sort()).toEqual(['/sources/1/source', '/unitPriceDecimals']);
    // Set it to what it is, with one field toggled and back: the version moves, the structure ends as it began.
    const toggled = current.body.costBasis === 'entered' ? 'lastPurchase' : 'entered';
    const changed = await api.request('PATCH', '/pricing-structure', mergePatch({ costBasis: toggled }, etag));
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ costBasis: toggled, version: current.body.version + 1, updatedBy: 'admin-user' });
    expect((await api.request('PATCH', '/pricing-structure', mergePatch({ costBasis: current.body.costBasis }, etag))).status).toBe(412);
    const back = await api.request('PATCH', '/pricing-structure', mergePatch({ costBasis: current.body.costBasis }, changed.headers.get('etag')!));
    expect(back.body.costBasis).toBe(current.body.costBasis);
  });
});
