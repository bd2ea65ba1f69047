import { gunzipSync, gzipSync } from 'node:zlib';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { ClaimOutcome, IdempotencyStore, StoredResponse } from '../../middleware/idempotency.ts';
import { batchGet } from './batch-get.ts';
import type { Table } from './client.ts';
import { nowInSeconds, type Item } from './items.ts';

const KEY_LIFETIME_SECONDS = 24 * 3600;
/** A claim older than this belongs to a request that died (Lambda timeout is 10 s): it may be taken over. */
const IN_PROGRESS_LEASE_SECONDS = 60;
/**
 * A stored body is gzipped, and split in parts of this size when it does not fit in the key's item beside its
 * headers: DynamoDB items stop at 400 KB, and a simulation may answer up to the 6 MB a Lambda can return.
 */
export const BODY_PART_BYTES = 350_000;

/** Every idempotency record's pk starts with this: the stack lets read-only Lambdas write these records only. */
export const IDEMPOTENCY_KEY_PREFIX = 'IDEMPOTENCY#';

const keyOf = (scope: string, key: string) => ({ pk: `${IDEMPOTENCY_KEY_PREFIX}${scope}#${key}`, sk: '#IDEMPOTENCY' });
const partKeyOf = (scope: string, key: string, part: number) => ({ ...keyOf(scope, key), sk: `#IDEMPOTENCY#PART#${String(part).padStart(3, '0')}` });

/** The stored form of a response: the body gzipped, inline when it fits, else in `parts` items of the same partition. */
interface StoredReply {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body?: Uint8Array;
  readonly parts?: number;
}

export function createIdempotencyStore(table: Table): IdempotencyStore {
  async function replayOf(scope: string, key: string, stored: StoredReply): Promise<StoredResponse> {
    const { statusCode, headers } = stored;
    if (stored.body !== undefined) return { statusCode, headers, body: gunzipSync(stored.body).toString('utf8') };
    const partKeys = Array.from({ length: stored.parts ?? 0 }, (_, part) => partKeyOf(scope, key, part));
    const bytes = new Map((await batchGet(table, partKeys)).map((item) => [String(item.sk), item.bytes as Uint8Array]));
    const parts = partKeys.map(({ sk }) => bytes.get(sk));
    if (parts.some((part) => part === undefined)) throw new Error(`The stored response of an idempotency key misses parts`);
    return { statusCode, headers, body: gunzipSync(Buffer.concat(parts as Uint8Array[])).toString('utf8') };
  }

  return {
    async claim(scope, key, fingerprint): Promise<ClaimOutcome> {
      const now = nowInSeconds();
      try {
        await table.client.send(
          new PutCommand({
            TableName: table.name,
            Item: { ...keyOf(scope, key), entity: 'idempotency', status: 'in_progress', fingerprint, leaseUntil: now + IN_PROGRESS_LEASE_SECONDS, expiresAt: now + KEY_LIFETIME_SECONDS },
            // Expired keys still sit in the table until TTL deletes them (never, on DynamoDB Local).
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now OR (#status = :inProgress AND leaseUntil < :now)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':now': now, ':inProgress': 'in_progress' },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { status: 'claimed' };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException) || !error.Item) throw error;
        const existing = unmarshall(error.Item as never);
        return existing.status === 'completed'
          ? { status: 'completed', fingerprint: existing.fingerprint, response: await replayOf(scope, key, existing.response as StoredReply) }
          : { status: 'in_progress', fingerprint: existing.fingerprint };
      }
    },

    async complete(scope, key, fingerprint, response) {
      const body = gzipSync(response.body);
      const inline = body.length <= BODY_PART_BYTES;
      const parts = inline ? [] : Array.from({ length: Math.ceil(body.length / BODY_PART_BYTES) }, (_, part) => body.subarray(part * BODY_PART_BYTES, (part + 1) * BODY_PART_BYTES));
      // The parts first, the completion last: a key is completed only once its whole body is stored.
      const expiresAt = nowInSeconds() + KEY_LIFETIME_SECONDS;
      await Promise.all(
        parts.map((bytes, part) =>
          table.client.send(new PutCommand({ TableName: table.name, Item: { ...partKeyOf(scope, key, part), entity: 'idempotency-part', bytes, expiresAt } satisfies Item })),
        ),
      );
      const stored: StoredReply = { statusCode: response.statusCode, headers: response.headers, ...(inline ? { body } : { parts: parts.length }) };
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: keyOf(scope, key),
          UpdateExpression: 'SET #status = :completed, #response = :response REMOVE leaseUntil',
          ConditionExpression: 'fingerprint = :fingerprint',
          ExpressionAttributeNames: { '#status': 'status', '#response': 'response' },
          ExpressionAttributeValues: { ':completed': 'completed', ':response': stored, ':fingerprint': fingerprint },
        }),
      );
    },

    async release(scope, key) {
      await table.client.send(new DeleteCommand({ TableName: table.name, Key: keyOf(scope, key) }));
    },
  };
}
