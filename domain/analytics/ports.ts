import type { Month } from './months.ts';
import type { Increment, Scope } from './quote-increments.ts';
import type { QuoteAggregate, QuoteMemory } from './records.ts';

export const GROUP_BYS = ['month', 'agent', 'customer'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** A read of aggregates: one scope's, over a range of months, each with the dimension value it is grouped by. */
export interface AggregateRead {
  readonly scope: Scope;
  readonly groupBy: GroupBy;
  readonly from: Month;
  readonly to: Month;
}

/** One event's change: its increments and its quote's new memory, written at once, or not at all. */
export interface QuoteEventChange {
  readonly eventId: string;
  /** The version of the memory the change was computed from (0: none yet). */
  readonly memoryVersion: number;
  readonly memory: QuoteMemory;
  readonly increments: readonly Increment[];
}

export interface QuoteAnalyticsStore {
  /**
   * The aggregates of a read: for `month`, the scope's own; for `agent` (`customer`), each agent's (customer's)
   * within the scope, unless the scope names one. A bounded number of requests, whatever the number of quotes.
   */
  aggregates(read: AggregateRead): Promise<readonly QuoteAggregate[]>;
  /** What the aggregates remember of a quote, or null before its first counted event. */
  memory(quoteId: string): Promise<QuoteMemory | null>;
  /**
   * Applies the change, on condition that the event was not applied yet (else nothing: `duplicate`) and that the memory
   * is still at `memoryVersion` (else a WriteConflictError, nothing written: compute again).
   */
  apply(change: QuoteEventChange): Promise<'applied' | 'duplicate'>;
}
