import { seesMargins } from '../../../domain/quotes/access.ts';
import type { Quote, QuoteLine, QuoteVersion } from '../../../domain/quotes/quote.ts';
import type { QuoteVersionDiff } from '../../../domain/quotes/use-cases/read-quotes.ts';
import type { Actor } from '../../../domain/shared/actor.ts';
import type { Page } from '../../../domain/shared/page.ts';
import type { components } from '../../../openapi/generated/types.ts';

/**
 * What the API shows of a quote: its header with its current version's content, and lines with their figures.
 * Margins are left out for integrations (QUO-1: for the company's sales people only).
 */
type Schemas = components['schemas'];
const HIDDEN_MARGIN = 'not shown to integrations';

export function quoteSummary(quote: Quote, actor: Actor): Schemas['QuoteSummary'] {
  const { current, content, ...header } = quote;
  const { pricing, ...terms } = content;
  const totals = seesMargins(actor) ? pricing.totals : withoutMargin(pricing.totals);
  return { ...header, ...terms, currentVersion: { number: current.number, contentHash: current.contentHash, lineCount: current.lineCount }, pricing: { ...pricing, totals } } as Schemas['QuoteSummary'];
}

export function quoteResource(quote: Quote, lines: Page<QuoteLine>, actor: Actor): Schemas['Quote'] {
  return { ...quoteSummary(quote, actor), lines: lines.items.map((line) => lineResource(line, actor)), linesNextCursor: lines.nextCursor };
}

export function lineResource(line: QuoteLine, actor: Actor): Schemas['QuoteLine'] {
  if (!('priced' in line) || seesMargins(actor)) return line as unknown as Schemas['QuoteLine'];
  return { ...line, priced: { ...line.priced, margin: { basis: line.priced.margin.basis, unavailable: HIDDEN_MARGIN } } } as unknown as Schemas['QuoteLine'];
}

export function versionResource(version: QuoteVersion, actor: Actor): Schemas['QuoteVersion'] {
  const { linesHash: _linesHash, content, ...rest } = version;
  const shown = seesMargins(actor) ? content : { ...content, pricing: { ...content.pricing, totals: withoutMargin(content.pricing.totals) } };
  return { ...rest, content: shown as Schemas['QuoteVersion']['content'] };
}

export function diffResource(diff: QuoteVersionDiff): Schemas['QuoteVersionDiff'] {
  const { added, removed, changed, unchanged } = diff.lines;
  return { ...diff, lines: { added: [...added], removed: [...removed], changed: [...changed], unchanged } };
}

function withoutMargin<T extends { readonly margin?: string }>(totals: T): Omit<T, 'margin'> {
  const { margin: _margin, ...rest } = totals;
  return rest;
}

export const quoteLocation = (quoteId: string) => `/quotes/${quoteId}`;
