import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Api } from '../support/api.ts';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.stop();
});

const dupont = {
  name: 'Boulangerie Dupont',
  countryCode: 'FR',
  vatNumber: 'FR40303265045',
  paymentTerms: { netDays: 30, endOfMonth: true, method: 'bank_transfer' },
  addresses: [
    { label: 'Siège', roles: ['invoiced_to', 'paid_by'], line1: '1 rue de la Paix', postalCode: '75002', city: 'Paris', countryCode: 'FR' },
    { label: 'Fournil', roles: ['delivered_to'], line1: '8 rue du Four', postalCode: '75006', city: 'Paris', countryCode: 'FR' },
  ],
  contacts: [
    { firstName: 'Anne', lastName: 'Dupont', communication: { mobile: '06 12 34 56 78', email: 'anne@dupont.fr' } },
    { firstName: 'Marc', lastName: 'Petit', communication: { phone: '01 23 45 67 89' } },
    { firstName: 'Léa', lastName: 'Roux' },
  ],
};

describe('customers over HTTP', () => {
  it('creates a customer with two addresses and three contacts and reads it back', async () => {
    const created = await api.request('POST', '/customers', { body: dupont });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.headers.get('location')).toBe(`/customers/${created.body.id}`);
    expect(created.headers.get('x-correlation-id')).toBeTruthy();
    expect(created.body).toMatchObject({ state: 'prospect', version: 1, currency: 'EUR' });
    expect(created.body.addresses).toHaveLength(2);
    expect(created.body.contacts.map((c: { communication?: { mobile?: string } }) => c.communication?.mobile)).toEqual(['+33612345678', undefined, undefined]);
    expect(created.body).not.toHaveProperty('addressCount');

    const read = await api.request('GET', `/customers/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    expect(read.headers.get('etag')).toBe('"1"');
  });

  it('updates with a merge patch under If-Match: 428 without, 412 when stale', async () => {
    const { body: customer } = await api.request('POST', '/customers', { body: { name: 'Patchable' } });
    const path = `/customers/${customer.id}`;
    const patch = { rawBody: JSON.stringify({ notes: 'Livrer avant 6h' }), headers: { 'Content-Type': 'application/merge-patch+json' } };

    const missing = await api.request('PATCH', path, patch);
    expect(missing.status).toBe(428);
    expect(missing.body.errors).toEqual([{ pointer: '/header/If-Match', message: 'is required' }]);

    const ok = await api.request('PATCH', path, { ...patch, headers: { ...patch.headers, 'If-Match': '"1"' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"2"');
    expect(ok.body.notes).toBe('Livrer avant 6h');

    const stale = await api.request('PATCH', path, { ...patch, headers: { ...patch.headers, 'If-Match': '"1"' } });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('version_mismatch');
  });

  it('runs the lifecycle actions and refuses impossible transitions with 409', async () => {
    const { body: customer } = await api.request('POST', '/customers', { body: { name: 'Lifecycle' } });
    const qualified = await api.request('POST', `/customers/${customer.id}/qualify`, { headers: { 'If-Match': '"1"' } });
    expect(qualified.status).toBe(200);
    expect(qualified.body.state).toBe('qualified');
    const unblock = await api.request('POST', `/customers/${customer.id}/unblock`, { headers: { 'If-Match': '"2"' } });
    expect(unblock.status).toBe(409);
    expect(unblock.body.code).toBe('invalid_state_transition');
    const block = await api.request('POST', `/customers/${customer.id}/abandon`, { headers: { 'If-Match': '"2"' }, body: {} });
    expect(block.status).toBe(400);
    expect(block.body.errors).toEqual([{ pointer: '/reason', message: 'is required to abandon a customer' }]);
  });

  it('manages addresses and contacts as sub-resources', async () => {
    const { body: customer } = await api.request('POST', '/customers', { body: { name: 'Children' } });
    const base = `/customers/${customer.id}`;
    const address = await api.request('POST', `${base}/addresses`, { body: { label: 'Dépôt', roles: ['delivered_to'], line1: 'ZI', city: 'Lyon', countryCode: 'FR' } });
    expect(address.status).toBe(201);
    expect(address.headers.get('location')).toBe(`${base}/addresses/${address.body.id}`);
    const contact = await api.request('POST', `${base}/contacts`, { body: { lastName: 'Lemaire', addressId: address.body.id } });
    expect(contact.status).toBe(201);

    const inUse = await api.request('DELETE', `${base}/addresses/${address.body.id}`, { headers: { 'If-Match': '"1"' } });
    expect(inUse.status).toBe(409);
    const patched = await api.request('PATCH', `${base}/contacts/${contact.body.id}`, { headers: { 'If-Match': '"1"' }, body: { addressId: null, jobTitle: 'Acheteur' } });
    expect(patched.body).toMatchObject({ version: 2, jobTitle: 'Acheteur' });
    expect(patched.body).not.toHaveProperty('addressId');
    expect((await api.request('DELETE', `${base}/addresses/${address.body.id}`, { headers: { 'If-Match': '"1"' } })).status).toBe(204);

    const contacts = await api.request('GET', `${base}/contacts?limit=10`);
    expect(contacts.body).toEqual({ items: [patched.body], nextCursor: null });
    const read = await api.request('GET', base);
    expect(read.headers.get('etag')).toBe('"5"');
  });

  it('turns a contact into a customer', async () => {
    const { body: customer } = await api.request('POST', '/customers', { body: { name: 'Source', contacts: [{ firstName: 'Jo', lastName: 'Martin' }] } });
    const contactId = customer.contacts[0].id;
    const converted = await api.request('POST', `/customers/${customer.id}/contacts/${contactId}/convert-to-customer`, { headers: { 'If-Match': '"1"' }, body: { asSubsidiary: true } });
    expect(converted.status).toBe(201);
    expect(converted.body).toMatchObject({ name: 'Jo Martin', kind: 'person', parentCustomerId: customer.id });
    const again = await api.request('POST', `/customers/${customer.id}/contacts/${contactId}/convert-to-customer`, { headers: { 'If-Match': '"2"' } });
    expect(again.status).toBe(409);
    const subsidiaries = await api.request('GET', `/customers?parentCustomerId=${customer.id}`);
    expect(subsidiaries.body.items.map((c: { id: string }) => c.id)).toEqual([converted.body.id]);
  });
});

describe('authentication and authorization', () => {
  it('answers 401 without a token or with a bad one', async () => {
    const none = await api.request('GET', '/customers', { token: null });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await api.request('GET', '/customers', { token: 'abc.def.ghi' })).status).toBe(401);
    expect((await api.request('GET', '/customers', { token: null, headers: { Authorization: 'Basic dXNlcjpwYXNz' } })).status).toBe(401);
  });

  it('keeps integrations read-only', async () => {
    const shop = await api.token('integration', 'shop-1');
    expect((await api.request('GET', '/customers', { token: shop })).status).toBe(200);
    const write = await api.request('POST', '/customers', { token: shop, body: { name: 'X' } });
    expect(write.status).toBe(403);
  });

  it('shows an agent only their customers: others are 404, lists are theirs', async () => {
    const alice = await api.token('agent', 'alice-api');
    const bob = await api.token('agent', 'bob-api');
    const { body: mine } = await api.request('POST', '/customers', { token: alice, body: { name: 'Alice Corp' } });
    expect(mine.salesAgentId).toBe('alice-api');
    const theirs = await api.request('GET', `/customers/${mine.id}`, { token: bob });
    expect(theirs.status).toBe(404);
    const patch = await api.request('PATCH', `/customers/${mine.id}`, { token: bob, headers: { 'If-Match': '"1"' }, body: { notes: 'x' } });
    expect(patch.status).toBe(404);
    const list = await api.request('GET', '/customers', { token: bob });
    expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(mine.id);
    expect((await api.request('GET', '/customers?salesAgentId=alice-api', { token: bob })).status).toBe(400);
    expect((await api.request('POST', '/customers', { token: bob, body: { name: 'Y', salesAgentId: 'alice-api' } })).status).toBe(403);
  });
});

describe('bad input never gets a 500', () => {
  it('names the field and the reason', async () => {
    const cases: [string, string, { body?: unknown; rawBody?: string; headers?: Record<string, string> }, number, string][] = [
      ['POST', '/customers', { rawBody: '{"name": ', headers: { 'Content-Type': 'application/json' } }, 400, ''],
      ['POST', '/customers', { rawBody: 'name=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, 415, '/header/Content-Type'],
      ['POST', '/customers', { body: { name: 42 } }, 400, '/name'],
      ['POST', '/customers', { body: { name: 'x', colour: 'red' } }, 400, '/colour'],
      ['POST', '/customers', { body: { name: 'x', version: 3 } }, 400, '/version'],
      ['POST', '/customers', { body: { name: 'x', bankAccounts: [{ iban: 'FR00 1234' }] } }, 400, '/bankAccounts/0/iban'],
      ['POST', '/customers', { body: { name: 'x', addresses: [{ line1: 'a', city: 'b', countryCode: 'XX' }] } }, 400, '/addresses/0/countryCode'],
      ['POST', '/customers', { body: ['name'] }, 400, ''],
      ['GET', '/customers?limit=500', {}, 400, '/query/limit'],
      ['GET', '/customers?limit=two', {}, 400, '/query/limit'],
      ['GET', '/customers?colour=red', {}, 400, '/query/colour'],
      ['GET', '/customers?cursor=Zm9v', {}, 400, '/query/cursor'],
      ['GET', '/customers?updatedSince=yesterday', {}, 400, '/query/updatedSince'],
      ['POST', '/customers', { body: { name: 'x' }, headers: { 'Idempotency-Key': 'a'.repeat(300) } }, 400, '/header/Idempotency-Key'],
    ];
    for (const [method, path, options, status, pointer] of cases) {
      const response = await api.request(method, path, options);
      expect([method, path, response.status]).toEqual([method, path, status]);
      expect(response.body.errors?.map((e: { pointer: string }) => e.pointer), `${method} ${path}`).toContain(pointer);
    }
  });

  it('refuses an oversized body with 413', async () => {
    const response = await api.request('POST', '/customers', { body: { name: 'x', notes: 'n'.repeat(300 * 1024) } });
    expect(response.status).toBe(413);
  });

  it('answers 404 for a well-formed id that does not exist', async () => {
    const response = await api.request('GET', '/customers/cus_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A');
    expect(response.status).toBe(404);
  });

  it('survives random JSON bodies with 4xx only', async () => {
    const bodies: unknown[] = [null, 0, 'x', [], {}, { name: null }, { name: {} }, { name: 'x', addresses: 'y' }, { name: 'x', contacts: [null] },
      { name: 'x', credit: { limit: { amount: 1, currency: 'EUR' } } }, { name: 'x', openingSchedule: { weekly: [{ day: 'funday' }] } }, { name: 'x'.repeat(1000) }];
    for (const body of bodies) {
      const response = await api.request('POST', '/customers', { rawBody: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
  });
});

describe('idempotency', () => {
  it('replays the first response for the same key and body, and refuses another body', async () => {
    const headers = { 'Idempotency-Key': `create-${Date.now()}` };
    const first = await api.request('POST', '/customers', { headers, body: { name: 'Once Only' } });
    const second = await api.request('POST', '/customers', { headers, body: { name: 'Once Only' } });
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const other = await api.request('POST', '/customers', { headers, body: { name: 'Something else' } });
    expect(other.status).toBe(422);
    const list = await api.request('GET', '/customers?name=once%20only');
    expect(list.body.items).toHaveLength(1);
  });

  it('scopes keys to the caller and lets a failed request be retried', async () => {
    const headers = { 'Idempotency-Key': `shared-${Date.now()}` };
    const a = await api.request('POST', '/customers', { headers, body: { name: 'Scoped' }, token: await api.token('manager', 'm1') });
    const b = await api.request('POST', '/customers', { headers, body: { name: 'Scoped' }, token: await api.token('manager', 'm2') });
    expect(b.body.id).not.toBe(a.body.id);
    const retryKey = { 'Idempotency-Key': `retry-${Date.now()}` };
    const failed = await api.request('POST', '/customers', { headers: retryKey, body: { name: '' } });
    expect(failed.status).toBe(400);
    const retried = await api.request('POST', '/customers', { headers: retryKey, body: { name: 'Fixed' } });
    expect(retried.status).toBe(201);
  });
});

describe('pagination', () => {
  it('walks an agent\'s book page by page with an opaque cursor', async () => {
    const carol = await api.token('agent', 'carol-pages');
    for (const name of ['A1', 'A2', 'A3', 'A4', 'A5']) await api.request('POST', '/customers', { token: carol, body: { name } });
    const names: string[] = [];
    let path = '/customers?limit=2';
    for (;;) {
      const page = await api.request('GET', path, { token: carol });
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      names.push(...page.body.items.map((c: { name: string }) => c.name));
      if (!page.body.nextCursor) break;
      path = `/customers?limit=2&cursor=${encodeURIComponent(page.body.nextCursor)}`;
    }
    expect(names).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
  });
});
