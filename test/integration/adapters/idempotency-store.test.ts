import { randomBytes } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../domain/shared/ids.ts';
import { BODY_PART_BYTES, createIdempotencyStore } from '../../../functions/adapters/dynamodb/idempotency-store.ts';
import { testTable } from '../../support/table.ts';

const table = await testTable();
const store = createIdempotencyStore(table);
const response = { statusCode: 201, headers: { 'Content-Type': 'application/json' }, body: '{"id":"cus_1"}' };

describe('DynamoDB idempotency store', () => {
  it('claims a key once, then reports it in progress, then replays it once completed', async () => {
    const key = newId('event');
    expect(await store.claim('caller-a', key, 'f1')).toEqual({ status: 'claimed' });
    expect(await store.claim('caller-a', key, 'f1')).toEqual({ status: 'in_progress', fingerprint: 'f1' });
    await store.complete('caller-a', key, 'f1', response);
    expect(await store.claim('caller-a', key, 'f2')).toEqual({ status: 'completed', fingerprint: 'f1', response });
  });

  it('replays a body larger than an item holds, stored gzipped in parts, and completes again harmlessly on a retry', async () => {
    const key = newId('event');
    // Random text gzips to about three quarters of its size: this body needs several parts.
    const large = { ...response, statusCode: 200, body: JSON.stringify({ data: randomBytes(3 * BODY_PART_BYTES).toString('base64') }) };
    await store.claim('caller-a', key, 'f1');
    await store.complete('caller-a', key, 'f1', large);
    await store.complete('caller-a', key, 'f1', large);
    const head = await table.client.send(new GetCommand({ TableName: table.name, Key: { pk: `IDEMPOTENCY#caller-a#${key}`, sk: '#IDEMPOTENCY' } }));
    expect(head.Item?.response).toMatchObject({ parts: 4 });
    expect(await store.claim('caller-a', key, 'f1')).toEqual({ status: 'completed', fingerprint: 'f1', response: large });
  });

  it('scopes keys to the caller', async () => {
    const key = newId('event');
    await store.claim('caller-a', key, 'f1');
    expect(await store.claim('caller-b', key, 'f1')).toEqual({ status: 'claimed' });
  });

  it('frees a released key, and takes over an expired one', async () => {
    const key = newId('event');
    await store.claim('caller-a', key, 'f1');
    await store.release('caller-a', key);
    expect(await store.claim('caller-a', key, 'f2')).toEqual({ status: 'claimed' });
    await store.complete('caller-a', key, 'f2', response);
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: { pk: `IDEMPOTENCY#caller-a#${key}`, sk: '#IDEMPOTENCY' },
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': Math.floor(Date.now() / 1000) - 1 },
      }),
    );
    expect(await store.claim('caller-a', key, 'f3')).toEqual({ status: 'claimed' });
  });
});
