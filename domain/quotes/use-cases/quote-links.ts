import * as z from 'zod';
import { getDocumentSettings, type PrintableDocument } from '../../printing/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { isPinned } from '../../shared/document-versions.ts';
import { ConflictError, NotFoundError } from '../../shared/errors.ts';
import { parseWith, text } from '../../shared/validation.ts';
import type { QuotesDeps } from '../access.ts';
import type { AcceptanceGrant } from '../ports.ts';
import { printableQuote, sentBy } from '../printable.ts';
import type { Quote, QuoteVersion } from '../quote.ts';
import { moveQuote, pinCurrent } from '../transitions.ts';
import { acceptanceSchema } from './change-quote-state.ts';
import { renderVersion, type QuotePdf } from './quote-pdf.ts';
import { versionOf } from './read-quotes.ts';

/**
 * Online acceptance (QUO-2, QUO-5): what the customer does through the link an e-mailed quote carries, without an
 * account. A link opens one version of one quote and nothing else; a forged, expired or altered link, like one to a
 * quote that no longer exists, is the same 404, which tells nothing.
 */
export interface OpenedLink {
  readonly quote: Quote;
  readonly version: QuoteVersion;
  readonly grant: AcceptanceGrant;
  /** The link's version is no longer the quote's current one. */
  readonly outdated: boolean;
}

const NOT_FOUND = () => new NotFoundError('Quote link', 'this link');

export async function openQuoteLink(deps: QuotesDeps, token: string): Promise<OpenedLink> {
  const grant = await deps.links.open(token);
  const quote = grant ? await deps.store.get(grant.quoteId) : null;
  if (!grant || !quote) throw NOT_FOUND();
  const version = await versionOf(deps, quote, grant.number).catch(() => {
    throw NOT_FOUND();
  });
  if (version.contentHash !== grant.contentHash) throw NOT_FOUND();
  return { quote, version, grant, outdated: quote.current.number !== grant.number || quote.current.contentHash !== grant.contentHash };
}

/** The version the link opens as the customer reads it (the PDF's content), and where the quote stands now. */
export async function viewQuoteLink(deps: QuotesDeps, token: string): Promise<OpenedLink & { readonly document: PrintableDocument }> {
  const opened = await openQuoteLink(deps, token);
  const [lines, settings] = await Promise.all([deps.store.allLines(opened.quote.id, opened.version), getDocumentSettings(deps.printing)]);
  return { ...opened, document: printableQuote(opened.quote.number, opened.version, lines, settings, sentBy(opened.quote)) };
}

export async function quoteLinkPdf(deps: QuotesDeps, token: string): Promise<QuotePdf> {
  const { quote, version } = await openQuoteLink(deps, token);
  return renderVersion(deps, quote, version, sentBy(quote));
}

/** The acting party of an online answer, as the quote's transitions and events record it: the link, not a user (no more rights than an agent; only its id is kept). */
function linkActor(quote: Quote): Actor {
  return { id: `link:${quote.id}`, role: 'agent' };
}

/** Answering an outdated version is refused, saying which version is current (and whether it was sent). */
function assertCurrent(opened: OpenedLink): void {
  if (!opened.outdated) return;
  const { quote } = opened;
  const current = isPinned(quote.sent, quote.current) ? `version ${quote.current.number} was sent to you since: answer through its own link` : `a version ${quote.current.number} is being prepared`;
  throw new ConflictError('quote_version_outdated', `This link is for version ${opened.grant.number} of quote ${quote.number}, which is no longer current: ${current}`);
}

/**
 * Accepts the version the link opens: pins its number and content hash with the time and the signer, and moves the
 * quote to `accepted`. Idempotent: accepting again the version already accepted answers the quote as it is.
 */
export async function acceptByLink(deps: QuotesDeps, token: string, input: unknown): Promise<OpenedLink> {
  const signer = parseWith(acceptanceSchema, input ?? {});
  const opened = await openQuoteLink(deps, token);
  const { quote } = opened;
  if (quote.state === 'accepted' && isPinned(quote.accepted, opened.version)) return opened;
  assertCurrent(opened);
  const actor = linkActor(quote);
  const accepted = { ...pinCurrent(quote, actor, deps.clock), ...signer, via: 'link' as const };
  const { next, event } = moveQuote(quote, { action: 'accept', input: {}, expectedVersion: quote.version, actor, clock: deps.clock }, { accepted });
  await deps.store.commit({ previous: quote, next }, [event]);
  return { ...opened, quote: next };
}

export const declineSchema = z.strictObject({ reason: text(500) });

/** Declines the version the link opens, with the customer's reason. Declining again changes nothing. */
export async function declineByLink(deps: QuotesDeps, token: string, input: unknown): Promise<OpenedLink> {
  const { reason } = parseWith(declineSchema, input ?? {});
  const opened = await openQuoteLink(deps, token);
  const { quote } = opened;
  if (quote.state === 'declined' && !opened.outdated) return opened;
  assertCurrent(opened);
  const { next, event } = moveQuote(quote, { action: 'decline', input: { reason }, expectedVersion: quote.version, actor: linkActor(quote), clock: deps.clock });
  await deps.store.commit({ previous: quote, next }, [event]);
  return { ...opened, quote: next };
}
