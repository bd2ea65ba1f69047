import { getCustomer, type CustomerAggregate } from '../customers/index.ts';
import type { Actor } from '../shared/actor.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { hashLines, hashVersion } from '../shared/document-versions.ts';
import type { QuotesDeps } from './access.ts';
import { priceQuote } from './pricing.ts';
import { customerSnapshot, type QuoteContent, type QuoteLine, type QuotePricing } from './quote.ts';
import type { QuoteFields, QuoteLineInput } from './schemas.ts';

/** The default currency of a quote for a prospect. */
export const DEFAULT_QUOTE_CURRENCY = 'EUR';

/** What a version is made of, hashed. */
export interface ComposedVersion {
  readonly content: QuoteContent;
  /** Absent when the current version's lines are kept: they are stored already. */
  readonly lines?: readonly QuoteLine[];
  readonly lineCount: number;
  readonly contentHash: string;
  readonly linesHash: string;
}

/**
 * The lines a version starts from: the client's, to price; or the current version's, kept as priced (by their hash:
 * a change of the header alone does not read them).
 */
export type LineSource =
  | { readonly requested: readonly QuoteLineInput[]; readonly existingIds: ReadonlySet<string> }
  | { readonly kept: { readonly linesHash: string; readonly lineCount: number }; readonly pricing: QuotePricing };

const today = (deps: Pick<QuotesDeps, 'clock'>) => deps.clock.now().toISOString().slice(0, 10);

function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/**
 * Settles a version from the client's fields: the defaults (the customer's currency, payment terms, Incoterm and
 * language; today's pricing date; the configured validity), the customer's addresses as of now, the owner; then
 * prices the lines with the simulator (or keeps the current ones) and hashes the whole.
 */
export async function composeVersion(deps: QuotesDeps, actor: Actor, fields: Omit<QuoteFields, 'lines'>, lines: LineSource): Promise<ComposedVersion> {
  const aggregate = fields.customerId === undefined ? undefined : await quotedCustomer(deps, actor, fields.customerId);
  const customer = aggregate?.customer;
  const pricingDate = fields.pricingDate ?? today(deps);
  const currency = fields.currency ?? customer?.currency ?? DEFAULT_QUOTE_CURRENCY;
  const incoterm = fields.incoterm ?? customer?.transport?.incoterm;
  const incotermPlace = fields.incotermPlace ?? (fields.incoterm === undefined ? customer?.transport?.incotermPlace : undefined);
  const paymentTerms = fields.paymentTerms ?? customer?.paymentTerms;
  const deliveryCountry = fields.deliveryCountry ?? fields.prospect?.countryCode;
  const terms = { ...(fields.customerId === undefined ? {} : { customerId: fields.customerId }), pricingDate, currency, ...(deliveryCountry === undefined ? {} : { deliveryCountry }), ...(incoterm === undefined ? {} : { incoterm }), ...(fields.documentDiscounts ? { documentDiscounts: fields.documentDiscounts } : {}) };
  const settled: { readonly lines?: readonly QuoteLine[]; readonly pricing: QuotePricing; readonly linesHash: string; readonly lineCount: number } =
    'kept' in lines ? { ...lines.kept, pricing: lines.pricing } : withHash(await priceQuote(deps, actor, terms, lines.requested, lines.existingIds));

  const content: QuoteContent = {
    ...(aggregate ? { customer: customerSnapshot(aggregate.customer, aggregate.addresses) } : {}),
    ...(fields.prospect ? { prospect: fields.prospect } : {}),
    ownerAgentId: ownerOf(actor, fields.ownerAgentId, customer?.salesAgentId),
    language: fields.language ?? languageOf(customer?.language),
    pricingDate,
    validUntil: fields.validUntil ?? addDays(today(deps), deps.settings.validityDays),
    currency,
    ...(deliveryCountry === undefined ? {} : { deliveryCountry }),
    ...(incoterm === undefined ? {} : { incoterm }),
    ...(incotermPlace === undefined ? {} : { incotermPlace }),
    ...(paymentTerms === undefined ? {} : { paymentTerms }),
    ...(fields.customerNotes === undefined ? {} : { customerNotes: fields.customerNotes }),
    ...(fields.internalNotes === undefined ? {} : { internalNotes: fields.internalNotes }),
    ...(fields.documentDiscounts === undefined ? {} : { documentDiscounts: fields.documentDiscounts }),
    pricing: settled.pricing,
  };
  if (content.validUntil < pricingDate) throw ValidationError.field('/validUntil', `must not be before the pricing date ${pricingDate}`);
  const { pricing: _pricing, ...stored } = settled;
  return { content, ...stored, contentHash: hashVersion(content, settled.linesHash) };
}

function withHash(priced: { readonly lines: readonly QuoteLine[]; readonly pricing: QuotePricing }) {
  return { ...priced, linesHash: hashLines(priced.lines), lineCount: priced.lines.length };
}

/** The fields a client wrote, as the version settled them: what a merge patch applies to. */
export function writableFields(content: QuoteContent): Omit<QuoteFields, 'lines'> {
  const { customer, pricing: _pricing, ...fields } = content;
  return { ...fields, ...(customer ? { customerId: customer.customerId } : {}) };
}

async function quotedCustomer(deps: QuotesDeps, actor: Actor, customerId: string): Promise<CustomerAggregate> {
  try {
    return await getCustomer(deps.customers, actor, customerId);
  } catch (error) {
    if (error instanceof NotFoundError) throw ValidationError.field('/customerId', `${customerId} is not a customer you can quote for`);
    throw error;
  }
}

/** An agent's quotes are theirs; managers and admins assign them (by default to the customer's agent, else themselves). */
function ownerOf(actor: Actor, asked: string | undefined, customerAgent: string | undefined): string {
  if (actor.role === 'agent') {
    if (asked !== undefined && asked !== actor.id) throw new ForbiddenError('Agents own the quotes they make: only managers and admins assign a quote to someone else');
    return actor.id;
  }
  return asked ?? customerAgent ?? actor.id;
}

function languageOf(tag: string | undefined): 'fr' | 'en' {
  return tag?.toLowerCase().startsWith('en') ? 'en' : 'fr';
}
