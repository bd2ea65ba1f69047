import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { contextHandler, readsBody } from '../../../functions/http/http-handler.ts';
import { json } from '../../../functions/http/responses.ts';
import { MAX_JSON_DEPTH, MAX_JSON_MEMBERS } from '../../../functions/middleware/json-body.ts';

/** The handler chain with one operation that echoes the body it parsed, fed raw bytes as the gateway sends them. */
function harness() {
  const seen: unknown[] = [];
  const handler = contextHandler(
    {
      echo: readsBody(z.unknown(), async (event) => {
        seen.push(event.json);
        return json(200, { received: event.json });
      }),
    },
    {
      logger: new Logger({ logLevel: 'SILENT' }),
      verifier: () => ({ verify: async () => ({ id: 'caller-1', role: 'admin' }) }),
      idempotency: () => ({ claim: async () => ({ status: 'claimed' }), complete: async () => {}, release: async () => {} }),
      allowedOrigins: () => [],
      rateLimiter: () => {
        throw new Error('only public routes are rate-limited');
      },
      publicRateLimit: { scope: 'public', limit: 1, windowSeconds: 60 },
    },
  );
  const send = async (bytes: Uint8Array | string, headers: Record<string, string> = {}) => {
    const result = (await handler(
      {
        httpMethod: 'POST',
        path: '/things',
        resource: '/things',
        headers: { Authorization: 'Bearer good', 'Content-Type': 'application/json', ...headers },
        body: Buffer.from(bytes).toString('base64'),
        isBase64Encoded: true,
        requestContext: { requestId: 'req-1', operationName: 'echo' },
      } as never,
      { awsRequestId: 'aws-1' } as Context,
    )) as APIGatewayProxyResult;
    return { status: result.statusCode, contentType: result.headers?.['Content-Type'], body: JSON.parse(result.body) };
  };
  return { send, seen };
}

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('JSON bodies', () => {
  it('refuses bytes that are not UTF-8 instead of storing U+FFFD', async () => {
    const { send, seen } = harness();
    for (const bad of [[0x80], [0xc3, 0x28], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xff]]) {
      const answer = await send(Buffer.concat([Buffer.from('{"name":"'), Buffer.from(bad), Buffer.from('"}')]));
      expect(answer).toMatchObject({ status: 400, contentType: 'application/problem+json', body: { code: 'invalid_utf8', errors: [{ pointer: '', message: 'must be encoded in UTF-8' }] } });
    }
    expect(seen).toEqual([]);
    expect((await send('{"name":"Crème brûlée 😀"}')).body).toEqual({ received: { name: 'Crème brûlée 😀' } });
  });

  it('accepts no charset or UTF-8, and answers 415 naming Content-Type for any other', async () => {
    const { send } = harness();
    expect((await send('{"a":1}', { 'Content-Type': 'application/json; charset=UTF-8' })).status).toBe(200);
    expect((await send('{"a":1}', { 'Content-Type': 'application/merge-patch+json;charset="utf-8"' })).status).toBe(200);
    const latin1 = await send('{"a":1}', { 'Content-Type': 'application/json; charset=iso-8859-1' });
    expect(latin1).toMatchObject({ status: 415, body: { code: 'unsupported_charset', errors: [{ pointer: '/header/Content-Type' }] } });
  });

  it('refuses a body nested deeper than the limit before anything walks it, fingerprints included', async () => {
    const { send, seen } = harness();
    expect((await send(nested(MAX_JSON_DEPTH))).status).toBe(200);
    const deep = await send(nested(MAX_JSON_DEPTH + 1));
    expect(deep).toMatchObject({ status: 400, body: { code: 'body_too_deep' } });
    expect(deep.body.errors[0].pointer).toBe('/0'.repeat(MAX_JSON_DEPTH));
    // 100,000 levels: a recursive walk (the idempotency fingerprint) would overflow the stack and answer 500.
    expect((await send(nested(100_000), { 'Idempotency-Key': 'deep-1' })).body.code).toBe('body_too_deep');
    expect(seen).toHaveLength(1);
  });

  it('refuses an array or object with more members than the limit, naming where', async () => {
    const { send } = harness();
    expect((await send(JSON.stringify({ lines: Array(MAX_JSON_MEMBERS).fill(0) }))).status).toBe(200);
    const wide = await send(JSON.stringify({ lines: Array(MAX_JSON_MEMBERS + 1).fill(0) }));
    expect(wide).toMatchObject({ status: 400, body: { code: 'body_too_wide', errors: [{ pointer: '/lines' }] } });
    const keys = Object.fromEntries(Array.from({ length: MAX_JSON_MEMBERS + 1 }, (_, i) => [`k${i}`, i]));
    expect((await send(JSON.stringify(keys))).body).toMatchObject({ code: 'body_too_wide', errors: [{ pointer: '' }] });
  });
});
