import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { contextHandler, type Operation } from '../../../functions/http/http-handler.ts';
import { json } from '../../../functions/http/responses.ts';
import { parseAllowedOrigins, type AllowedOrigins } from '../../../functions/middleware/cors.ts';
import { unauthorized } from '../../../functions/middleware/token-verifier.ts';

const APP = 'https://app.example.com';
const EXPOSED = 'ETag, Location, X-Correlation-Id, Idempotent-Replayed, Retry-After, WWW-Authenticate';

/** A context handler with one GET operation, the CORS configuration under test and fakes for the rest. */
function harness(allowedOrigins: AllowedOrigins, operation: Operation = async () => json(200, { id: 'thg_1' }, { version: 3 })) {
  const handler = contextHandler(
    { getThing: operation },
    {
      logger: new Logger({ logLevel: 'SILENT' }),
      verifier: () => ({ verify: async (token) => (token === 'good' ? { id: 'caller-1', role: 'admin' } : Promise.reject(unauthorized('The token is not valid'))) }),
      idempotency: () => {
        throw new Error('a GET claims no idempotency key');
      },
      allowedOrigins: () => allowedOrigins,
      rateLimiter: () => {
        throw new Error('only public routes are rate-limited');
      },
      publicRateLimit: { scope: 'public', limit: 1, windowSeconds: 60 },
    },
  );
  return (headers: Record<string, string>, operationName = 'getThing') =>
    handler(
      {
        httpMethod: 'GET',
        path: '/things/thg_1',
        resource: '/things/{thingId}',
        headers: { Authorization: 'Bearer good', ...headers },
        body: null,
        isBase64Encoded: false,
        requestContext: { requestId: 'req-1', operationName },
      } as never,
      { awsRequestId: 'aws-1' } as Context,
    );
}

const corsHeadersOf = (headers: Record<string, unknown> | undefined) =>
  Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => /^(access-control-|vary$)/i.test(name)));

describe('the CORS middleware', () => {
  it('echoes an allowed origin, varies on Origin and exposes the headers frontends read', async () => {
    const invoke = harness([APP, 'https://admin.example.com']);

    const response = await invoke({ Origin: APP });

    expect(response.statusCode).toBe(200);
    expect(corsHeadersOf(response.headers)).toEqual({ 'Access-Control-Allow-Origin': APP, 'Access-Control-Expose-Headers': EXPOSED, Vary: 'Origin' });
    expect(response.headers).toMatchObject({ ETag: '"3"', 'X-Correlation-Id': 'req-1' });
  });

  it('allows any origin with *, without varying on it', async () => {
    const invoke = harness('*');

    for (const headers of [{ Origin: 'http://localhost:5173' }, {}] as Record<string, string>[]) {
      expect(corsHeadersOf((await invoke(headers)).headers)).toEqual({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': EXPOSED });
    }
  });

  it('gives an origin that is not allowed no CORS header, and still answers', async () => {
    for (const allowed of [[APP], []]) {
      const invoke = harness(allowed);
      for (const headers of [{ Origin: 'https://evil.example' }, { Origin: `${APP}.evil.example` }, {}] as Record<string, string>[]) {
        const response = await invoke(headers);
        expect(response.statusCode).toBe(200);
        // Vary still: the same URL answers another origin differently (Fetch standard, CORS protocol and HTTP caches).
        expect(corsHeadersOf(response.headers)).toEqual({ Vary: 'Origin' });
      }
    }
  });

  it('never allows credentials: tokens are bearer tokens, not cookies', async () => {
    for (const allowed of ['*', [APP]] as const) {
      const response = await harness(allowed)({ Origin: APP });
      expect(Object.keys(response.headers ?? {}).map((name) => name.toLowerCase())).not.toContain('access-control-allow-credentials');
    }
  });

  it('puts the headers on error responses too: failed authentication, unknown operation, unexpected failure', async () => {
    const invoke = harness([APP], async () => {
      throw new Error('DynamoDB timed out');
    });
    const expected = { 'Access-Control-Allow-Origin': APP, 'Access-Control-Expose-Headers': EXPOSED, Vary: 'Origin' };

    const unauthenticated = await invoke({ Origin: APP, Authorization: 'Bearer expired' });
    const unknown = await invoke({ Origin: APP }, 'nothingHere');
    const failed = await invoke({ Origin: APP });

    expect([unauthenticated.statusCode, unknown.statusCode, failed.statusCode]).toEqual([401, 404, 500]);
    for (const response of [unauthenticated, unknown, failed]) {
      expect(response.headers).toMatchObject({ 'Content-Type': 'application/problem+json' });
      expect(corsHeadersOf(response.headers)).toEqual(expected);
    }
    expect(unauthenticated.headers).toHaveProperty('WWW-Authenticate');
  });
});

describe('the allowed origins setting', () => {
  it('allows none when unset or empty, any with *, else exactly the origins listed', () => {
    expect(parseAllowedOrigins(undefined, 'X')).toEqual([]);
    expect(parseAllowedOrigins(' ', 'X')).toEqual([]);
    expect(parseAllowedOrigins('*', 'X')).toBe('*');
    expect(parseAllowedOrigins(` ${APP}, http://localhost:5173,http://[::1]:8080 `, 'X')).toEqual([APP, 'http://localhost:5173', 'http://[::1]:8080']);
  });

  it.each([
    ['a trailing slash', `${APP}/`],
    ['a path', `${APP}/app`],
    ['capitals', 'https://App.example.com'],
    ['the default port', 'https://app.example.com:443'],
    ['no scheme', 'app.example.com'],
    ['a wildcard host', 'https://*.example.com'],
    ['* among origins', `*,${APP}`],
  ])('refuses %s, which would never match a browser Origin', (_case, value) => {
    expect(() => parseAllowedOrigins(value, 'CORS_ALLOWED_ORIGINS')).toThrow(/^CORS_ALLOWED_ORIGINS: ".+" is not an origin as browsers send it/);
  });
});
