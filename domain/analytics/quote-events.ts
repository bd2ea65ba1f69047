import * as z from 'zod';
import { quoteEventSchemas, type QuoteEventType } from '../quotes/index.ts';

/** The quote events that move a figure; the others (created, updated, revised, cancelled) change none. */
export const COUNTED_QUOTE_EVENTS = ['quote.sent', 'quote.accepted', 'quote.converted', 'quote.declined', 'quote.expired'] as const satisfies readonly QuoteEventType[];
export type CountedQuoteEventType = (typeof COUNTED_QUOTE_EVENTS)[number];

/** They are all transitions: their data has the same shape. */
type TransitionData = z.output<(typeof quoteEventSchemas)[CountedQuoteEventType]['data']>;

export interface CountedQuoteEvent {
  readonly id: string;
  readonly type: CountedQuoteEventType;
  readonly occurredAt: string;
  readonly data: TransitionData;
}

const envelope = z.object({
  id: z.string().min(1),
  type: z.string(),
  version: z.int(),
  occurredAt: z.iso.datetime(),
  data: z.unknown(),
});

const isCounted = (type: string): type is CountedQuoteEventType => (COUNTED_QUOTE_EVENTS as readonly string[]).includes(type);

/**
 * A delivered domain event as the analytics read it, parsed with its type's schema; null for a type they do not count.
 * A counted type at a version they do not know throws: counting it by guess would corrupt the figures for good.
 */
export function countedQuoteEvent(delivered: unknown): CountedQuoteEvent | null {
  const event = envelope.parse(delivered);
  if (!isCounted(event.type)) return null;
  const schema = quoteEventSchemas[event.type];
  if (event.version !== schema.version) throw new Error(`${event.type} v${event.version} is not counted: the analytics know v${schema.version}`);
  return { id: event.id, type: event.type, occurredAt: event.occurredAt, data: schema.data.parse(event.data) };
}
