import type { Quote } from './quote.ts';

/** What every quote event says of the quote (events.ts): the analytics keep their aggregates from these alone. */
export function quoteFacts(quote: Quote) {
  return {
    quoteId: quote.id,
    number: quote.number,
    version: quote.version,
    documentVersion: quote.current.number,
    contentHash: quote.current.contentHash,
    ...(quote.customerId === undefined ? {} : { customerId: quote.customerId }),
    ownerAgentId: quote.content.ownerAgentId,
    currency: quote.content.currency,
    net: quote.content.pricing.totals.net,
    createdAt: quote.createdAt,
  };
}
