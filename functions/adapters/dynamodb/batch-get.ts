import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from './client.ts';
import type { Item } from './items.ts';

/** DynamoDB's limit of keys in one BatchGetItem. */
export const BATCH_GET_MAX_KEYS = 100;

export interface BatchGetOptions {
  /** Strongly consistent reads (the table only; never an index). Default true. */
  readonly consistentRead?: boolean;
  /** Requests per chunk, the first one included, before giving up on keys DynamoDB left unprocessed. */
  readonly maxAttempts?: number;
  /** First backoff before a retry; doubled at each retry, with full jitter. */
  readonly baseDelayMs?: number;
}

const DEFAULTS = { consistentRead: true, maxAttempts: 6, baseDelayMs: 50 } as const;
const MAX_DELAY_MS = 2_000;

/**
 * The items that exist among these keys, in no particular order: one BatchGetItem per 100 distinct keys (sent
 * together), each retrying the keys DynamoDB left unprocessed (throttling, the 16 MB response limit) with
 * exponential backoff, a bounded number of times.
 */
export async function batchGet(table: Table, keys: readonly Item[], options: BatchGetOptions = {}): Promise<Item[]> {
  const settings = { ...DEFAULTS, ...options };
  const distinct = [...new Map(keys.map((key) => [`${String(key.pk)}\u0000${String(key.sk)}`, { pk: key.pk, sk: key.sk }])).values()];
  const chunks: Item[][] = [];
  for (let i = 0; i < distinct.length; i += BATCH_GET_MAX_KEYS) chunks.push(distinct.slice(i, i + BATCH_GET_MAX_KEYS));
  const found = await Promise.all(chunks.map((chunk) => getChunk(table, chunk, settings)));
  return found.flat();
}

async function getChunk(table: Table, keys: Item[], settings: Required<BatchGetOptions>): Promise<Item[]> {
  const items: Item[] = [];
  let pending = keys;
  for (let attempt = 1; ; attempt++) {
    const result = await table.client.send(
      new BatchGetCommand({ RequestItems: { [table.name]: { Keys: pending, ConsistentRead: settings.consistentRead } } }),
    );
    items.push(...(result.Responses?.[table.name] ?? []));
    pending = (result.UnprocessedKeys?.[table.name]?.Keys ?? []) as Item[];
    if (pending.length === 0) return items;
    if (attempt >= settings.maxAttempts) {
      throw new Error(`BatchGetItem left ${pending.length} of ${keys.length} keys unprocessed after ${attempt} attempts`);
    }
    const ceiling = Math.min(MAX_DELAY_MS, settings.baseDelayMs * 2 ** (attempt - 1));
    await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
  }
}
