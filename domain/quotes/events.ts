import * as z from 'zod';
import { QUOTE_STATES } from './quote.ts';

/**
 * Events of the quotes context, versioned. Each carries what the quote analytics count (QUO-7): the owner, the
 * customer, the amount of the version concerned and when the quote was made, so that a consumer keeps its
 * aggregates from the events alone.
 */
const quoteFacts = {
  quoteId: z.string(),
  number: z.string(),
  version: z.number().int(),
  documentVersion: z.number().int(),
  contentHash: z.string(),
  customerId: z.string().optional(),
  ownerAgentId: z.string(),
  currency: z.string(),
  /** The version's net total (VAT excluded), a decimal string. */
  net: z.string(),
  createdAt: z.string(),
};
const transition = z.object({ ...quoteFacts, from: z.enum(QUOTE_STATES), to: z.enum(QUOTE_STATES), reason: z.string().optional() });

export const quoteEventSchemas = {
  'quote.created': { version: 1, data: z.object(quoteFacts) },
  /** The lines or terms changed: in place on a draft, or as a new version. */
  'quote.updated': { version: 1, data: z.object({ ...quoteFacts, newVersion: z.boolean() }) },
  'quote.sent': { version: 1, data: transition },
  'quote.revised': { version: 1, data: transition },
  'quote.accepted': { version: 1, data: transition },
  'quote.declined': { version: 1, data: transition },
  'quote.expired': { version: 1, data: transition },
  'quote.cancelled': { version: 1, data: transition },
  'quote.converted': { version: 1, data: transition },
  /** A draft made from a request (QUO-8), and who it went to by which rule. */
  'quote.requested': { version: 1, data: z.object({ quoteId: z.string(), number: z.string(), ownerAgentId: z.string(), rule: z.string(), requestedBy: z.string(), source: z.string().optional() }) },
} as const;

export type QuoteEventType = keyof typeof quoteEventSchemas;
