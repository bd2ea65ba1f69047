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
export interface EntitySpec<T, K, X extends Partial<Record<IndexName, KeyOf<never, string | undefined>>>, B extends string> {
  /** The `entity` attribute of its items. */
  readonly name: string;
  /** The stored record's schema: every item read is parsed with it, never cast. */
  readonly schema: z.ZodType<T>;
  /** Made from the record and its `beside` attributes (a copy filed under each of its rule's countries). */
  readonly key: KeyOf<K>;
  readonly indexes?: X;
  /** Attributes stored beside the record for filters inside a Query (a name's search key); dropped on read. */
  readonly attributes?: Readonly<Record<string, (record: T) => string>>;
  /**
   * Attributes that do not follow from the record, which every write gives (a rule's list's audience): stored beside
   * it for filters and keys, dropped on read. None is a field of the record.
   */
  readonly beside?: readonly B[];
}

/** What a write gives beside the record: nothing, or a value for each of the entity's `beside` attributes. */
type Beside<B extends string> = [B] extends [never] ? [] : [beside: Readonly<Record<B, string>>];

export interface Entity<T, K, X, B extends string = never> {
  readonly name: string;
  /** The table key of the record with these fields. */
  key(input: K): { pk: string; sk: string };
  /** The index keys, for the Queries that read them. */
  readonly indexes: X;
  /** The item a write puts: the record, its table and index keys, its entity name, filter and `beside` attributes. */
  item(record: T, ...beside: Beside<B>): Item;
  /** The record an item holds, parsed with the entity's schema (a stored item that does not parse is a bug: 500). */
  parse(item: Item): T;
}

const KEY_ATTRIBUTES = [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, ...GLOBAL_INDEXES.flatMap((index) => [index.partitionKey, index.sortKey])];

export function defineEntity<T, K, const X extends Partial<Record<IndexName, KeyOf<never, string | undefined>>> = Record<never, never>, const B extends string = never>(
  spec: EntitySpec<T, K, X, B>,
): Entity<T, K, X, B> {
  const indexes = (spec.indexes ?? {}) as X;
  const key = (input: K) => ({ pk: spec.key.pk(input), sk: spec.key.sk(input) });
  const storedBeside = [...KEY_ATTRIBUTES, 'entity', ...Object.keys(spec.attributes ?? {}), ...(spec.beside ?? [])];
  return {
    name: spec.name,
    key,
    indexes,
    item(record, ...[beside]) {
      const keyInput = { ...beside, ...record };
      const indexAttributes: Record<string, string> = {};
      for (const [name, index] of Object.entries(indexes) as [IndexName, KeyOf<typeof keyInput, string | undefined>][]) {
        const pk = index.pk(keyInput);
        if (pk !== undefined) Object.assign(indexAttributes, { [`${name}pk`]: pk, [`${name}sk`]: index.sk(keyInput) });
      }
      const filterAttributes = Object.fromEntries(Object.entries(spec.attributes ?? {}).map(([name, value]) => [name, value(record)]));
      return { ...key(keyInput as unknown as K), entity: spec.name, ...indexAttributes, ...filterAttributes, ...beside, ...record };
    },
    parse(item) {
      const stored: Record<string, unknown> = { ...item };
      for (const name of storedBeside) delete stored[name];
      const parsed = spec.schema.safeParse(stored);
      if (!parsed.success) throw new Error(`A stored ${spec.name} (${String(item[TABLE_KEYS.partitionKey])} ${String(item[TABLE_KEYS.sortKey])}) does not parse: ${parsed.error.message}`);
      return parsed.data;
    },
  };
}
