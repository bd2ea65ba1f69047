import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '../../../domain/shared/page.ts';
import type { Table } from './client.ts';
import type { Item } from './items.ts';
import { queryKeyPage, type KeyQuery } from './pagination.ts';

/** What a read needs of an entity declaration (entity.ts): how its items become records. */
interface Parses<T> {
  parse(item: Item): T;
}

/**
 * The record at this key, parsed by its entity, or null. Strongly consistent: a client that just wrote a record reads
 * it back at its new version, which its next If-Match names.
 */
export async function getRecord<T>(table: Table, entity: Parses<T>, key: Item): Promise<T | null> {
  const { Item: item } = await table.client.send(new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }));
  return item ? entity.parse(item) : null;
}

/** One page of a key Query (pagination.ts), its items parsed by their entity. */
export async function recordPage<T>(table: Table, entity: Parses<T>, query: KeyQuery, request: PageRequest): Promise<Page<T>> {
  const result = await queryKeyPage(table, query, request);
  return { items: result.items.map((item) => entity.parse(item)), nextCursor: result.nextCursor };
}
