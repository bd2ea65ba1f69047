import * as z from 'zod';
import type { Actor } from '../../shared/actor.ts';
import { parseWith, text } from '../../shared/validation.ts';
import type { ExpectedVersion } from '../../shared/versioning.ts';
import { assertCanWriteQuotes, visibleQuote, type QuotesDeps } from '../access.ts';
import type { Quote } from '../quote.ts';
import { moveQuote, pinCurrent } from '../transitions.ts';

/** The actions a client takes on a quote with `{ reason }` alone (sending and accepting take more). */
export type PlainQuoteAction = 'decline' | 'cancel';

/**
 * QUO-2: declines (the customer said no, with a reason) or cancels (from any open state, with a reason) a quote.
 * Input: the expected version (If-Match) and `{ reason }`. Output: the quote. A transition the state does not allow
 * is a 409.
 */
export async function changeQuoteState(deps: QuotesDeps, actor: Actor, quoteId: string, expectedVersion: ExpectedVersion, action: PlainQuoteAction, input: unknown): Promise<Quote> {
  assertCanWriteQuotes(actor);
  const quote = await visibleQuote(deps, actor, quoteId);
  const { next, event } = moveQuote(quote, { action, input, expectedVersion, actor, clock: deps.clock });
  await deps.store.commit({ previous: quote, next }, [event]);
  return next;
}

export const acceptanceSchema = z.strictObject({
  /** Who signed for the customer. */
  signerName: text(200),
  signerRole: text(100).optional(),
  /** The customer's purchase order number, carried to the order. */
  purchaseOrderNumber: text(60).optional(),
});

/**
 * QUO-2: records the customer's acceptance of the sent version (signed on paper, by e-mail…): it pins that version
 * by number and content hash, with the signer. Online acceptance through the e-mailed link does the same.
 */
export async function acceptQuote(deps: QuotesDeps, actor: Actor, quoteId: string, expectedVersion: ExpectedVersion, input: unknown): Promise<Quote> {
  assertCanWriteQuotes(actor);
  const signer = parseWith(acceptanceSchema, input ?? {});
  const quote = await visibleQuote(deps, actor, quoteId);
  const accepted = { ...pinCurrent(quote, actor, deps.clock), ...signer, via: 'agent' as const };
  const { next, event } = moveQuote(quote, { action: 'accept', input: {}, expectedVersion, actor, clock: deps.clock }, { accepted });
  await deps.store.commit({ previous: quote, next }, [event]);
  return next;
}
