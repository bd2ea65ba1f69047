import { randomBytes } from 'node:crypto';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DeleteCommandInput,
  type DynamoDBDocumentClient,
  type GetCommandInput,
  type PutCommandInput,
  type QueryCommandInput,
  type TransactWriteCommandInput,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { RecordedCall } from './dynamodb-recorder.ts';

/** Prefixed ULIDs (`cus_01J…`, `evt_…`) and the benchmark's own idempotency keys (`idk_…`). */
const GENERATED_ID = /\b[a-z]{3}_[0-9A-HJKMNP-TV-Z]{26}\b/g;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** An Idempotency-Key shaped like an id, so that the floor's replay can swap it for a fresh one. */
export function newIdempotencyKey(): string {
  return `idk_${randomSuffix()}`;
}

/**
 * The floor: the very DynamoDB calls a handler made for one request (recorded from its document client),
 * sent again in the same order through `@aws-sdk/lib-dynamodb` — no HTTP server, no middy, no validation,
 * no domain logic. For a write, every generated id (and the idempotency key) is swapped for a fresh one so
 * that the `attribute_not_exists` conditions pass again, with items of exactly the same size.
 */
export function floorReplay(client: DynamoDBDocumentClient, calls: readonly RecordedCall[], options: { freshIds: boolean }): () => Promise<void> {
  if (calls.length === 0) throw new Error('Nothing to replay: the handler made no DynamoDB call');
  const template = JSON.stringify(calls.map((call) => ({ action: call.action, input: call.input })));
  return async () => {
    const replayed = JSON.parse(options.freshIds ? withFreshIds(template) : template) as { action: string; input: unknown }[];
    for (const call of replayed) await send(client, call.action, call.input);
  };
}

function withFreshIds(text: string): string {
  const fresh = new Map<string, string>();
  return text.replace(GENERATED_ID, (id) => {
    let replacement = fresh.get(id);
    if (!replacement) {
      replacement = `${id.slice(0, 4)}${randomSuffix()}`;
      fresh.set(id, replacement);
    }
    return replacement;
  });
}

/** 26 Crockford base-32 characters: the shape of a ULID, unique enough for a benchmark's lifetime. */
function randomSuffix(): string {
  const bytes = randomBytes(26);
  return Array.from(bytes, (byte) => CROCKFORD[byte % 32]).join('');
}

async function send(client: DynamoDBDocumentClient, action: string, input: unknown): Promise<void> {
  switch (action) {
    case 'Query':
      await client.send(new QueryCommand(input as QueryCommandInput));
      return;
    case 'GetItem':
      await client.send(new GetCommand(input as GetCommandInput));
      return;
    case 'PutItem':
      await client.send(new PutCommand(input as PutCommandInput));
      return;
    case 'UpdateItem':
      await client.send(new UpdateCommand(input as UpdateCommandInput));
      return;
    case 'DeleteItem':
      await client.send(new DeleteCommand(input as DeleteCommandInput));
      return;
    case 'TransactWriteItems':
      await client.send(new TransactWriteCommand(input as TransactWriteCommandInput));
      return;
    default:
      throw new Error(`The floor cannot replay ${action} yet: add it to latency.ts`);
  }
}

/** Sequential samples of two contenders, alternated so that drift on the machine affects both alike. */
export async function measureAlternately(
  runs: number,
  contenders: { readonly api: () => Promise<void>; readonly floor: () => Promise<void> },
): Promise<{ api: number[]; floor: number[] }> {
  const api: number[] = [];
  const floor: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    api.push(await timed(contenders.api));
    floor.push(await timed(contenders.floor));
  }
  return { api, floor };
}

export async function timed(action: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

export async function repeat(times: number, action: () => Promise<void>): Promise<void> {
  for (let run = 0; run < times; run += 1) await action();
}
