import { addCounters } from '../../domain/analytics/counters.ts';
import type { Bucket, Counters, QuoteAggregate, QuoteAnalyticsStore, QuoteMemory } from '../../domain/analytics/index.ts';
import { WriteConflictError } from '../../domain/shared/errors.ts';

/** The analytics store's contract (domain/analytics/ports.ts) in memory, for the use cases' unit tests. */
export function inMemoryQuoteAnalyticsStore(): QuoteAnalyticsStore & { readonly buckets: () => readonly (Bucket & Counters)[] } {
  const aggregates = new Map<string, { bucket: Bucket; counters: Counters }>();
  const memories = new Map<string, QuoteMemory>();
  const counted = new Set<string>();
  const bucketId = (bucket: Bucket) => JSON.stringify([bucket.month, bucket.currency, bucket.agentId ?? null, bucket.customerKey ?? null]);

  return {
    buckets: () => [...aggregates.values()].map(({ bucket, counters }) => ({ ...bucket, ...counters })),

    async aggregates({ scope, groupBy, from, to }) {
      // A dimension the scope names must match; the one grouped by must be there; any other must be absent.
      const fits = (value: string | undefined, named: string | undefined, grouped: boolean) => (named !== undefined ? value === named : grouped ? value !== undefined : value === undefined);
      return [...aggregates.values()]
        .filter(({ bucket }) => bucket.month >= from && bucket.month <= to)
        .filter(({ bucket }) => fits(bucket.agentId, scope.agentId, groupBy === 'agent') && fits(bucket.customerKey, scope.customerKey, groupBy === 'customer'))
        .map(({ bucket, counters }): QuoteAggregate => ({ ...bucket, ...counters }));
    },

    async memory(quoteId) {
      return memories.get(quoteId) ?? null;
    },

    async apply({ eventId, memoryVersion, memory, increments }) {
      if (counted.has(eventId)) return 'duplicate';
      if ((memories.get(memory.quoteId)?.version ?? 0) !== memoryVersion) throw new WriteConflictError();
      counted.add(eventId);
      memories.set(memory.quoteId, memory);
      for (const { bucket, counters } of increments) {
        const id = bucketId(bucket);
        aggregates.set(id, { bucket, counters: addCounters(aggregates.get(id)?.counters ?? {}, counters) });
      }
      return 'applied';
    },
  };
}
