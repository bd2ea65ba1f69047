import type * as z from 'zod';
import { GLOBAL_INDEXES, TABLE_KEYS } from '../../../infra/table-definition.ts';
import type { Item } from './items.ts';

export type IndexName = (typeof GLOBAL_INDEXES)[number]['indexName'];

/**
 * A key (partition and sort values) made from some fields of a record: a write makes it from the whole record, a
 * query from the fields it filters on, with the same function. An index key whose partition is undefined (the
 * optional field it needs is absent) leaves the item out of that index.
 */
export interface KeyOf<I, P extends string | undefined = string> {
  readonly pk: (input: I) => P;
  readonly sk: (input: I) => string;
}

/** One entity of the single table, declared once (DESIGN §9): its keys, the indexes it is in, how it is read back. */
export interface EntitySpec<T, K, X extends Partial<Record<IndexName, KeyOf<never, string | undefined>>>> {
  /** The `entity` attribute of its items. */
  readonly name: string;
  /** The stored record's schema: every item read is parsed with it, never cast. */
  readonly schema: z.ZodType<T>;
  readonly key: KeyOf<K>;
  readonly indexes?: X;
  /** Attributes stored beside the record for filters inside a Query (a name's search key); dropped on read. */
  readonly attributes?: Readonly<Record<string, (record: T) => string>>;
}

export interface Entity<T, K, X> {
  readonly name: string;
  /** The table key of the record with these fields. */
  key(input: K): { pk: string; sk: string };
  /** The index keys, for the Queries that read them. */
  readonly indexes: X;
  /** The item a write puts: the record, its table and index keys, its entity name and filter attributes. */
  item(record: T): Item;
  /** The record an item holds, parsed with the entity's schema (a stored item that does not parse is a bug: 500). */
  parse(item: Item): T;
}

const KEY_ATTRIBUTES = [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, ...GLOBAL_INDEXES.flatMap((index) => [index.partitionKey, index.sortKey])];

export function defineEntity<T, K, const X extends Partial<Record<IndexName, KeyOf<never, string | undefined>>> = Record<never, never>>(
  spec: EntitySpec<T, K, X>,
): Entity<T, K, X> {
  const indexes = (spec.indexes ?? {}) as X;
  const key = (input: K) => ({ pk: spec.key.pk(input), sk: spec.key.sk(input) });
  return {
    name: spec.name,
    key,
    indexes,
    item(record) {
      const indexAttributes: Record<string, string> = {};
      for (const [name, index] of Object.entries(indexes) as [IndexName, KeyOf<T, string | undefined>][]) {
        const pk = index.pk(record);
        if (pk !== undefined) Object.assign(indexAttributes, { [`${name}pk`]: pk, [`${name}sk`]: index.sk(record) });
      }
      const filterAttributes = Object.fromEntries(Object.entries(spec.attributes ?? {}).map(([name, value]) => [name, value(record)]));
      return { ...key(record as unknown as K), entity: spec.name, ...indexAttributes, ...filterAttributes, ...record };
    },
    parse(item) {
      const stored: Record<string, unknown> = { ...item };
      for (const name of [...KEY_ATTRIBUTES, 'entity', ...Object.keys(spec.attributes ?? {})]) delete stored[name];
      const parsed = spec.schema.safeParse(stored);
      if (!parsed.success) throw new Error(`A stored ${spec.name} (${String(item[TABLE_KEYS.partitionKey])} ${String(item[TABLE_KEYS.sortKey])}) does not parse: ${parsed.error.message}`);
      return parsed.data;
    },
  };
}
