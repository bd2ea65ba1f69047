import type { CatalogDeps } from '../catalog/index.ts';
import type { CustomersDeps } from '../customers/index.ts';
import type { SimulationDeps } from '../pricing/index.ts';
import type { PrintingDeps, PrintableDocument, PrintTemplate } from '../printing/index.ts';
import type { Mailer } from '../shared/mail.ts';
import { canWrite, seesEverything, type Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { ForbiddenError, NotFoundError } from '../shared/errors.ts';
import { eventFactory } from '../shared/event-factory.ts';
import { quoteEventSchemas } from './events.ts';
import type { Assignment } from './assignment.ts';
import type { AcceptanceLinks, QuoteStore } from './ports.ts';
import type { Quote } from './quote.ts';

/** The quotes configuration (QUO-1): how long an offer holds by default. */
export interface QuoteSettings {
  readonly validityDays: number;
  /** How long the link an e-mailed quote carries stays open after the quote's validity. */
  readonly linkGraceDays: number;
  /** Who gets the quotes that are asked for (QUO-8). */
  readonly assignment: Assignment;
}

/** Lays a printable document out as PDF bytes (functions/adapters/pdf). */
export type DocumentRenderer = (document: PrintableDocument, template: PrintTemplate) => Promise<Uint8Array>;

/** What every quotes use case needs: its store, the other contexts through their public entries, and its outputs. */
export interface QuotesDeps {
  readonly store: QuoteStore;
  readonly customers: CustomersDeps;
  readonly catalog: CatalogDeps;
  readonly pricing: SimulationDeps;
  readonly printing: Pick<PrintingDeps, 'store' | 'companyCountry'>;
  readonly render: DocumentRenderer;
  readonly mailer: Mailer;
  readonly links: AcceptanceLinks;
  readonly settings: QuoteSettings;
  readonly clock: Clock;
}

export const quoteEvent = eventFactory(quoteEventSchemas);

/** An agent reaches only the quotes they own; to them, the others do not exist (404). */
export function canSeeQuote(actor: Actor, quote: Pick<Quote, 'content'>): boolean {
  return seesEverything(actor) || quote.content.ownerAgentId === actor.id;
}

/** Margins are for the company's sales people: managers, admins and the owner agent; never an integration. */
export function seesMargins(actor: Actor): boolean {
  return actor.role !== 'integration';
}

export function assertCanWriteQuotes(actor: Actor): void {
  if (!canWrite(actor)) throw new ForbiddenError('Integrations read quotes; they ask for one with POST /quote-requests');
}

export async function visibleQuote(deps: Pick<QuotesDeps, 'store'>, actor: Actor, quoteId: string): Promise<Quote> {
  const quote = await deps.store.get(quoteId);
  if (!quote || !canSeeQuote(actor, quote)) throw new NotFoundError('Quote', quoteId);
  return quote;
}
