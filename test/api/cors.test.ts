import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Api } from '../support/api.ts';

/** `npm start` allows every origin: local frontends run on any localhost port. */
const FRONTEND = 'http://localhost:5173';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.stop();
});

describe('a frontend on another origin', () => {
  it('gets through the browser\'s preflight, without a token', async () => {
    const response = await fetch(`${api.baseUrl}/customers/cus_01JD5Z8P6V4N3M2K1H0G9F8E7D`, {
      method: 'OPTIONS',
      headers: { Origin: FRONTEND, 'Access-Control-Request-Method': 'PATCH', 'Access-Control-Request-Headers': 'authorization, content-type, if-match' },
    });

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, PATCH, OPTIONS');
    expect(response.headers.get('access-control-allow-headers')?.split(', ')).toEqual(expect.arrayContaining(['Authorization', 'Content-Type', 'If-Match', 'If-None-Match']));
    expect(response.headers.get('access-control-max-age')).toBe('600');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('reads the answer and the headers it needs: ETag, Location, the correlation id', async () => {
    const created = await api.request('POST', '/customers', { body: { name: 'Cross-origin SARL' }, headers: { Origin: FRONTEND, 'Idempotency-Key': 'cors-1' } });
    const read = await api.request('GET', `/customers/${created.body.id}`, { headers: { Origin: FRONTEND } });

    for (const response of [created, read]) {
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-expose-headers')?.split(', ')).toEqual(expect.arrayContaining(['ETag', 'Location', 'X-Correlation-Id']));
    }
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
  });

  it('reads the problem when its token is refused, instead of a blocked response', async () => {
    const response = await api.request('GET', '/customers', { token: 'not-a-jwt', headers: { Origin: FRONTEND } });

    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toContain('WWW-Authenticate');
  });
});
