/**
 * The quotes context's public entry: what another context may use of it (DESIGN §9). Orders convert accepted quotes
 * (QUO-6) through the pinned version these expose.
 */
export type { Quote, QuoteLine, QuoteVersion, QuoteState } from './quote.ts';
export type { QuotesDeps } from './access.ts';
export { acceptanceSchema } from './use-cases/change-quote-state.ts';
export { acceptByLink, declineByLink, declineSchema, quoteLinkPdf, viewQuoteLink, type OpenedLink } from './use-cases/quote-links.ts';
/** The quote events, for the contexts that react to them (the analytics, QUO-7). */
export { quoteEventSchemas, type QuoteEventType } from './events.ts';
