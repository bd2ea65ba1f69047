import { QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { NumberValue } from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';
import {
  quoteAggregateSchema,
  quoteMemorySchema,
  type AggregateRead,
  type Bucket,
  type Increment,
  type QuoteAnalyticsStore,
  type QuoteEventChange,
  type QuoteMemory,
  type Scope,
} from '../../../domain/analytics/index.ts';
import { ConflictError, WriteConflictError } from '../../../domain/shared/errors.ts';
import { TTL_ATTRIBUTE } from '../../../infra/table-definition.ts';
import type { Table } from './client.ts';
import { defineEntity } from './entity.ts';
import { nowInSeconds, type Item } from './items.ts';
import { keyQueryInput, type KeyQuery } from './pagination.ts';
import { getRecord } from './record-reads.ts';
import { transact, type AttributeUpdate, type TableWrite } from './transactions.ts';

/** Every item of the analytics has a partition key that starts with this: their consumer may touch those only. */
export const ANALYTICS_KEY_PREFIX = 'ANALYTICS';
const AGGREGATES = `${ANALYTICS_KEY_PREFIX}#QUOTES#`;

/** A counted event is remembered well past any redelivery, and past the replays of the outbox (kept a week). */
const COUNTED_EVENT_RETENTION_SECONDS = 30 * 24 * 3600;

/** Agent ids are free text: encoded, a `#` in one cannot pass for a key separator. */
const keyPart = (value: string) => encodeURIComponent(value);

/** `ALL`, `AGENT#<agent>`, `CUSTOMER#<cus or prospect>` or `AGENT#<agent>#CUSTOMER#<cus or prospect>`. */
function scopeKey({ agentId, customerKey }: Scope): string {
  const parts = [...(agentId === undefined ? [] : [`AGENT#${keyPart(agentId)}`]), ...(customerKey === undefined ? [] : [`CUSTOMER#${keyPart(customerKey)}`])];
  return parts.length === 0 ? 'ALL' : parts.join('#');
}

const scopePartition = (scope: Scope) => `${AGGREGATES}${scopeKey(scope)}`;
/** The agents' aggregates, of everyone's quotes or of one customer's. */
const agentsPartition = (customerKey: string | undefined) => `${AGGREGATES}BY_AGENT#${scopeKey({ customerKey })}`;
/** The customers' aggregates, of everyone's quotes or of one agent's. */
const customersPartition = (agentId: string | undefined) => `${AGGREGATES}BY_CUSTOMER#${scopeKey({ agentId })}`;

/**
 * One item per scope, month and currency; the chart in README.md explains the keys. The sort keys begin with the month
 * so that a range of months is one key condition, on the table (a scope's months) as on the indexes (its agents or
 * customers).
 */
export const quoteAggregateEntity = defineEntity({
  name: 'quote-aggregate',
  schema: quoteAggregateSchema,
  key: { pk: (bucket: Bucket) => scopePartition(bucket), sk: (bucket: Bucket) => `${bucket.month}#${bucket.currency}` },
  indexes: {
    gsi1: {
      pk: (bucket: Bucket) => (bucket.agentId === undefined ? undefined : agentsPartition(bucket.customerKey)),
      sk: (bucket: Bucket) => `${bucket.month}#${keyPart(bucket.agentId ?? '')}#${bucket.currency}`,
    },
    gsi4: {
      pk: (bucket: Bucket) => (bucket.customerKey === undefined ? undefined : customersPartition(bucket.agentId)),
      sk: (bucket: Bucket) => `${bucket.month}#${keyPart(bucket.customerKey ?? '')}#${bucket.currency}`,
    },
  },
});

export const quoteMemoryEntity = defineEntity({
  name: 'quote-analytics-memory',
  schema: quoteMemorySchema,
  key: { pk: (memory: Pick<QuoteMemory, 'quoteId'>) => `${ANALYTICS_KEY_PREFIX}_QUOTE#${memory.quoteId}`, sk: () => '#MEMORY' },
});

/** The marker of an event counted: never read, only conditioned on. */
export const countedEventEntity = defineEntity({
  name: 'analytics-counted-event',
  schema: z.object({ eventId: z.string(), [TTL_ATTRIBUTE]: z.int() }),
  key: { pk: (marker: { eventId: string }) => `${ANALYTICS_KEY_PREFIX}_EVENT#${marker.eventId}`, sk: () => '#COUNTED' },
});

/** The marker's condition failed: the event was counted before. */
class EventAlreadyCounted extends ConflictError {
  constructor(eventId: string) {
    super('already_exists', `Event ${eventId} was counted before`);
  }
}

/** `SET` of every attribute of an item but its key, as placeholders. */
function setAll(attributes: Item): Pick<AttributeUpdate, 'names' | 'values'> & { clause: string } {
  const entries = Object.entries(attributes);
  return {
    clause: `SET ${entries.map((_, i) => `#s${i} = :s${i}`).join(', ')}`,
    names: Object.fromEntries(entries.map(([name], i) => [`#s${i}`, name])),
    values: Object.fromEntries(entries.map(([, value], i) => [`:s${i}`, value])),
  };
}

function markerWrite(eventId: string): TableWrite {
  const now = nowInSeconds();
  const { pk, sk, ...attributes } = countedEventEntity.item({ eventId, [TTL_ATTRIBUTE]: now + COUNTED_EVENT_RETENTION_SECONDS });
  const { clause, names, values } = setAll(attributes);
  return {
    kind: 'update',
    key: { pk, sk },
    // DynamoDB deletes expired items late (DynamoDB Local never does): an expired marker counts as absent.
    update: { expression: clause, condition: 'attribute_not_exists(pk) OR #expiry < :now', names: { ...names, '#expiry': TTL_ATTRIBUTE }, values: { ...values, ':now': now } },
    conflict: new EventAlreadyCounted(eventId),
  };
}

function memoryWrite({ memory, memoryVersion }: QuoteEventChange): TableWrite {
  const { pk, sk, ...attributes } = quoteMemoryEntity.item(memory);
  const { clause, names, values } = setAll(attributes);
  const first = memoryVersion === 0;
  return {
    kind: 'update',
    key: { pk, sk },
    update: { expression: clause, condition: first ? 'attribute_not_exists(pk)' : '#version = :read', names: { ...names, ...(first ? {} : { '#version': 'version' }) }, values: { ...values, ...(first ? {} : { ':read': memoryVersion }) } },
    conflict: new WriteConflictError('Another event of the same quote was counted meanwhile'),
  };
}

/** Describes the aggregate (its scope, month, currency and index keys: the same on every write) and ADDs the counters. */
function aggregateWrite({ bucket, counters }: Increment): TableWrite {
  const { pk, sk, ...described } = quoteAggregateEntity.item(bucket);
  const { clause, names, values } = setAll(described);
  const added = Object.entries(counters);
  return {
    kind: 'update',
    key: { pk, sk },
    update: {
      expression: `${clause} ADD ${added.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
      names: { ...names, ...Object.fromEntries(added.map(([name], i) => [`#c${i}`, name])) },
      // Exact decimals: DynamoDB adds numbers as decimals; a JavaScript number would round amounts.
      values: { ...values, ...Object.fromEntries(added.map(([, value], i) => [`:c${i}`, NumberValue.from(value)])) },
    },
  };
}

/** One key condition per read: the scope's own partition, or the partition that lists its agents or customers. */
export function aggregateQuery({ scope, groupBy, from, to }: AggregateRead): KeyQuery {
  // Every sort key of a month starts with `<month>#`; U+FFFF sorts after any character of a key part.
  const months = { sortFrom: `${from}#`, sortTo: `${to}#\uffff` };
  if (groupBy === 'agent' && scope.agentId === undefined) return { index: 'gsi1', partition: agentsPartition(scope.customerKey), ...months };
  if (groupBy === 'customer' && scope.customerKey === undefined) return { index: 'gsi4', partition: customersPartition(scope.agentId), ...months };
  return { partition: scopePartition(scope), ...months };
}

/**
 * Every item of a Query, page after page, with its numbers as their exact decimal text: the document client would
 * make JavaScript numbers of the amounts. Sent as a plain DynamoDB command through the same client.
 */
async function queryExact(table: Table, query: KeyQuery): Promise<Item[]> {
  const { input } = keyQueryInput(query);
  const items: Item[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await table.client.send(
      new QueryCommand({ ...input, TableName: table.name, ExpressionAttributeValues: marshall(input.ExpressionAttributeValues), ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []).map((item) => unmarshall(item, { wrapNumbers: (text: string) => text })));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

export function createQuoteAnalyticsStore(table: Table): QuoteAnalyticsStore {
  return {
    async aggregates(read) {
      return (await queryExact(table, aggregateQuery(read))).map((item) => quoteAggregateEntity.parse(item));
    },

    memory: (quoteId) => getRecord(table, quoteMemoryEntity, quoteMemoryEntity.key({ quoteId })),

    async apply(change) {
      try {
        // The marker first: when it fails, the event was counted, whatever else failed with it.
        await transact(table, [markerWrite(change.eventId), memoryWrite(change), ...change.increments.map(aggregateWrite)], []);
        return 'applied';
      } catch (error) {
        if (error instanceof EventAlreadyCounted) return 'duplicate';
        throw error;
      }
    },
  };
}
