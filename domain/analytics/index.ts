/**
 * The analytics context's public entry (DESIGN §9, §10): figures kept current from the domain events, read from
 * aggregates. Quotes first (QUO-7).
 */
export { COUNTED_QUOTE_EVENTS } from './quote-events.ts';
export { countQuoteEvent, type CountOutcome } from './use-cases/count-quote-event.ts';
export { readQuoteAnalytics, DEFAULT_MONTHS, MAX_MONTHS, type QuoteAnalytics, type QuoteAnalyticsDeps, type QuoteAnalyticsQuery } from './use-cases/read-quote-analytics.ts';
export { GROUP_BYS, type AggregateRead, type GroupBy, type QuoteAnalyticsStore, type QuoteEventChange } from './ports.ts';
export { MONTH_PATTERN, type Month } from './months.ts';
export { PROSPECT, type Bucket, type Increment, type Scope } from './quote-increments.ts';
export { COUNTER_NAMES, type CounterName, type Counters } from './counters.ts';
export { quoteAggregateSchema, quoteMemorySchema, type QuoteAggregate, type QuoteMemory } from './records.ts';
