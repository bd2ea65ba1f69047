import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Api } from '../support/api.ts';

/**
 * What a careless or hostile client sends, over HTTP through the real handlers: each refused with a 4xx that
 * names the field, nothing stored, and what is valid by the contract stored and read back as sent.
 */

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.stop();
});

const PIECES = { management: 'pce', sales: 'pce', price: 'pce' };
const json = { 'Content-Type': 'application/json' };

describe('input hygiene', () => {
  it('refuses a body that is not UTF-8, and a charset other than UTF-8, storing nothing', async () => {
    const bytes = Buffer.concat([Buffer.from('{"name":"Caf'), Buffer.from([0xe9]), Buffer.from(' Lyon"}')]);
    const latin1 = await api.request('POST', '/customers', { rawBody: bytes, headers: json });
    expect(latin1.status).toBe(400);
    expect(latin1.body).toMatchObject({ code: 'invalid_utf8', errors: [{ pointer: '' }] });
    const declared = await api.request('POST', '/customers', { rawBody: bytes, headers: { 'Content-Type': 'application/json; charset=iso-8859-1' } });
    expect(declared.status).toBe(415);
    expect(declared.body.errors).toEqual([{ pointer: '/header/Content-Type', message: 'must have no charset or charset=utf-8' }]);
    expect((await api.request('GET', '/customers?name=caf')).body.items).toEqual([]);
  });

  it('names a query parameter called toString or constructor like any other, on lists and on every other operation', async () => {
    const { body: customer } = await api.request('POST', '/customers', { body: { name: 'Query hygiene' } });
    for (const name of ['toString', 'constructor', '__proto__', 'unknown']) {
      const list = await api.request('GET', `/customers?${name}=x`);
      expect(list.status).toBe(400);
      expect(list.body.errors).toEqual([{ pointer: `/query/${name}`, message: 'is not a known field' }]);
      const read = await api.request('GET', `/customers/${customer.id}?${name}=x`);
      expect(read.body.errors).toEqual([{ pointer: `/query/${name}`, message: 'is not a parameter of this operation' }]);
    }
    const qualified = await api.request('POST', `/customers/${customer.id}/qualify?dryRun=true`, { headers: { 'If-Match': '"1"' } });
    expect(qualified.status).toBe(400);
    expect((await api.request('GET', `/customers/${customer.id}`)).body.state).toBe('prospect');
    const repeated = await api.request('GET', '/customers?limit=1&limit=50');
    expect(repeated.body.errors).toEqual([{ pointer: '/query/limit', message: 'must be given once' }]);
  });

  it('refuses control characters and bidirectional overrides in names, allows tabs and line feeds in notes', async () => {
    for (const name of ['Dupont\u0000', 'Dupont\nFils', '\u202Etnopud', 'Dupont\u0007', 'Dupont\uD800']) {
      const refused = await api.request('POST', '/customers', { rawBody: JSON.stringify({ name }), headers: json });
      expect(refused.status, JSON.stringify(name)).toBe(400);
      expect(refused.body.errors).toEqual([{ pointer: '/name', message: 'must be one line, without control characters or bidirectional overrides' }]);
    }
    const notes = 'Livrer avant 6h\n\tporte de derrière 🚚';
    const created = await api.request('POST', '/customers', { body: { name: 'Boulangerie 🥖 Émile', notes } });
    expect(created.status).toBe(201);
    expect((await api.request('GET', `/customers/${created.body.id}`)).body).toMatchObject({ name: 'Boulangerie 🥖 Émile', notes });
    const bell = await api.request('POST', '/customers', { body: { name: 'Bell', notes: 'ring\u0007' } });
    expect(bell.body.errors).toEqual([{ pointer: '/notes', message: 'may hold tabs and line feeds, but no other control character nor bidirectional override' }]);
  });

  it('stores, sorts and finds the longest names the contract allows, multi-byte ones included', async () => {
    // 200 characters that NFKD folds into 18 letters each: 10,800 bytes before the search key is cut.
    const ligatures = '\uFDFA'.repeat(200);
    const emoji = '😀'.repeat(200);
    for (const name of [ligatures, emoji]) {
      const created = await api.request('POST', '/customers', { body: { name } });
      expect(created.status).toBe(201);
      expect(created.body.name).toBe(name);
    }
    const found = await api.request('GET', `/customers?name=${encodeURIComponent('\uFDFA'.repeat(150))}`);
    expect(found.body.items.map((item: { name: string }) => item.name)).toEqual([ligatures]);
    expect((await api.request('POST', '/customers', { body: { name: '😀'.repeat(201) } })).body.errors).toEqual([{ pointer: '/name', message: 'must be at most 200 characters' }]);
  });

  it('refuses JavaScript built-in names as product parameters and keeps the others as sent', async () => {
    for (const key of ['constructor', 'toString', 'valueOf', 'hasOwnProperty']) {
      const refused = await api.request('POST', '/products', { rawBody: `{"code":"HYG-${key}","name":"Bar","units":${JSON.stringify(PIECES)},"parameters":{"${key}":"1"}}`, headers: json });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ pointer: `/parameters/${key}`, message: 'is a reserved name' }]);
    }
    const proto = await api.request('POST', '/products', { rawBody: `{"code":"HYG-P","name":"Bar","units":${JSON.stringify(PIECES)},"parameters":{"__proto__":"1"}}`, headers: json });
    expect(proto.status).toBe(400);
    const kept = await api.request('POST', '/products', { body: { code: 'HYG-OK', name: 'Bar', units: PIECES, parameters: { diameterMm: '20', lengthM: '6' } } });
    expect((await api.request('GET', `/products/${kept.body.id}`)).body.parameters).toEqual({ diameterMm: '20', lengthM: '6' });
  });

  it('answers a nesting deeper than the limit with a 400 even with an Idempotency-Key, and a decimal check on a non-decimal with one issue', async () => {
    const deep = '['.repeat(50_000) + ']'.repeat(50_000);
    const refused = await api.request('POST', '/customers', { rawBody: deep, headers: { ...json, 'Idempotency-Key': 'hygiene-deep' } });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('body_too_deep');
    const kit = await api.request('POST', '/products', { body: { code: 'HYG-PART', name: 'Part', units: PIECES } });
    const box = await api.request('POST', '/products', { body: { code: 'HYG-BOX', name: 'Box', kind: 'kit', units: PIECES, kit: { components: [{ productId: kit.body.id, quantity: '2' }] } } });
    for (const [quantity, message] of [
      ['abc', 'must be a decimal number written as a string, such as "12.50"'],
      ['1e400', 'must be a decimal number written as a string, such as "12.50"'],
      ['1.5', 'must be a whole number of pce'],
    ]) {
      const answer = await api.request('GET', `/products/${box.body.id}/kit-explosion?quantity=${quantity}`);
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([{ pointer: '/query/quantity', message }]);
    }
  });
});
