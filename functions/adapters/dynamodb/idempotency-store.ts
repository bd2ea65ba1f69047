import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { ClaimOutcome, IdempotencyStore, StoredResponse } from '../../middleware/idempotency.ts';
import type { Table } from './client.ts';
import { nowInSeconds } from './items.ts';

const KEY_LIFETIME_SECONDS = 24 * 3600;
/** A claim older than this belongs to a request that died (Lambda timeout is 10 s): it may be taken over. */
const IN_PROGRESS_LEASE_SECONDS = 60;

/** Every idempotency record's pk starts with this: the stack lets read-only Lambdas write these records only. */
export const IDEMPOTENCY_KEY_PREFIX = 'IDEMPOTENCY#';

const keyOf = (scope: string, key: string) => ({ pk: `${IDEMPOTENCY_KEY_PREFIX}${scope}#${key}`, sk: '#IDEMPOTENCY' });

export function createIdempotencyStore(table: Table): IdempotencyStore {
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
          ? { status: 'completed', fingerprint: existing.fingerprint, response: existing.response as StoredResponse }
          : { status: 'in_progress', fingerprint: existing.fingerprint };
      }
    },

    async complete(scope, key, fingerprint, response) {
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: keyOf(scope, key),
          UpdateExpression: 'SET #status = :completed, #response = :response REMOVE leaseUntil',
          ConditionExpression: 'fingerprint = :fingerprint',
          ExpressionAttributeNames: { '#status': 'status', '#response': 'response' },
          ExpressionAttributeValues: { ':completed': 'completed', ':response': response, ':fingerprint': fingerprint },
        }),
      );
    },

    async release(scope, key) {
      await table.client.send(new DeleteCommand({ TableName: table.name, Key: keyOf(scope, key) }));
    },
  };
}
