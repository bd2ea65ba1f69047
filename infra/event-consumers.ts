import { COUNTED_QUOTE_EVENTS } from '../domain/analytics/index.ts';
import { ANALYTICS_KEY_PREFIX } from '../functions/adapters/dynamodb/quote-analytics-store.ts';

/**
 * The consumers of the domain events, read by the CDK stack (a rule on the bus → the consumer's Lambda, retried, with
 * a dead-letter queue: constructs/event-consumer-functions.ts) and by the local runtime (subscriptions to the
 * in-process bus: local/event-consumers.ts). Each module exports `handler`, which takes the EventBridge event whose
 * `detail` is the domain event; delivery is at least once, so each consumer dedupes on the event's `id`.
 */
export interface EventConsumer {
  /** kebab-case: names its Lambda, rule and queue. */
  readonly name: string;
  readonly description: string;
  /** The domain event types it takes (the events' `detail-type` on the bus). */
  readonly eventTypes: readonly string[];
  /** Its module, from the repository root. */
  readonly module: string;
  /** The table items it reads and writes, by the start of their partition key: its role may touch no others. */
  readonly tableKeyPrefixes: readonly string[];
}

export const EVENT_CONSUMERS: readonly EventConsumer[] = [
  {
    name: 'quote-analytics',
    description: 'Counts the quote events in the quote analytics aggregates (QUO-7)',
    eventTypes: COUNTED_QUOTE_EVENTS,
    module: 'functions/events/quote-analytics.ts',
    tableKeyPrefixes: [ANALYTICS_KEY_PREFIX],
  },
];
