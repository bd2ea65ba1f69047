import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { TTL_ATTRIBUTE } from '../../../infra/table-definition.ts';
import type { Table } from './client.ts';

/** A limit: at most `limit` requests per `windowSeconds` for one key (a client's address on a public route). */
export interface RateLimit {
  readonly scope: string;
  readonly limit: number;
  readonly windowSeconds: number;
}

export interface RateLimiter {
  /** Counts a request; the seconds until the window ends when the limit is already reached, else null. */
  hit(limit: RateLimit, key: string, now: Date): Promise<number | null>;
}

/**
 * Fixed-window counters in the table, shared by every Lambda container (an in-memory count would be per container):
 * one UpdateItem per request, `ADD` conditioned on the count so far, the item expiring with its window.
 */
export function createRateLimiter(table: Table): RateLimiter {
  return {
    async hit(limit, key, now) {
      const seconds = Math.floor(now.getTime() / 1000);
      const windowStart = seconds - (seconds % limit.windowSeconds);
      const windowEnd = windowStart + limit.windowSeconds;
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: { pk: `RATE#${limit.scope}#${key}`, sk: String(windowStart) },
            UpdateExpression: 'ADD hits :one SET #ttl = :expires, entity = :entity',
            ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
            ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
            ExpressionAttributeValues: { ':one': 1, ':limit': limit.limit, ':expires': windowEnd + 60, ':entity': 'rate-window' },
          }),
        );
        return null;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return windowEnd - seconds;
        throw error;
      }
    },
  };
}
