import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { contextHandler, readsBody, type Operation } from '../../../functions/http/http-handler.ts';
import type { ClaimOutcome, IdempotencyStore, StoredResponse } from '../../../functions/middleware/idempotency.ts';
import { json } from '../../../functions/http/responses.ts';
import { VersionMismatchError, WriteConflictError } from '../../../domain/shared/errors.ts';
import { unauthorized } from '../../../functions/middleware/token-verifier.ts';

/** The same claim rules as the DynamoDB store, in memory. */
function memoryIdempotency(): IdempotencyStore {
  const entries = new Map<string, { fingerprint: string; response?: StoredResponse }>();
  return {
    async claim(scope, key, fingerprint): Promise<ClaimOutcome> {
      const entry = entries.get(`${scope}/${key}`);
      if (!entry) {
        entries.set(`${scope}/${key}`, { fingerprint });
        return { status: 'claimed' };
      }
      return entry.response ? { status: 'completed', fingerprint: entry.fingerprint, response: entry.response } : { status: 'in_progress', fingerprint: entry.fingerprint };
    },
    async complete(scope, key, fingerprint, response) {
      entries.set(`${scope}/${key}`, { fingerprint, response });
    },
    async release(scope, key) {
      entries.delete(`${scope}/${key}`);
    },
  };
}

function harness(operation: Operation) {
  const store = memoryIdempotency();
  const handler = contextHandler(
    // The operation reads any body: the chain around it is under test.
    { createThing: readsBody(z.unknown(), operation) },
    {
      logger: new Logger({ logLevel: 'SILENT' }),
      verifier: () => ({ verify: async (token) => (token === 'good' ? { id: 'caller-1', role: 'admin' } : Promise.reject(unauthorized('bad'))) }),
      idempotency: () => store,
      allowedOrigins: () => ['https://app.example.com', 'https://admin.example.com'],
      rateLimiter: () => {
        throw new Error('only public routes are rate-limited');
      },
      publicRateLimit: { scope: 'public', limit: 1, windowSeconds: 60 },
    },
  );
  const invoke = (body: unknown, headers: Record<string, string> = {}) =>
    handler(
      {
        httpMethod: 'POST',
        path: '/things',
        resource: '/things',
        headers: { Authorization: 'Bearer good', 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
        isBase64Encoded: false,
        requestContext: { requestId: 'req-1', operationName: 'createThing' },
      } as never,
      { awsRequestId: 'aws-1' } as Context,
    );
  return { invoke };
}

describe('the HTTP handler chain', () => {
  it('runs an operation again when its write lost a race, and only then', async () => {
    let runs = 0;
    const { invoke } = harness(async () => {
      if (++runs < 3) throw new WriteConflictError();
      return json(201, { runs }, { version: 1 });
    });
    const response = await invoke({});
    expect([response.statusCode, JSON.parse(response.body), runs]).toEqual([201, { runs: 3 }, 3]);

    let staleRuns = 0;
    const stale = harness(async () => {
      staleRuns++;
      throw new VersionMismatchError(1, 2);
    });
    expect((await stale.invoke({})).statusCode).toBe(412);
    expect(staleRuns).toBe(1);
  });

  it('answers 409 to a retry that arrives while the first request still runs, then replays its answer', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    const { invoke } = harness(async (event) => {
      runs++;
      await gate;
      return json(201, { echo: event.json }, { version: 1 });
    });
    const key = { 'Idempotency-Key': 'k-1' };
    const first = invoke({ a: 1 }, key);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const concurrent = await invoke({ a: 1 }, key);
    expect(concurrent.statusCode).toBe(409);
    expect(concurrent.headers).toMatchObject({ 'Retry-After': '1', 'Content-Type': 'application/problem+json' });
    release();
    expect((await first).statusCode).toBe(201);
    const replay = await invoke({ a: 1 }, key);
    expect(replay).toMatchObject({ statusCode: 201, body: JSON.stringify({ echo: { a: 1 } }) });
    expect(replay.headers).toMatchObject({ ETag: '"1"', 'Idempotent-Replayed': 'true' });
    expect(runs).toBe(1);
  });

  it('treats a body with the same content in another key order as the same request', async () => {
    const { invoke } = harness(async (event) => json(201, event.json));
    await invoke({ a: 1, b: { c: 2, d: 3 } }, { 'Idempotency-Key': 'k-2' });
    expect((await invoke({ b: { d: 3, c: 2 }, a: 1 }, { 'Idempotency-Key': 'k-2' })).headers).toMatchObject({ 'Idempotent-Replayed': 'true' });
    expect((await invoke({ a: 2 }, { 'Idempotency-Key': 'k-2' })).statusCode).toBe(422);
  });

  it('releases the key when the operation fails, so that a retry runs again', async () => {
    let fail = true;
    const { invoke } = harness(async () => {
      if (fail) throw new Error('DynamoDB timed out');
      return json(201, {});
    });
    const failed = await invoke({}, { 'Idempotency-Key': 'k-3' });
    expect(failed.statusCode).toBe(500);
    expect(failed.body).not.toContain('DynamoDB');
    fail = false;
    expect((await invoke({}, { 'Idempotency-Key': 'k-3' })).statusCode).toBe(201);
  });

  it('replays an answer with the CORS headers of the request that gets it, not those of the first', async () => {
    const { invoke } = harness(async () => json(201, {}));
    const key = { 'Idempotency-Key': 'k-4' };
    await invoke({}, { ...key, Origin: 'https://app.example.com' });
    const replay = await invoke({}, { ...key, Origin: 'https://admin.example.com' });
    expect(replay.headers).toMatchObject({ 'Idempotent-Replayed': 'true', 'Access-Control-Allow-Origin': 'https://admin.example.com' });
  });

  it('answers a problem instead of a result over the 6 MB a Lambda may return, and stores no replay of it', async () => {
    let runs = 0;
    // Quotes escape to two bytes each: 3.2 M of them fit in a JavaScript string of 3.2 M but in no Lambda result.
    const { invoke } = harness(async () => (runs++, json(200, { text: '"'.repeat(3_200_000) })));
    const first = await invoke({}, { 'Idempotency-Key': 'k-5' });
    expect(first.statusCode).toBe(422);
    expect(JSON.parse(first.body)).toMatchObject({ type: expect.stringContaining("response-too-large"), detail: expect.stringMatching(/would take 1\d\.\d MB, more than the 6 MB/) });
    expect((await invoke({}, { 'Idempotency-Key': 'k-5' })).headers).not.toHaveProperty('Idempotent-Replayed');
    expect(runs).toBe(2);

    const fits = harness(async () => json(200, { text: 'a'.repeat(6_000_000) }));
    expect((await fits.invoke({})).statusCode).toBe(200);
  });

  it('refuses a body sent to an operation that declares none, before it runs, naming the body', async () => {
    let runs = 0;
    const handler = contextHandler(
      { createThing: async () => (runs++, json(201, {})) },
      {
        logger: new Logger({ logLevel: 'SILENT' }),
        verifier: () => ({ verify: async () => ({ id: 'caller-1', role: 'admin' }) }),
        idempotency: () => memoryIdempotency(),
        allowedOrigins: () => [],
        rateLimiter: () => {
          throw new Error('only public routes are rate-limited');
        },
        publicRateLimit: { scope: 'public', limit: 1, windowSeconds: 60 },
      },
    );
    const send = (body: string | null) =>
      handler(
        { httpMethod: 'POST', path: '/things', resource: '/things', headers: { Authorization: 'Bearer good', 'Content-Type': 'application/json' }, body, isBase64Encoded: false, requestContext: { requestId: 'r', operationName: 'createThing' } } as never,
        {} as Context,
      );
    const refused = await send('{"name":"x"}');
    expect(refused.statusCode).toBe(400);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'validation_failed', errors: [{ pointer: '', message: 'this operation takes no request body' }] });
    expect(runs).toBe(0);
    expect((await send(null)).statusCode).toBe(201);
    expect(runs).toBe(1);
  });

  it('carries the caller\'s correlation id, or makes one', async () => {
    const { invoke } = harness(async () => json(200, {}));
    expect((await invoke({}, { 'X-Correlation-Id': 'order-42' })).headers).toMatchObject({ 'X-Correlation-Id': 'order-42' });
    expect((await invoke({}, { 'X-Correlation-Id': 'bad id with spaces' })).headers).toMatchObject({ 'X-Correlation-Id': 'req-1' });
  });
});

describe('HEAD in the HTTP handler chain', () => {
  const handlerOf = (operations: Record<string, Operation>) =>
    contextHandler(operations, {
      logger: new Logger({ logLevel: 'SILENT' }),
      verifier: () => ({ verify: async () => ({ id: 'caller-1', role: 'admin' }) }),
      idempotency: () => memoryIdempotency(),
      allowedOrigins: () => '*',
      rateLimiter: () => {
        throw new Error('only public routes are rate-limited');
      },
      publicRateLimit: { scope: 'public', limit: 1, windowSeconds: 60 },
    });
  const event = (httpMethod: string, operationName: string) =>
    ({ httpMethod, path: '/things/1', resource: '/things/{id}', headers: { Authorization: 'Bearer good' }, body: null, requestContext: { requestId: 'r', operationName } }) as never;

  it('runs the GET operation for its HEAD twin, and leaves other names alone', async () => {
    const handler = handlerOf({
      getThing: async (request) => json(200, { method: request.httpMethod }, { version: 3 }),
      getThingHead: async () => json(200, { wrong: true }),
    });

    const head = await handler(event('HEAD', 'getThingHead'), { awsRequestId: 'a' } as Context);
    const get = await handler(event('GET', 'getThingHead'), { awsRequestId: 'a' } as Context);

    expect(head.statusCode).toBe(200);
    expect(head.headers?.ETag).toBe('"3"');
    expect(JSON.parse(head.body)).toEqual({ method: 'HEAD' });
    expect(JSON.parse(get.body)).toEqual({ wrong: true });
  });

  it('answers a HEAD twin whose GET is not here with a 404 problem', async () => {
    const response = await handlerOf({})(event('HEAD', 'getNothingHead'), { awsRequestId: 'a' } as Context);

    expect(response.statusCode).toBe(404);
    expect(response.headers?.['Content-Type']).toBe('application/problem+json');
  });
});
