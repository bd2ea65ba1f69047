import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../../../domain/shared/errors.ts';
import type { Page, PageRequest } from '../../../domain/shared/page.ts';
import type { Table } from './client.ts';
import type { Item } from './items.ts';
import { GLOBAL_INDEXES, TABLE_KEYS } from '../../../infra/table-definition.ts';

/** The key attributes DynamoDB needs to resume a query on the table or on an index. */
function keyAttributes(indexName: string | undefined): string[] {
  const table = [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey];
  const index = GLOBAL_INDEXES.find((i) => i.indexName === indexName);
  return index ? [...table, index.partitionKey, index.sortKey] : table;
}

export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Rejects any cursor that is not one this query could have produced (400, never a DynamoDB error). */
export function decodeCursor(cursor: string, indexName: string | undefined): Record<string, string> {
  const invalid = ValidationError.field('/query/cursor', 'is not a cursor returned by this list; start again without it');
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  const expected = keyAttributes(indexName).sort();
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw invalid;
  const entries = Object.entries(key);
  const names = entries.map(([name]) => name).sort();
  if (names.join() !== expected.join() || entries.some(([, value]) => typeof value !== 'string' || value.length === 0 || value.length > 1024)) {
    throw invalid;
  }
  return key as Record<string, string>;
}

/**
 * Runs a Query until it fills a page or runs out: with a FilterExpression, DynamoDB may return short
 * pages. The cursor is the key of the last item returned, so nothing is skipped or repeated.
 */
export async function queryPage(table: Table, input: Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'>, page: PageRequest): Promise<Page<Item>> {
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined = page.cursor ? decodeCursor(page.cursor, input.IndexName) : undefined;
  let exhausted = false;
  while (items.length < page.limit && !exhausted) {
    const result = await table.client.send(
      new QueryCommand({ ...input, TableName: table.name, Limit: page.limit - items.length + (input.FilterExpression ? page.limit : 0), ExclusiveStartKey: startKey }),
    );
    items.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey;
    exhausted = startKey === undefined;
  }
  const pageItems = items.slice(0, page.limit);
  const last = pageItems.at(-1);
  const more = items.length > page.limit || !exhausted;
  return {
    items: pageItems,
    nextCursor: more && last ? encodeCursor(Object.fromEntries(keyAttributes(input.IndexName).map((name) => [name, last[name]]))) : null,
  };
}

/** Every item of one partition (an aggregate), page after page. */
export async function queryAll(table: Table, input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await table.client.send(new QueryCommand({ ...input, TableName: table.name, ExclusiveStartKey: startKey }));
    items.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey;
  } while (startKey);
  return items;
}
