import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Api } from '../support/api.ts';

let api: Api;
let customerId: string;
beforeAll(async () => {
  api = await startApi();
  const created = await api.request('POST', '/customers', { body: { name: 'Transport HTTP SARL', countryCode: 'FR' } });
  customerId = created.body.id;
});
afterAll(async () => {
  await api?.stop();
});

/** The bytes on the wire (fetch would decompress them). */
function raw(path: string, method: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${api.baseUrl}${path}`, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('HEAD', () => {
  it('answers like GET on a resource, ETag and Content-Length included, with no body', async () => {
    const authorization = `Bearer ${await api.token('admin')}`;
    const get = await raw(`/customers/${customerId}`, 'GET', { Authorization: authorization });
    const head = await raw(`/customers/${customerId}`, 'HEAD', { Authorization: authorization });

    expect(get.status).toBe(200);
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers.etag).toBe('"1"');
    for (const name of ['etag', 'content-type', 'content-length', 'vary']) expect(head.headers[name], name).toBe(get.headers[name]);
    expect(Number(head.headers['content-length'])).toBe(get.body.length);
  });

  it('answers like GET on a list and on errors: 404, 401, 400', async () => {
    const authorization = `Bearer ${await api.token('admin')}`;
    const list = await raw('/customers?limit=1', 'HEAD', { Authorization: authorization });
    const missing = await raw('/customers/cus_01JD5Z8P6V4N3M2K1H0G9F8E7D', 'HEAD', { Authorization: authorization });
    const anonymous = await raw(`/customers/${customerId}`, 'HEAD', {});
    const invalid = await raw('/customers?limit=999', 'HEAD', { Authorization: authorization });

    expect([list.status, missing.status, anonymous.status, invalid.status]).toEqual([200, 404, 401, 400]);
    expect(list.headers['content-type']).toMatch(/^application\/json/);
    for (const response of [missing, anonymous, invalid]) {
      expect(response.headers['content-type']).toBe('application/problem+json');
      expect(response.body.length).toBe(0);
    }
  });

  it('is refused where there is no GET, as any other method', async () => {
    const response = await raw('/price-simulations', 'HEAD', { Authorization: `Bearer ${await api.token('admin')}` });

    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('POST');
  });
});

describe('Accept', () => {
  it.each(['text/html', 'application/xml', 'application/json;q=0, application/problem+json;q=0', 'text/*, image/png', 'application/json;q=0, text/plain', 'application/json;charset=iso-8859-1'])(
    'refuses %s with a 406 problem naming the header, before reading anything',
    async (accept) => {
      const response = await api.request('GET', `/customers/${customerId}`, { headers: { Accept: accept } });

      expect(response.status).toBe(406);
      expect(response.body).toMatchObject({
        status: 406,
        title: 'Not Acceptable',
        code: 'not_acceptable',
        errors: [{ pointer: '/header/Accept', message: expect.stringContaining('application/json') }],
      });
    },
  );

  it('refuses writes too, and changes nothing', async () => {
    const refused = await api.request('POST', '/customers', { body: { name: 'Never created' }, headers: { Accept: 'text/html' } });
    const list = await api.request('GET', '/customers?name=never%20created');

    expect(refused.status).toBe(406);
    expect(list.body.items).toEqual([]);
  });

  it.each([
    '*/*',
    'application/*',
    'application/json',
    'application/problem+json',
    'text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8',
    'application/json;q=0.1, text/html',
    'APPLICATION/JSON',
    'application/json; charset=utf-8',
  ])('serves %s', async (accept) => {
    const response = await api.request('GET', `/customers/${customerId}`, { headers: { Accept: accept } });

    expect(response.status).toBe(200);
    expect(response.body.id).toBe(customerId);
  });

  it('serves a request without Accept', async () => {
    const response = await raw(`/customers/${customerId}`, 'GET', { Authorization: `Bearer ${await api.token('admin')}` });

    expect(response.status).toBe(200);
  });
});

describe('compression', () => {
  it('gzips a list for a client that accepts it, a fraction of its size, and sends it as it is otherwise', async () => {
    for (let index = 0; index < 30; index++) {
      await api.request('POST', '/customers', { body: { name: `Compression ${String(index).padStart(2, '0')} SAS`, countryCode: 'FR', notes: 'Livrer le matin' } });
    }
    const authorization = `Bearer ${await api.token('admin')}`;
    const path = '/customers?name=compression&limit=50';

    const plain = await raw(path, 'GET', { Authorization: authorization });
    const gzipped = await raw(path, 'GET', { Authorization: authorization, 'Accept-Encoding': 'gzip' });

    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toContain('Accept-Encoding');
    expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
    const ratio = plain.body.length / gzipped.body.length;
    expect(ratio).toBeGreaterThan(4);
    console.info(`GET ${path}: ${plain.body.length} bytes, ${gzipped.body.length} gzipped (${ratio.toFixed(1)}×)`);
  });
});

describe('list cursors', () => {
  it('are opaque, and any other cursor is a 400 naming /query/cursor, never a 500', async () => {
    await api.request('POST', '/customers', { body: { name: 'Curseur Un' } });
    await api.request('POST', '/customers', { body: { name: 'Curseur Deux' } });
    const first = await api.request('GET', '/customers?name=curseur&limit=1');
    const cursor: string = first.body.nextCursor;
    expect(Buffer.from(cursor, 'base64url').toString('latin1')).not.toMatch(/gsi|"pk"|"sk"|CUSTOMER|curseur/);

    const bytes = Buffer.from(cursor, 'base64url');
    bytes[bytes.length - 1]! ^= 1;
    const forged = Buffer.from(JSON.stringify({ pk: 'CUSTOMER#x', sk: '#CUSTOMER', gsi1pk: 'CUSTOMERS', gsi1sk: 'a' })).toString('base64url');
    for (const [path, spoiled] of [
      ['/customers?name=curseur&', bytes.toString('base64url')],
      ['/customers?name=curseur&', cursor.slice(0, 20)],
      ['/customers?name=curseur&', forged],
      ['/customers?name=autre&', cursor],
      ['/products?', cursor],
    ] as const) {
      const response = await api.request('GET', `${path}limit=1&cursor=${encodeURIComponent(spoiled)}`);
      expect(response.status, `${path} ${spoiled}`).toBe(400);
      expect(response.body.errors).toEqual([{ pointer: '/query/cursor', message: expect.any(String) }]);
    }
    const second = await api.request('GET', `/customers?name=curseur&limit=1&cursor=${cursor}`);
    expect(second.body).toMatchObject({ items: [{ name: 'Curseur Un' }], nextCursor: null });
  });
});
