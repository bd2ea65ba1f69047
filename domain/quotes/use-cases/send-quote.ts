import * as z from 'zod';
import { getDocumentSettings } from '../../printing/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { isPinned } from '../../shared/document-versions.ts';
import { ConflictError, ValidationError } from '../../shared/errors.ts';
import { transition } from '../../shared/lifecycle.ts';
import type { Mailbox } from '../../shared/mail.ts';
import { note, parseWith, text } from '../../shared/validation.ts';
import { assertExpectedVersion, type ExpectedVersion } from '../../shared/versioning.ts';
import { assertCanWriteQuotes, visibleQuote, type QuotesDeps } from '../access.ts';
import { QUOTE_LIFECYCLE, type Quote } from '../quote.ts';
import { quoteMail } from '../quote-mail.ts';
import { moveQuote, pinCurrent } from '../transitions.ts';
import { renderVersion } from './quote-pdf.ts';
import { versionOf } from './read-quotes.ts';

const mailbox = z.strictObject({ name: text(200).optional(), address: z.email({ message: 'must be an e-mail address' }).max(254) });

export const sendQuoteSchema = z.strictObject({
  /** By default the customer's invoicing e-mail (else its e-mail), or the prospect's. */
  to: z.array(mailbox).min(1, 'must name at least one recipient').max(10).optional(),
  cc: z.array(mailbox).max(10).optional(),
  /** A few words of the sender's own, above the quote's summary. */
  message: note(2000).optional(),
});

/** The key of the business action (DESIGN §6): one message per version and content, however often it is asked. */
export function sendKeyOf(quote: Pick<Quote, 'id' | 'current'>): string {
  return `quote-${quote.id}-v${quote.current.number}-${quote.current.contentHash.slice('sha256:'.length, 'sha256:'.length + 12)}-send`;
}

/**
 * QUO-5: e-mails the quote's current version — the PDF attached, the link to view and accept that version online,
 * answers to the sender — and moves the quote to `sent`, pinning the version (number and content hash).
 * Idempotent: the mailer sends one message per version and content (its send ledger), so a retry after a failure
 * sends nothing twice; a send of the version already sent answers the quote as it is.
 * Input: If-Match, `{ to?, cc?, message? }`, and the API's base URL (for the link when no acceptance page is configured). Refused: a quote not in draft or sent (409), one whose validity passed
 * (409 `quote_validity_passed`: change `validUntil` first), no recipient known (400 on `/to`).
 */
export async function sendQuote(deps: QuotesDeps, actor: Actor, quoteId: string, expectedVersion: ExpectedVersion, input: unknown, apiBaseUrl: string): Promise<Quote> {
  assertCanWriteQuotes(actor);
  const request = parseWith(sendQuoteSchema, input ?? {});
  const quote = await visibleQuote(deps, actor, quoteId);
  if (quote.state === 'sent' && isPinned(quote.sent, quote.current)) return quote;
  assertExpectedVersion(expectedVersion, quote.version);
  transition(QUOTE_LIFECYCLE, quote.state, 'send', {});
  const today = deps.clock.now().toISOString().slice(0, 10);
  if (quote.content.validUntil < today) throw new ConflictError('quote_validity_passed', `The quote was valid until ${quote.content.validUntil}: change validUntil before sending it`);
  const to = request.to ?? defaultRecipients(quote);

  const [version, settings] = await Promise.all([versionOf(deps, quote, quote.current.number), getDocumentSettings(deps.printing)]);
  const pdf = await renderVersion(deps, quote, version, actor);
  const expiresAt = new Date(`${quote.content.validUntil}T23:59:59Z`);
  expiresAt.setUTCDate(expiresAt.getUTCDate() + deps.settings.linkGraceDays);
  const token = await deps.links.issue({ quoteId, number: quote.current.number, contentHash: quote.current.contentHash, expiresAt: expiresAt.toISOString() });
  const mail = quoteMail({ quote, to, cc: request.cc ?? [], ...(request.message ? { message: request.message } : {}), link: deps.links.url(token, apiBaseUrl), pdf: { filename: pdf.filename, contentType: 'application/pdf', content: pdf.bytes }, settings, sender: actor });
  const sent = await deps.mailer.send(mail, { sendKey: sendKeyOf(quote), documentId: quoteId });

  const pinned = { ...pinCurrent(quote, actor, deps.clock), messageId: sent.messageId, to: sent.to.map((recipient) => recipient.address), ...(actor.name ? { senderName: actor.name } : {}), ...(actor.email ? { senderEmail: actor.email } : {}) };
  const { next, event } = moveQuote(quote, { action: 'send', input: {}, expectedVersion, actor, clock: deps.clock }, { sent: pinned });
  await deps.store.commit({ previous: quote, next }, [event]);
  return next;
}

function defaultRecipients(quote: Quote): Mailbox[] {
  const { customer, prospect } = quote.content;
  const address = customer?.email ?? prospect?.email;
  if (!address) throw ValidationError.field('/to', `is required: ${customer ? `customer ${customer.customerId} has no e-mail address` : 'the prospect has no e-mail address'}`);
  const name = prospect?.person ?? customer?.name ?? prospect?.company;
  return [{ ...(name ? { name } : {}), address }];
}
