import type { QuotesDeps } from '../../../domain/quotes/access.ts';
import type { Quote, QuoteLine } from '../../../domain/quotes/quote.ts';
import type { Page } from '../../../domain/shared/page.ts';

/** The lines a quote's representation carries: the first page of its current version (the rest through /lines). */
export const FIRST_LINES = 50;

export function firstLines(deps: QuotesDeps, quote: Quote): Promise<Page<QuoteLine>> {
  return deps.store.lines(quote.id, quote.current, { limit: FIRST_LINES });
}
