import { gunzipSync, gzipSync } from 'node:zlib';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { CurrentVersion } from '../../../domain/shared/document-versions.ts';
import type { Page, PageRequest } from '../../../domain/shared/page.ts';
import type { Table } from './client.ts';
import type { Item } from './items.ts';
import { queryAll, queryKeyPage } from './pagination.ts';

/**
 * The lines of document versions (DESIGN §5), for every document context. A version's lines are items of their own
 * in the document's partition, content-addressed by the lines' hash: `LINES#<16 hex digits of the hash>#<position>`.
 * The keys are deterministic, so a retried write rewrites the same items; two writers racing for the next version
 * write under two hashes and never overwrite each other; versions with the same lines share them. Readers read the
 * positions below the version's line count, so a longer set left by an abandoned write is never read.
 * A line whose record is large (the pricing explanation of a line with many candidate rules) is stored gzipped.
 */
const POSITION_DIGITS = 5;
const BATCH_WRITE_MAX_ITEMS = 25;
/** Batches in flight at once: enough to write 1,000 lines in a few round trips without throttling a new table. */
const CONCURRENT_BATCHES = 8;
/** Above this, a line's record is stored gzipped (an item holds 400 KB). */
const COMPRESS_ABOVE_BYTES = 4 * 1024;
const MAX_ATTEMPTS = 8;

export interface LineSpec<T> {
  /** The document's partition key (`QUOTE#<qte>`). */
  readonly partition: string;
  /** The `entity` attribute of the items. */
  readonly entity: string;
  parse(record: unknown): T;
}

const linesPrefix = (linesHash: string) => `LINES#${linesHash.replace(/^sha256:/, '').slice(0, 16)}#`;
const position = (index: number) => String(index).padStart(POSITION_DIGITS, '0');

export function lineKey(partition: string, linesHash: string, index: number): Item {
  return { pk: partition, sk: `${linesPrefix(linesHash)}${position(index)}` };
}

function lineItem<T>(spec: LineSpec<T>, linesHash: string, record: T, index: number): Item {
  const json = JSON.stringify(record);
  const body = json.length > COMPRESS_ABOVE_BYTES ? { gz: gzipSync(json) } : { line: record };
  return { ...lineKey(spec.partition, linesHash, index), entity: spec.entity, ...body };
}

function recordOf<T>(spec: LineSpec<T>, item: Item): T {
  const record = item.gz instanceof Uint8Array ? (JSON.parse(gunzipSync(item.gz).toString('utf8')) as unknown) : item.line;
  return spec.parse(record);
}

/** Writes a version's lines, 25 items a BatchWriteItem, several batches at once, retrying what DynamoDB left unprocessed. */
export async function writeLines<T>(table: Table, spec: LineSpec<T>, linesHash: string, lines: readonly T[]): Promise<void> {
  const items = lines.map((line, index) => lineItem(spec, linesHash, line, index));
  await inBatches(table, items.map((item) => ({ PutRequest: { Item: item } })));
}

/** Deletes a set of lines nobody reads any more (a draft's lines replaced in place). */
export async function deleteLines(table: Table, partition: string, linesHash: string, lineCount: number): Promise<void> {
  const keys = Array.from({ length: lineCount }, (_, index) => lineKey(partition, linesHash, index));
  await inBatches(table, keys.map((key) => ({ DeleteRequest: { Key: key } })));
}

type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } };

async function inBatches(table: Table, requests: readonly WriteRequest[]): Promise<void> {
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += BATCH_WRITE_MAX_ITEMS) batches.push(requests.slice(i, i + BATCH_WRITE_MAX_ITEMS));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) await writeBatch(table, batches[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_BATCHES, batches.length) }, worker));
}

async function writeBatch(table: Table, batch: WriteRequest[]): Promise<void> {
  let pending = batch;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const result = await table.client.send(new BatchWriteCommand({ RequestItems: { [table.name]: pending } }));
    pending = (result.UnprocessedItems?.[table.name] ?? []) as WriteRequest[];
    if (pending.length === 0) return;
    if (attempt >= MAX_ATTEMPTS) throw new Error(`BatchWriteItem left ${pending.length} of ${batch.length} lines unprocessed after ${attempt} attempts`);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2_000, 25 * 2 ** attempt)));
  }
}

/** The range of sort keys a version's lines occupy: its positions below the line count. */
function versionRange(version: Pick<CurrentVersion, 'linesHash' | 'lineCount'>) {
  const prefix = linesPrefix(version.linesHash);
  return { sortFrom: `${prefix}${position(0)}`, sortTo: `${prefix}${position(Math.max(version.lineCount - 1, 0))}` };
}

/** A page of a version's lines, in position order. */
export async function linesPage<T>(table: Table, spec: LineSpec<T>, version: Pick<CurrentVersion, 'linesHash' | 'lineCount'>, page: PageRequest): Promise<Page<T>> {
  if (version.lineCount === 0) return { items: [], nextCursor: null };
  const result = await queryKeyPage(table, { partition: spec.partition, ...versionRange(version) }, page);
  return { items: result.items.map((item) => recordOf(spec, item)), nextCursor: result.nextCursor };
}

/** Every line of a version, in position order. */
export async function allLines<T>(table: Table, spec: LineSpec<T>, version: Pick<CurrentVersion, 'linesHash' | 'lineCount'>): Promise<T[]> {
  if (version.lineCount === 0) return [];
  const { sortFrom, sortTo } = versionRange(version);
  const items = await queryAll(table, {
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': spec.partition, ':from': sortFrom, ':to': sortTo },
    ConsistentRead: true,
  });
  return items.map((item) => recordOf(spec, item));
}
