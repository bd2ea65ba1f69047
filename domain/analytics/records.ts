import * as z from 'zod';
import { COUNTER_NAMES, type CounterName } from './counters.ts';
import { MONTH_PATTERN } from './months.ts';

/** The records the analytics store, as read back: parsed with these (DESIGN §9), never cast. */

/** A number as DynamoDB gives it back, kept as its exact decimal text. */
const storedNumber = z.string().regex(/^-?\d+(\.\d+)?$/);

/** An event of a quote as the aggregates counted it: when, and the aggregates it counted in. */
export const occurrenceSchema = z.object({
  eventId: z.string(),
  at: z.iso.datetime(),
  month: z.string().regex(MONTH_PATTERN),
  agentId: z.string(),
  /** The customer's id, or `prospect`. */
  customerKey: z.string(),
  currency: z.string(),
  /** The net of the version concerned. */
  net: storedNumber,
});
export type Occurrence = z.output<typeof occurrenceSchema>;

/**
 * What the aggregates remember of one quote, so that its figures do not depend on the order its events arrive in:
 * its earliest sending seen (it counts as quoted there, once) and its acceptance (whose delay needs both ends).
 * `version` orders the consumers that count the same quote's events at once.
 */
export const quoteMemorySchema = z.object({
  quoteId: z.string(),
  version: z.int().positive(),
  firstSent: occurrenceSchema.optional(),
  accepted: occurrenceSchema.optional(),
});
export type QuoteMemory = z.output<typeof quoteMemorySchema>;

/** One aggregate: a month, a currency and a scope (everyone, an agent, a customer, or an agent for a customer). */
export const quoteAggregateSchema = z.object({
  month: z.string().regex(MONTH_PATTERN),
  currency: z.string(),
  agentId: z.string().optional(),
  customerKey: z.string().optional(),
  ...(Object.fromEntries(COUNTER_NAMES.map((name) => [name, storedNumber.optional()])) as Record<CounterName, z.ZodOptional<typeof storedNumber>>),
});
export type QuoteAggregate = z.output<typeof quoteAggregateSchema>;
