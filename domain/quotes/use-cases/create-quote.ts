import type { Actor } from '../../shared/actor.ts';
import type { DomainEvent } from '../../shared/events.ts';
import { newId } from '../../shared/ids.ts';
import { formatDocumentNumber, numberingYear } from '../../shared/sequences.ts';
import { parseWith } from '../../shared/validation.ts';
import { assertCanWriteQuotes, quoteEvent, type QuotesDeps } from '../access.ts';
import { composeVersion } from '../compose-version.ts';
import { quoteFacts } from '../quote-facts.ts';
import { QUOTE_LIFECYCLE, QUOTE_NUMBERING, type Quote, type QuoteVersion } from '../quote.ts';
import { quoteCreateSchema, type QuoteFields, type QuoteLineInput } from '../schemas.ts';

/**
 * QUO-1: creates a draft quote, version 1, numbered `Q-<year>-<n>`.
 * Input: quoteCreateSchema (a customer or a prospect, lines, terms). Output: the quote's header.
 * Steps: validate → settle the defaults and price the lines (compose-version.ts) → take the year's next number →
 * commit the lines, then the header, the version, the sequence and `quote.created` (a race for the number is a
 * write conflict: the operation runs again on the next one).
 */
export async function createQuote(deps: QuotesDeps, actor: Actor, input: unknown): Promise<Quote> {
  assertCanWriteQuotes(actor);
  const { lines, ...fields } = parseWith(quoteCreateSchema, input);
  return createDraft(deps, actor, fields, lines ?? []);
}

/** The draft a quote request (QUO-8) or a client makes: shared by both entries. */
export async function createDraft(deps: QuotesDeps, actor: Actor, fields: Omit<QuoteFields, 'lines'>, lines: readonly QuoteLineInput[], alsoEmits: (quote: Quote) => readonly DomainEvent[] = () => []): Promise<Quote> {
  const composed = await composeVersion(deps, actor, fields, { requested: lines, existingIds: new Set() });
  const now = deps.clock.now();
  const sequence = await deps.store.lastNumber(numberingYear(now));
  const id = newId('quote');
  const at = now.toISOString();
  const current = { number: 1, contentHash: composed.contentHash, lineCount: composed.lineCount, linesHash: composed.linesHash };
  const quote: Quote = {
    id,
    number: formatDocumentNumber(QUOTE_NUMBERING, sequence.year, sequence.last + 1),
    version: 1,
    state: QUOTE_LIFECYCLE.initial,
    ...(composed.content.customer ? { customerId: composed.content.customer.customerId } : {}),
    current,
    content: composed.content,
    transitions: [],
    createdAt: at,
    createdBy: actor.id,
    updatedAt: at,
  };
  const version: QuoteVersion = { quoteId: id, ...current, content: composed.content, createdAt: at, createdBy: actor.id };
  const event = quoteEvent('quote.created', quoteFacts(quote), { actor, clock: deps.clock, subject: id });
  await deps.store.commit({ previous: null, next: quote, sequence, version: { record: version, lines: composed.lines ?? [] } }, [event, ...alsoEmits(quote)]);
  return quote;
}
