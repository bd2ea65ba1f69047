import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../../../domain/shared/errors.ts';
import type { Page, PageRequest } from '../../../domain/shared/page.ts';
import type { Table } from './client.ts';
import { openCursor, sealCursor } from './cursors.ts';
import type { Item } from './items.ts';
import { GLOBAL_INDEXES, TABLE_KEYS } from '../../../infra/table-definition.ts';

/** The key attributes DynamoDB needs to resume a query on the table or on an index. */
function keyAttributes(indexName: string | undefined): string[] {
  const table = [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey];
  const index = GLOBAL_INDEXES.find((i) => i.indexName === indexName);
  return index ? [...table, index.partitionKey, index.sortKey] : table;
}

/**
 * What a cursor must hold to resume one particular query: the partition it reads, and a sort key its key
 * condition accepts. DynamoDB answers a start key outside them with a ValidationException (a 500), not a 400.
 */
export interface CursorScope {
  readonly partition: string;
  readonly sortPrefix?: string;
  readonly sortFrom?: string;
  readonly sortTo?: string;
}

/** The list a cursor belongs to, authenticated with it: a cursor of another index or key condition does not open. */
function cursorContext(indexName: string | undefined, scope: CursorScope | undefined): string {
  return JSON.stringify([indexName ?? null, scope?.partition ?? null, scope?.sortPrefix ?? null, scope?.sortFrom ?? null, scope?.sortTo ?? null]);
}

/** The cursor that resumes after `item`: its key values only, sealed (`cursors.ts`), without the attribute names. */
async function encodeCursor(table: Table, item: Item, indexName: string | undefined, scope: CursorScope | undefined): Promise<string> {
  const values = keyAttributes(indexName).map((name) => String(item[name]));
  return sealCursor(await table.cursorKey(), values, cursorContext(indexName, scope));
}

/** Rejects any cursor that this very list did not produce (400, never a DynamoDB error nor a 500). */
async function decodeCursor(table: Table, cursor: string, indexName: string | undefined, scope: CursorScope | undefined): Promise<Record<string, string>> {
  const values = openCursor(await table.cursorKey(), cursor, cursorContext(indexName, scope));
  const names = keyAttributes(indexName);
  if (!Array.isArray(values) || values.length !== names.length || !values.every((value) => typeof value === 'string' && value !== '')) {
    throw ValidationError.field('/query/cursor', 'is not a cursor returned by this list; start again without it');
  }
  return Object.fromEntries(names.map((name, index) => [name, values[index] as string]));
}

/**
 * Runs a Query until it fills a page or runs out: with a FilterExpression, DynamoDB may return short
 * pages. It reads one item past the page, so that a last page says so (`nextCursor: null`) even when DynamoDB
 * stopped exactly at its end with a LastEvaluatedKey, rather than sending the client for an empty page. The cursor
 * is the key of the last item returned, so nothing is skipped or repeated. With a `scope`, a cursor of another
 * list (another partition, another prefix) is refused as a 400.
 */
export async function queryPage(
  table: Table,
  input: Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'>,
  page: PageRequest,
  scope?: CursorScope,
): Promise<Page<Item>> {
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined = page.cursor ? await decodeCursor(table, page.cursor, input.IndexName, scope) : undefined;
  const wanted = page.limit + 1;
  do {
    const result = await table.client.send(
      new QueryCommand({ ...input, TableName: table.name, Limit: wanted - items.length + (input.FilterExpression ? page.limit : 0), ExclusiveStartKey: startKey }),
    );
    items.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey;
  } while (items.length < wanted && startKey !== undefined);
  const pageItems = items.slice(0, page.limit);
  const last = pageItems.at(-1);
  return {
    items: pageItems,
    nextCursor: items.length > page.limit && last ? await encodeCursor(table, last, input.IndexName, scope) : null,
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

type IndexName = (typeof GLOBAL_INDEXES)[number]['indexName'];

/** One condition of a FilterExpression, on a non-key attribute of the items. */
export interface Filter {
  readonly attribute: string;
  readonly test: 'equals' | 'differs' | 'beginsWith' | 'contains';
  readonly value: string;
}

/**
 * A list as a key condition on the table or one index (a partition, optionally a sort key prefix or lower
 * bound), plus filters for what the key cannot express.
 */
export interface KeyQuery {
  /** Absent: the table itself. */
  readonly index?: IndexName;
  readonly partition: string;
  readonly sortPrefix?: string;
  readonly sortFrom?: string;
  /** Inclusive upper bound; with `sortFrom`, a BETWEEN. */
  readonly sortTo?: string;
  readonly filters?: readonly Filter[];
  /** Newest (highest sort key) first. */
  readonly descending?: boolean;
}

const FILTER_EXPRESSIONS: Record<Filter['test'], (name: string, value: string) => string> = {
  equals: (name, value) => `${name} = ${value}`,
  differs: (name, value) => `${name} <> ${value}`,
  beginsWith: (name, value) => `begins_with(${name}, ${value})`,
  contains: (name, value) => `contains(${name}, ${value})`,
};

/** The Query input of a KeyQuery, and the scope its cursors must stay in. */
export function keyQueryInput(query: KeyQuery): { input: Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'>; scope: CursorScope } {
  const index = GLOBAL_INDEXES.find((i) => i.indexName === query.index);
  const partitionKey = index ? index.partitionKey : TABLE_KEYS.partitionKey;
  const sortKey = index ? index.sortKey : TABLE_KEYS.sortKey;
  // DynamoDB refuses empty strings in a key condition; an empty prefix or lower bound means "everything" anyway.
  const sortPrefix = query.sortPrefix === '' ? undefined : query.sortPrefix;
  const sortFrom = query.sortFrom === '' ? undefined : query.sortFrom;
  const sortTo = query.sortTo;
  if (sortPrefix !== undefined && (sortFrom !== undefined || sortTo !== undefined)) throw new Error('A key condition has one sort key condition');
  const names: Record<string, string> = { '#pk': partitionKey };
  const values: Record<string, unknown> = { ':pk': query.partition };
  let keyCondition = '#pk = :pk';
  if (sortPrefix !== undefined || sortFrom !== undefined || sortTo !== undefined) {
    names['#sk'] = sortKey;
    if (sortPrefix !== undefined) {
      values[':sk'] = sortPrefix;
      keyCondition += ' AND begins_with(#sk, :sk)';
    } else if (sortFrom !== undefined && sortTo !== undefined) {
      values[':sk'] = sortFrom;
      values[':skTo'] = sortTo;
      keyCondition += ' AND #sk BETWEEN :sk AND :skTo';
    } else if (sortFrom !== undefined) {
      values[':sk'] = sortFrom;
      keyCondition += ' AND #sk >= :sk';
    } else {
      values[':sk'] = sortTo;
      keyCondition += ' AND #sk <= :sk';
    }
  }
  const filters = (query.filters ?? []).map((filter, i) => {
    names[`#f${i}`] = filter.attribute;
    values[`:f${i}`] = filter.value;
    return FILTER_EXPRESSIONS[filter.test](`#f${i}`, `:f${i}`);
  });
  return {
    input: {
      ...(query.index ? { IndexName: query.index } : {}),
      KeyConditionExpression: keyCondition,
      ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ...(query.descending ? { ScanIndexForward: false } : {}),
    },
    scope: {
      partition: query.partition,
      ...(sortPrefix !== undefined ? { sortPrefix } : {}),
      ...(sortFrom !== undefined ? { sortFrom } : {}),
      ...(sortTo !== undefined ? { sortTo } : {}),
    },
  };
}

/** One page of a KeyQuery; its cursors are checked to belong to this very list. */
export function queryKeyPage(table: Table, query: KeyQuery, page: PageRequest): Promise<Page<Item>> {
  const { input, scope } = keyQueryInput(query);
  return queryPage(table, input, page, scope);
}
