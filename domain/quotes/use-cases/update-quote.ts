import * as z from 'zod';
import type { Actor } from '../../shared/actor.ts';
import { placeRevision } from '../../shared/document-versions.ts';
import { ConflictError, ValidationError } from '../../shared/errors.ts';
import { changedFields, isPlainObject } from '../../shared/merge-patch.ts';
import { transition } from '../../shared/lifecycle.ts';
import { parseWith } from '../../shared/validation.ts';
import { mergePatched, writablePartOf, type ExpectedVersion } from '../../shared/versioning.ts';
import { assertCanWriteQuotes, quoteEvent, visibleQuote, type QuotesDeps } from '../access.ts';
import { composeVersion, writableFields, type LineSource } from '../compose-version.ts';
import { quoteFacts } from '../quote-facts.ts';
import { isPricedLine, MAX_RECORDED_TRANSITIONS, QUOTE_LIFECYCLE, type Quote, type QuoteLine, type QuoteState } from '../quote.ts';
import { MAX_QUOTE_LINES, quoteFieldsSchema, quoteLineSchema, refineLineIds, refineParty, type QuoteFields, type QuoteLineInput } from '../schemas.ts';

const QUOTE_WRITABLE = writablePartOf(quoteFieldsSchema.omit({ lines: true }).superRefine(refineParty), {
  fixed: { number: 'is given by the server', state: 'changes through the actions (send, accept…)' },
});
const linesSchema = z.array(quoteLineSchema).max(MAX_QUOTE_LINES, `must have at most ${MAX_QUOTE_LINES} lines`).superRefine((lines, ctx) => refineLineIds({ lines }, ctx));

/** The fields whose change re-prices every line. */
const PRICING_TERMS = ['customerId', 'pricingDate', 'currency', 'deliveryCountry', 'incoterm', 'documentDiscounts'] as const;

/** The states whose quote an edit changes: a draft in place, the others by a new version (`revise`). */
const EDITABLE: readonly QuoteState[] = ['draft', 'sent', 'declined', 'expired'];

/**
 * QUO-3: changes a quote by merge patch (RFC 7396, If-Match). `lines` replaces the lines whole: a line that gives the
 * `id` of a current line is that line changed (the diff follows it), one without is new.
 * A draft changes in place (same version number); a sent, declined or expired quote gets the next version and goes
 * back to draft until it is sent again; accepted, converted and cancelled quotes do not change (409).
 * A change of the lines or of a pricing term re-prices the whole document with the engine as of the quote's pricing
 * date (set `pricingDate` to re-price at another day's prices); manual prices and discounts stay, flagged. Otherwise
 * the stored figures are kept. A patch that changes nothing writes nothing.
 */
export async function updateQuote(deps: QuotesDeps, actor: Actor, quoteId: string, expectedVersion: ExpectedVersion, patch: unknown): Promise<Quote> {
  assertCanWriteQuotes(actor);
  const quote = await visibleQuote(deps, actor, quoteId);
  if (!isPlainObject(patch)) throw ValidationError.field('', 'must be a JSON object (a merge patch)');
  const { lines: linesPatch, ...headerPatch } = patch;
  const before = writableFields(quote.content);
  const fields = mergePatched({ version: quote.version, ...before }, expectedVersion, headerPatch, QUOTE_WRITABLE) as Omit<QuoteFields, 'lines'>;
  if (!EDITABLE.includes(quote.state)) {
    throw new ConflictError('quote_not_editable', `A quote in state ${quote.state} does not change; ${quote.state === 'accepted' ? 'cancel it and make a new one' : 'make a new one'}`);
  }
  const requested = linesPatch === undefined ? undefined : parseWith(linesSchema, linesPatch ?? [], '/lines');
  const source = await lineSource(deps, quote, fields, before, requested);
  const composed = await composeVersion(deps, actor, fields, source);
  const inPlace = quote.state === 'draft';
  const placement = placeRevision(quote.current, composed.contentHash, inPlace);
  if (placement.unchanged) return quote;

  const at = deps.clock.now().toISOString();
  const revised = inPlace ? undefined : transition(QUOTE_LIFECYCLE, quote.state, 'revise', {});
  const current = { number: placement.number, contentHash: composed.contentHash, lineCount: composed.lineCount, linesHash: composed.linesHash };
  // A revision leaves the state that had a reason (declined, expired); the customer follows the content.
  const { stateReason, customerId: _customerId, ...kept } = quote;
  const next: Quote = {
    ...kept,
    ...(stateReason !== undefined && !revised ? { stateReason } : {}),
    ...(composed.content.customer ? { customerId: composed.content.customer.customerId } : {}),
    ...(revised ? { state: revised.to, transitions: [...quote.transitions, { action: 'revise' as const, from: revised.from, to: revised.to, at, by: actor.id }].slice(-MAX_RECORDED_TRANSITIONS) } : {}),
    version: quote.version + 1,
    current,
    content: composed.content,
    updatedAt: at,
  };
  const context = { actor, clock: deps.clock, subject: quoteId };
  const events = [
    quoteEvent('quote.updated', { ...quoteFacts(next), newVersion: !inPlace }, context),
    ...(revised ? [quoteEvent('quote.revised', { ...quoteFacts(next), from: revised.from, to: revised.to }, context)] : []),
  ];
  await deps.store.commit(
    {
      previous: quote,
      next,
      version: {
        record: { quoteId, ...current, content: composed.content, createdAt: at, createdBy: actor.id },
        ...(composed.lines && composed.linesHash !== quote.current.linesHash ? { lines: composed.lines } : {}),
        ...(inPlace ? { replaces: quote.current } : {}),
      },
    },
    events,
  );
  return next;
}

/**
 * What the new version's lines come from: the patch's lines (priced); the current lines re-priced when a pricing term
 * changed; else the current lines as they are, by their hash.
 */
async function lineSource(deps: QuotesDeps, quote: Quote, fields: Omit<QuoteFields, 'lines'>, before: Omit<QuoteFields, 'lines'>, requested: readonly QuoteLineInput[] | undefined): Promise<LineSource> {
  const termsChanged = changedFields(PRICING_TERMS, before, fields).length > 0;
  if (requested === undefined && !termsChanged) return { kept: { linesHash: quote.current.linesHash, lineCount: quote.current.lineCount }, pricing: quote.content.pricing };
  const current = await deps.store.allLines(quote.id, quote.current);
  return { requested: requested ?? current.map(asInput), existingIds: new Set(current.map((line) => line.id)) };
}

/** A stored line as the client would send it back: what re-pricing it starts from. */
export function asInput(line: QuoteLine): QuoteLineInput {
  switch (line.kind) {
    case 'section':
      return { id: line.id, kind: 'section', title: line.title };
    case 'comment':
      return { id: line.id, kind: 'comment', text: line.text };
    default:
      return isPricedLine(line) ? ({ id: line.id, kind: line.kind, ...line.input } as QuoteLineInput) : (line satisfies never);
  }
}
