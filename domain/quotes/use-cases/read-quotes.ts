import { seesEverything, type Actor } from '../../shared/actor.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { decimalDelta, diffLines, type DiffableLine, type LineDiff } from '../../shared/line-diff.ts';
import type { Page, PageRequest } from '../../shared/page.ts';
import { contentHash } from '../../shared/content-hash.ts';
import { visibleQuote, type QuotesDeps } from '../access.ts';
import type { QuoteQuery } from '../ports.ts';
import type { SentMail } from '../../shared/mail.ts';
import type { Quote, QuoteLine, QuoteVersion } from '../quote.ts';

/** A quote the actor may see (an agent: only theirs; others are 404). */
export function getQuote(deps: QuotesDeps, actor: Actor, quoteId: string): Promise<Quote> {
  return visibleQuote(deps, actor, quoteId);
}

/** Quotes newest first; an agent's list is always their own (asking for another agent's is a 400). */
export function listQuotes(deps: QuotesDeps, actor: Actor, query: QuoteQuery, page: PageRequest): Promise<Page<Quote>> {
  if (seesEverything(actor)) return deps.store.list(query, page);
  if (query.ownerAgentId !== undefined && query.ownerAgentId !== actor.id) throw ValidationError.field('/query/ownerAgentId', 'agents can only list their own quotes');
  return deps.store.list({ ...query, ownerAgentId: actor.id }, page);
}

/** A version of a quote the actor may see (the current one when `number` is absent); a number the quote never had is a 404. */
export async function getQuoteVersion(deps: QuotesDeps, actor: Actor, quoteId: string, number?: number): Promise<{ readonly quote: Quote; readonly version: QuoteVersion }> {
  const quote = await visibleQuote(deps, actor, quoteId);
  return { quote, version: await versionOf(deps, quote, number ?? quote.current.number) };
}

export async function versionOf(deps: QuotesDeps, quote: Quote, number: number): Promise<QuoteVersion> {
  const version = number >= 1 && number <= quote.current.number ? await deps.store.getVersion(quote.id, number) : null;
  if (!version) throw new NotFoundError('Quote version', `${quote.id} v${number}`);
  return version;
}

export async function listQuoteVersions(deps: QuotesDeps, actor: Actor, quoteId: string, page: PageRequest): Promise<Page<QuoteVersion>> {
  await visibleQuote(deps, actor, quoteId);
  return deps.store.listVersions(quoteId, page);
}

/** A page of a version's lines (the current one when `number` is absent). */
export async function listQuoteLines(deps: QuotesDeps, actor: Actor, quoteId: string, number: number | undefined, page: PageRequest): Promise<Page<QuoteLine>> {
  const quote = await visibleQuote(deps, actor, quoteId);
  // The header names its current version's lines: only an earlier version needs its own item read.
  const version = number === undefined || number === quote.current.number ? quote.current : await versionOf(deps, quote, number);
  return deps.store.lines(quoteId, version, page);
}

/** The totals a diff compares. */
const TOTALS = ['lines', 'documentDiscounts', 'transport', 'net', 'tax', 'gross'] as const;

export interface QuoteVersionDiff {
  readonly quoteId: string;
  readonly from: { readonly number: number; readonly contentHash: string };
  readonly to: { readonly number: number; readonly contentHash: string };
  readonly currency: string;
  readonly lines: LineDiff;
  /** `to − from` of each total, and both values. */
  readonly totals: Readonly<Record<(typeof TOTALS)[number], { readonly from: string; readonly to: string; readonly delta: string }>>;
}

/**
 * QUO-3: what changed from version `a` to version `b`: lines added, removed and changed (by their stable id), with
 * the quantity, unit price and amount deltas, and the totals' delta. Either order; the same version twice is empty.
 */
export async function diffQuoteVersions(deps: QuotesDeps, actor: Actor, quoteId: string, a: number, b: number): Promise<QuoteVersionDiff> {
  const [from, to] = await Promise.all([getQuoteVersion(deps, actor, quoteId, a), getQuoteVersion(deps, actor, quoteId, b)]);
  if (from.version.content.currency !== to.version.content.currency) {
    throw ValidationError.field('/path/b', `is in ${to.version.content.currency} and version ${a} in ${from.version.content.currency}: amounts in two currencies do not subtract`);
  }
  const [before, after] = await Promise.all([deps.store.allLines(quoteId, from.version), deps.store.allLines(quoteId, to.version)]);
  const totals = Object.fromEntries(
    TOTALS.map((total) => {
      const x = from.version.content.pricing.totals[total];
      const y = to.version.content.pricing.totals[total];
      return [total, { from: x, to: y, delta: decimalDelta(x, y)! }];
    }),
  ) as QuoteVersionDiff['totals'];
  return {
    quoteId,
    from: { number: from.version.number, contentHash: from.version.contentHash },
    to: { number: to.version.number, contentHash: to.version.contentHash },
    currency: to.version.content.currency,
    lines: diffLines(before.map(diffable), after.map(diffable)),
    totals,
  };
}

/** A line as the diff compares it: its priced figures, and the hash of the rest. */
function diffable(line: QuoteLine): DiffableLine {
  switch (line.kind) {
    case 'section':
      return { id: line.id, label: line.title, fingerprint: contentHash({ kind: line.kind, title: line.title }) };
    case 'comment':
      return { id: line.id, label: line.text.slice(0, 80), fingerprint: contentHash({ kind: line.kind, text: line.text }) };
    case 'product':
    case 'text': {
      const label = line.kind === 'product' ? `${line.productCode} ${line.productName}` : line.input.description;
      return {
        id: line.id,
        label,
        quantity: line.priced.quantities.sales.quantity,
        unitPrice: line.priced.unitPrice,
        amount: line.priced.amount,
        fingerprint: contentHash({ kind: line.kind, input: line.input }),
      };
    }
  }
}

/** QUO-5: the messages sent about a quote, oldest first, each with its delivery status as SES last reported it. */
export async function quoteEmails(deps: QuotesDeps, actor: Actor, quoteId: string): Promise<readonly SentMail[]> {
  await visibleQuote(deps, actor, quoteId);
  return deps.mailer.sentFor(quoteId);
}
