import type { Address, Customer } from '../customers/index.ts';
import type { AppliedDocumentDiscount, DocumentTotals, SimulatedLine, TransportOutcome, VatBreakdown } from '../pricing/index.ts';
import type { CurrentVersion, PinnedVersion } from '../shared/document-versions.ts';
import { defineLifecycle, type ActionOf, type Lifecycle } from '../shared/lifecycle.ts';
import type { Numbering } from '../shared/sequences.ts';
import type { Prospect, QuoteFields, QuoteLanguage, QuoteLineInput } from './schemas.ts';

export const QUOTE_STATES = ['draft', 'sent', 'accepted', 'converted', 'declined', 'expired', 'cancelled'] as const;
export type QuoteState = (typeof QUOTE_STATES)[number];

/**
 * QUO-2. `revise` is what editing a sent (or declined, or expired) quote does: a new version, back to draft until it
 * is sent again. `expire` is the daily schedule's; `convert` the order's (QUO-6). Cancelled and converted are final.
 */
export const QUOTE_LIFECYCLE = defineLifecycle({
  resource: 'quote',
  initial: 'draft',
  actions: {
    send: { from: ['draft', 'sent'], to: 'sent', reason: 'optional' },
    revise: { from: ['sent', 'declined', 'expired'], to: 'draft', reason: 'optional', takenBy: 'a change of the quote: `PATCH`' },
    accept: { from: ['sent'], to: 'accepted', reason: 'optional' },
    decline: { from: ['sent'], to: 'declined', reason: 'required' },
    expire: { from: ['draft', 'sent'], to: 'expired', reason: 'optional', takenBy: 'the daily `quote-expiry` schedule' },
    cancel: { from: ['draft', 'sent', 'accepted', 'declined', 'expired'], to: 'cancelled', reason: 'required' },
    convert: { from: ['accepted'], to: 'converted', reason: 'optional', takenBy: 'the order made from the quote' },
  },
}) satisfies Lifecycle<QuoteState, string>;

export type QuoteAction = ActionOf<typeof QUOTE_LIFECYCLE>;

/** States in which a quote is still an offer: the expiry schedule looks at these. */
export const OPEN_QUOTE_STATES: readonly QuoteState[] = ['draft', 'sent'];

export const QUOTE_NUMBERING: Numbering = { prefix: 'Q', width: 6 };

/** A postal address as the quote printed it. */
export interface AddressSnapshot {
  readonly addressId: string;
  readonly label?: string;
  readonly lines: readonly string[];
  readonly countryCode: string;
}

/** The customer as the version saw it: what the PDF and the e-mail need, frozen with the version. */
export interface CustomerSnapshot {
  readonly customerId: string;
  readonly name: string;
  readonly code?: string;
  readonly vatNumber?: string;
  readonly countryCode?: string;
  readonly email?: string;
  readonly phone?: string;
  /** The invoiced-to address, else the ordered-by one, else the first. */
  readonly billingAddress?: AddressSnapshot;
  /** The delivered-to address, when another than the billing one. */
  readonly deliveryAddress?: AddressSnapshot;
}

/** The priced document, without its lines: exactly the simulator's figures. */
export interface QuotePricing {
  readonly documentDiscounts: readonly AppliedDocumentDiscount[];
  readonly transport: TransportOutcome;
  readonly vat: { readonly fiscalPosition: { readonly kind: string; readonly explanation: string }; readonly breakdown: readonly VatBreakdown[] };
  readonly totals: DocumentTotals;
}

/** What a version says besides its lines (hashed with them). */
export interface QuoteContent extends Omit<QuoteFields, 'lines' | 'customerId' | 'prospect' | 'language' | 'pricingDate' | 'validUntil' | 'currency' | 'ownerAgentId'> {
  readonly customer?: CustomerSnapshot;
  readonly prospect?: Prospect;
  readonly ownerAgentId: string;
  readonly language: QuoteLanguage;
  readonly pricingDate: string;
  readonly validUntil: string;
  readonly currency: string;
  readonly pricing: QuotePricing;
}

/** How a priced line was asked for: what re-pricing it starts from. */
export type PricedLineInput = Omit<Extract<QuoteLineInput, { kind: string }>, 'id' | 'kind' | 'productCode' | 'title' | 'text'>;

export type QuoteLine =
  | { readonly id: string; readonly kind: 'section'; readonly title: string; readonly kitId?: string }
  | { readonly id: string; readonly kind: 'comment'; readonly text: string }
  | {
      readonly id: string;
      readonly kind: 'product';
      readonly input: PricedLineInput & { readonly productId: string; readonly quantity: string };
      readonly productCode: string;
      readonly productName: string;
      /** The kit this component line was exploded from (PRD-5). */
      readonly kitId?: string;
      readonly priced: SimulatedLine;
    }
  | {
      readonly id: string;
      readonly kind: 'text';
      readonly input: PricedLineInput & { readonly description: string; readonly quantity: string; readonly manualUnitPrice: string; readonly vatCategory: string };
      readonly priced: SimulatedLine;
    };

export type PricedQuoteLine = Extract<QuoteLine, { priced: SimulatedLine }>;

export function isPricedLine(line: QuoteLine): line is PricedQuoteLine {
  return line.kind === 'product' || line.kind === 'text';
}

/** A recorded change of state: who, when, why (QUO-2). */
export interface QuoteTransition {
  readonly action: QuoteAction;
  readonly from: QuoteState;
  readonly to: QuoteState;
  readonly at: string;
  readonly by: string;
  readonly reason?: string;
}

/** The version sent, and to whom (QUO-5): the message itself is in the mail ledger under the quote. */
export interface SentVersion extends PinnedVersion {
  readonly messageId: string;
  readonly to: readonly string[];
  /** The person who sent it, named on the PDF and answered by the customer. */
  readonly senderName?: string;
  readonly senderEmail?: string;
}

/** Who accepted, as they signed (online) or as the agent recorded it. */
export interface Acceptance extends PinnedVersion {
  readonly signerName: string;
  readonly signerRole?: string;
  readonly purchaseOrderNumber?: string;
  readonly via: 'agent' | 'link';
}

/** The quote's header: its identity and state, and a copy of its current version's content (lists and GET read it). */
export interface Quote {
  readonly id: string;
  /** `Q-2027-000123`. */
  readonly number: string;
  /** Bumped by every change (If-Match); the document version is `current.number`. */
  readonly version: number;
  readonly state: QuoteState;
  readonly stateReason?: string;
  readonly customerId?: string;
  readonly current: CurrentVersion;
  readonly content: QuoteContent;
  /** The last version sent, accepted, converted (their number and content hash). */
  readonly sent?: SentVersion;
  readonly accepted?: Acceptance;
  readonly converted?: PinnedVersion;
  /** The most recent changes of state, oldest first. */
  readonly transitions: readonly QuoteTransition[];
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
}

/** A version as stored: its content and its lines' count; its lines are items of their own. */
export interface QuoteVersion extends CurrentVersion {
  readonly quoteId: string;
  readonly content: QuoteContent;
  readonly createdAt: string;
  readonly createdBy: string;
}

/** Transitions kept on the header; older ones are in the event stream. */
export const MAX_RECORDED_TRANSITIONS = 50;

/** The addresses a quote prints for a customer, by role (CUS-8). */
export function customerSnapshot(customer: Customer, addresses: readonly Address[]): CustomerSnapshot {
  const withRole = (role: Address['roles'][number]) => addresses.find((address) => address.roles.includes(role));
  const billing = withRole('invoiced_to') ?? withRole('ordered_by') ?? addresses[0];
  const delivery = withRole('delivered_to');
  const email = customer.processes?.invoicing?.email ?? customer.communication?.email;
  return {
    customerId: customer.id,
    name: customer.legalName ?? customer.name,
    ...(customer.code === undefined ? {} : { code: customer.code }),
    ...(customer.vatNumber === undefined ? {} : { vatNumber: customer.vatNumber }),
    ...(customer.countryCode === undefined ? {} : { countryCode: customer.countryCode }),
    ...(email === undefined ? {} : { email }),
    ...(customer.communication?.phone === undefined ? {} : { phone: customer.communication.phone }),
    ...(billing ? { billingAddress: addressSnapshot(billing) } : {}),
    ...(delivery && delivery.id !== billing?.id ? { deliveryAddress: addressSnapshot(delivery) } : {}),
  };
}

function addressSnapshot(address: Address): AddressSnapshot {
  const cityLine = [address.postalCode, address.city].filter(Boolean).join(' ');
  return {
    addressId: address.id,
    ...(address.label === undefined ? {} : { label: address.label }),
    lines: [address.line1, address.line2, address.line3, cityLine, address.region].filter((line): line is string => Boolean(line)),
    countryCode: address.countryCode,
  };
}
