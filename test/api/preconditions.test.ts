import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../domain/shared/events.ts';
import { newId } from '../../domain/shared/ids.ts';
import { localBus } from '../../functions/composition.ts';
import { startApi, type Api, type RequestOptions } from '../support/api.ts';

/**
 * HTTP preconditions and writes as RFC 9110 says: If-Match (`*`, lists, strong comparison), If-None-Match: * on
 * creates whose identity the client chooses, path parameters that name nothing, merge patches that change nothing,
 * and writes without If-Match that must not lose to concurrent writers of the same aggregate.
 */

let api: Api;
const run = newId('event').slice(-8);
const PIECES = { management: 'pce', sales: 'pce', price: 'pce' };
const received: DomainEvent[] = [];

beforeAll(async () => {
  api = await startApi();
  localBus().subscribe('*', (event) => void received.push(event));
});
afterAll(() => api?.stop());

async function created(path: string, body: unknown, options: RequestOptions = {}): Promise<any> {
  const response = await api.request('POST', path, { ...options, body });
  expect(response.status, `POST ${path}: ${JSON.stringify(response.body)}`).toBe(201);
  return response.body;
}

const mergePatch = (body: unknown, ifMatch?: string): RequestOptions => ({
  rawBody: JSON.stringify(body),
  headers: { 'Content-Type': 'application/merge-patch+json', ...(ifMatch !== undefined ? { 'If-Match': ifMatch } : {}) },
});

describe('If-Match', () => {
  it('accepts *, and a list when one of its tags is the current version', async () => {
    const customer = await created('/customers', { name: `Star ${run}` });
    const path = `/customers/${customer.id}`;
    const star = await api.request('PATCH', path, mergePatch({ notes: 'one' }, '*'));
    expect([star.status, star.headers.get('etag'), star.body.notes]).toEqual([200, '"2"', 'one']);
    const list = await api.request('PATCH', path, mergePatch({ notes: 'two' }, '"7", W/"2", "2"'));
    expect([list.status, list.headers.get('etag'), list.body.notes]).toEqual([200, '"3"', 'two']);
    const action = await api.request('POST', `${path}/qualify`, { headers: { 'If-Match': '*' } });
    expect([action.status, action.body.state, action.headers.get('etag')]).toEqual([200, 'qualified', '"4"']);
  });

  it('is a 412, never a 400, for tags that match nothing: weak, stale, not ours, malformed', async () => {
    const customer = await created('/customers', { name: `Tags ${run}` });
    const path = `/customers/${customer.id}`;
    for (const tag of ['W/"1"', '"2"', '"abc"', '"99999999999999999999"', 'xyz', '"01"', '"1', ',', '"2", "3"']) {
      const response = await api.request('PATCH', path, mergePatch({ notes: 'never' }, tag));
      expect([tag, response.status, response.body.code]).toEqual([tag, 412, 'version_mismatch']);
      expect(response.body.detail).toMatch(/^The resource is at version 1, /);
    }
    expect((await api.request('PATCH', path, mergePatch({ notes: 'x' }, '"2", "3"'))).body.detail).toBe(
      'The resource is at version 1, not one of 2, 3: read it again and reapply your change',
    );
    const read = await api.request('GET', path);
    expect([read.headers.get('etag'), read.body.notes]).toEqual(['"1"', undefined]);
    const missing = await api.request('PATCH', path, mergePatch({ notes: 'x' }));
    expect([missing.status, missing.body.code]).toEqual([428, 'if_match_required']);
  });

  it('answers 404 before any precondition when the resource does not exist, even with *', async () => {
    const response = await api.request('PATCH', '/customers/cus_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A', mergePatch({ notes: 'x' }, '*'));
    expect([response.status, response.body.code]).toEqual([404, 'not_found']);
  });

  it('applies to every context: a unit, the pricing structure', async () => {
    const code = `u${run.toLowerCase()}`;
    await created('/units', { code, name: 'bag', dimension: 'count', factor: '25', decimals: 0 });
    expect((await api.request('PATCH', `/units/${code}`, mergePatch({ name: 'bag of 25' }, '*'))).status).toBe(200);
    expect((await api.request('PATCH', `/units/${code}`, mergePatch({ name: 'x' }, 'W/"2"'))).status).toBe(412);
    // The structure always has a representation (the default, version 0, until changed): * matches it.
    const structure = await api.request('GET', '/pricing-structure');
    const etag = structure.headers.get('etag')!;
    for (const ifMatch of ['*', `"x", ${etag}`]) {
      const patched = await api.request('PATCH', '/pricing-structure', mergePatch({ costBasis: structure.body.costBasis }, ifMatch));
      expect([ifMatch, patched.status, patched.headers.get('etag')]).toEqual([ifMatch, 200, etag]);
    }
    expect((await api.request('PATCH', '/pricing-structure', mergePatch({ costBasis: structure.body.costBasis }, `W/${etag}`))).status).toBe(412);
  });
});

describe('If-None-Match: * on creates whose identity the client chooses', () => {
  const onlyIfAbsent = { 'If-None-Match': '*' };

  it('creates a unit once, then answers 412 instead of 409; any other value is a 400', async () => {
    const unit = { code: `n${run.toLowerCase()}`, name: 'crate', dimension: 'count', factor: '12', decimals: 0 };
    expect((await api.request('POST', '/units', { body: unit, headers: onlyIfAbsent })).status).toBe(201);
    const again = await api.request('POST', '/units', { body: unit, headers: onlyIfAbsent });
    expect([again.status, again.body.code]).toEqual([412, 'unit_code_taken']);
    const standard = await api.request('POST', '/units', { body: { ...unit, code: 'kg' }, headers: onlyIfAbsent });
    expect([standard.status, standard.body.code]).toEqual([412, 'unit_code_taken']);
    expect((await api.request('POST', '/units', { body: unit })).status).toBe(409);
    for (const value of ['"1"', 'W/"1"', '*, "1"', 'yes']) {
      const response = await api.request('POST', '/units', { body: { ...unit, code: `m${run.toLowerCase()}` }, headers: { 'If-None-Match': value } });
      expect([value, response.status, response.body.errors?.[0]?.pointer]).toEqual([value, 400, '/header/If-None-Match']);
    }
    expect((await api.request('GET', `/units/m${run.toLowerCase()}`)).status).toBe(404);
  });

  it('does the same for VAT rates and exchange rates by their natural key', async () => {
    const day = `20${40 + (parseInt(run.slice(-2), 36) % 50)}-03-0${1 + (parseInt(run.slice(-3, -2), 36) % 9)}`;
    const vat = { countryCode: 'LU', category: 'reduced', rate: '8', validFrom: day };
    expect((await api.request('POST', '/vat-rates', { body: vat, headers: onlyIfAbsent })).status).toBe(201);
    const vatAgain = await api.request('POST', '/vat-rates', { body: { ...vat, rate: '9' }, headers: onlyIfAbsent });
    expect([vatAgain.status, vatAgain.body.code]).toEqual([412, 'vat_rate_exists']);
    expect((await api.request('POST', '/vat-rates', { body: vat })).status).toBe(409);

    const rate = { from: 'CHF', to: 'JPY', rate: '170.5', validFrom: day };
    expect((await api.request('POST', '/exchange-rates', { body: rate, headers: onlyIfAbsent })).status).toBe(201);
    const rateAgain = await api.request('POST', '/exchange-rates', { body: rate, headers: onlyIfAbsent });
    expect([rateAgain.status, rateAgain.body.code]).toEqual([412, 'exchange_rate_exists']);
    const bad = await api.request('POST', '/exchange-rates', { body: { ...rate, validFrom: '2039-01-01' }, headers: { 'If-None-Match': '"1"' } });
    expect([bad.status, bad.body.errors?.[0]?.pointer]).toEqual([400, '/header/If-None-Match']);
  });

  it('does the same for a customer by its code; without a code there is nothing to collide with', async () => {
    const code = `PC${run}`;
    expect((await api.request('POST', '/customers', { body: { name: 'Coded', code }, headers: onlyIfAbsent })).status).toBe(201);
    const taken = await api.request('POST', '/customers', { body: { name: 'Other', code }, headers: onlyIfAbsent });
    expect([taken.status, taken.body.code]).toEqual([412, 'customer_code_taken']);
    expect((await api.request('POST', '/customers', { body: { name: 'Other', code } })).status).toBe(409);
    expect((await api.request('POST', '/customers', { body: { name: 'Uncoded' }, headers: onlyIfAbsent })).status).toBe(201);
  });
});

describe('a path parameter that names nothing is a 404, whatever its shape', () => {
  it('answers not_found for malformed ids, codes and keys, on reads and writes alike', async () => {
    const customer = await created('/customers', { name: `Paths ${run}` });
    const paths = [
      '/customers/abc',
      '/customers/cus_%00',
      `/customers/cus_${'A'.repeat(5000)}`,
      '/customers/CUS_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A',
      `/customers/${customer.id}/addresses/not-an-address`,
      `/customers/${customer.id}/contacts/adr_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A`,
      `/customers/${customer.id}/references/not-a-ref`,
      '/products/not-an-id',
      '/families/prd_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A',
      '/units/Roll',
      `/units/${'a'.repeat(3000)}`,
      '/units/%F0%9F%93%A6',
      '/price-lists/x',
      '/price-lists/prl_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A/rules/nope',
      '/transport-rules/trr_',
      '/vat-rates/fr/standard/2027-01-01',
      '/vat-rates/FR/luxury/2027-01-01',
      '/vat-rates/FR/standard/tomorrow',
      `/vat-rates/FR/standard/${'9'.repeat(2000)}`,
      '/exchange-rates/usd/EUR/2027-01-01',
      '/exchange-rates/USD/EURO/2027-01-01',
      '/exchange-rates/USD/EUR/2027-99-99',
    ];
    for (const path of paths) {
      const response = await api.request('GET', path);
      expect([path.slice(0, 80), response.status, response.body.code]).toEqual([path.slice(0, 80), 404, 'not_found']);
    }
    for (const path of ['/customers/abc', '/units/Roll', '/vat-rates/FR/luxury/2027-01-01', '/products/x']) {
      const response = await api.request('PATCH', path, mergePatch({ name: 'x' }, '"1"'));
      expect([path, response.status]).toEqual([path, 404]);
    }
    const remove = await api.request('DELETE', '/exchange-rates/USD/EUR/someday', { headers: { 'If-Match': '"1"' } });
    expect(remove.status).toBe(404);
  });
});

describe('a merge patch that changes nothing changes nothing', () => {
  it('keeps the version, the ETag and updatedAt, and writes no event, for every update operation', async () => {
    const customer = await created('/customers', {
      name: `Same ${run}`,
      paymentTerms: { netDays: 30, endOfMonth: true, method: 'bank_transfer' },
      addresses: [{ label: 'Siège', roles: ['invoiced_to'], line1: '1 rue de la Paix', postalCode: '75002', city: 'Paris', countryCode: 'FR' }],
      contacts: [{ firstName: 'Anne', lastName: 'Dupont', communication: { email: 'anne@example.com' } }],
    });
    const c = `/customers/${customer.id}`;
    const address = customer.addresses[0];
    const contact = customer.contacts[0];
    const unitCode = `s${run.toLowerCase()}`;
    await created('/units', { code: unitCode, name: 'sack', dimension: 'count', factor: '10', decimals: 0 });
    const family = await created('/families', { code: `${run}-SAME`, name: 'Same' });
    const product = await created('/products', { code: `${run}-SAME`, name: 'Same', units: PIECES, familyId: family.id, parameters: { lengthMm: '20' } });
    const reference = await created(`${c}/references`, { productId: product.id, customerCode: `REF-${run}` });
    const list = await created('/price-lists', { source: 'standard_list', name: `Same ${run}`, currency: 'EUR', rules: [{ target: { kind: 'product', productId: product.id }, action: { kind: 'discount', percents: ['5'] } }] });
    const rule = list.rules[0];
    const day = `2038-0${1 + (parseInt(run.slice(-1), 36) % 9)}-1${parseInt(run.slice(-2, -1), 36) % 10}`;
    await created('/vat-rates', { countryCode: 'BE', category: 'standard', rate: '21', validFrom: day });
    await created('/exchange-rates', { from: 'SEK', to: 'NOK', rate: '0.98', validFrom: day });
    const transport = await created('/transport-rules', { name: `Same ${run}`, basis: 'weight', currency: 'EUR', countries: ['FR'], brackets: [{ from: '0', fixed: '15.00' }] });
    const structure = (await api.request('GET', '/pricing-structure')).body;

    // Each patch restates values the resource already has (objects with their keys in another order, a decimal written
    // another way): nothing changes.
    const cases: [string, unknown, string][] = [
      [c, { name: customer.name, paymentTerms: { method: 'bank_transfer', endOfMonth: true, netDays: 30 } }, customer.id],
      [`${c}/addresses/${address.id}`, { city: 'Paris', roles: ['invoiced_to'] }, customer.id],
      [`${c}/contacts/${contact.id}`, { lastName: 'Dupont', communication: { email: 'anne@example.com' } }, customer.id],
      [`/units/${unitCode}`, { name: 'sack' }, unitCode],
      [`/families/${family.id}`, { name: 'Same', code: family.code }, family.id],
      [`/products/${product.id}`, { name: 'Same', units: { price: 'pce', sales: 'pce', management: 'pce' }, parameters: { lengthMm: '20' } }, product.id],
      [`${c}/references/${reference.id}`, { customerCode: reference.customerCode }, reference.id],
      [`/price-lists/${list.id}`, { name: list.name }, list.id],
      [`/price-lists/${list.id}/rules/${rule.id}`, { action: { percents: ['5'], kind: 'discount' } }, rule.id],
      [`/vat-rates/BE/standard/${day}`, { rate: '21.0' }, `BE/standard/${day}`],
      [`/exchange-rates/SEK/NOK/${day}`, { rate: '0.980' }, `SEK/NOK/${day}`],
      [`/transport-rules/${transport.id}`, { countries: ['FR'], brackets: [{ fixed: '15.00', from: '0' }] }, transport.id],
      ['/pricing-structure', { costBasis: structure.costBasis, sources: structure.sources }, 'pricing-structure'],
    ];
    const subjects = new Set(cases.map(([, , subject]) => subject));
    // Let the creation events arrive: only the events after this point count.
    await new Promise((resolve) => setTimeout(resolve, 800));
    // The bus delivers (the creations arrived), so that an empty list of events below means none was written.
    expect(received.some((event) => event.subject === customer.id && event.type === 'customer.created')).toBe(true);
    const before = received.length;
    for (const [path, body] of cases) {
      const read = await api.request('GET', path);
      const etag = read.headers.get('etag')!;
      const customerBefore = (await api.request('GET', c)).headers.get('etag');
      const patched = await api.request('PATCH', path, mergePatch(body, etag));
      expect([path, patched.status, patched.headers.get('etag')], JSON.stringify(patched.body)).toEqual([path, 200, etag]);
      expect(patched.body).toEqual(read.body);
      const reread = await api.request('GET', path);
      expect([path, reread.headers.get('etag'), reread.body.updatedAt]).toEqual([path, etag, read.body.updatedAt]);
      // An address or a contact that does not change does not move its customer's version either.
      expect((await api.request('GET', c)).headers.get('etag')).toBe(customerBefore);
    }
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(received.slice(before).filter((event) => subjects.has(event.subject)).map((event) => event.type)).toEqual([]);
  });

  it('still refuses a stale If-Match, and changes what does change', async () => {
    const customer = await created('/customers', { name: `Change ${run}` });
    const path = `/customers/${customer.id}`;
    expect((await api.request('PATCH', path, mergePatch({ name: customer.name }, '"2"'))).status).toBe(412);
    const changed = await api.request('PATCH', path, mergePatch({ name: `${customer.name}!` }, '"1"'));
    expect([changed.status, changed.headers.get('etag')]).toEqual([200, '"2"']);
  });
});

describe('writes without If-Match never lose to concurrent writers of the same aggregate', () => {
  it('adds 10 contacts and then 10 addresses at once: 10 × 201 each, and the version moves by exactly 10 each time', async () => {
    const customer = await created('/customers', { name: `Busy ${run}` });
    const path = `/customers/${customer.id}`;
    const contacts = await Promise.all(Array.from({ length: 10 }, (_, i) => api.request('POST', `${path}/contacts`, { body: { lastName: `Contact ${i}` } })));
    expect(contacts.map((response) => response.status)).toEqual(Array(10).fill(201));
    let read = await api.request('GET', path);
    expect([read.headers.get('etag'), read.body.version, read.body.contacts.length]).toEqual(['"11"', 11, 10]);
    expect(read.body.contacts.map((c: { lastName: string }) => c.lastName).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `Contact ${i}`));

    const addresses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => api.request('POST', `${path}/addresses`, { body: { line1: `${i} rue du Four`, city: 'Paris', countryCode: 'FR' } })),
    );
    expect(addresses.map((response) => response.status)).toEqual(Array(10).fill(201));
    read = await api.request('GET', path);
    expect([read.body.version, read.body.addresses.length, read.body.contacts.length]).toEqual([21, 10, 10]);
  });

  it('creates 10 sub-families of one parent at once: 10 × 201, the parent counts 10 children at version 11', async () => {
    const parent = await created('/families', { code: `${run}-PARENT`, name: 'Parent' });
    const children = await Promise.all(
      Array.from({ length: 10 }, (_, i) => api.request('POST', '/families', { body: { code: `${run}-CHILD-${i}`, name: `Child ${i}`, parentId: parent.id } })),
    );
    expect(children.map((response) => response.status)).toEqual(Array(10).fill(201));
    const read = await api.request('GET', `/families/${parent.id}`);
    expect([read.body.childCount, read.body.version, read.headers.get('etag')]).toEqual([10, 11, '"11"']);
    const listed = await api.request('GET', `/families?parentId=${parent.id}`);
    expect(listed.body.items).toHaveLength(10);
  });

  it('still answers 412 to the one whose If-Match went stale under concurrent changes', async () => {
    const customer = await created('/customers', { name: `Racers ${run}` });
    const path = `/customers/${customer.id}`;
    const racers = await Promise.all(Array.from({ length: 5 }, (_, i) => api.request('PATCH', path, mergePatch({ notes: `racer ${i}` }, '"1"'))));
    expect(racers.map((response) => response.status).sort()).toEqual([200, 412, 412, 412, 412]);
    expect((await api.request('GET', path)).body.version).toBe(2);
  });
});
