import type { DocumentSettingsRecord, PartyBlock, PrintableDocument, PrintableLine } from '../printing/index.ts';
import { sellerIdentity } from '../printing/index.ts';
import type { Actor } from '../shared/actor.ts';
import type { Quote, QuoteContent, QuoteLine, QuoteVersion } from './quote.ts';

/** The sender the PDF names as the agent: the person sending, when their token names them. */
export type Sender = Pick<Actor, 'id' | 'name' | 'email'>;

/** Who sent the quote's last sent version, as the PDF and the customer's answers name them. */
export function sentBy(quote: Quote): Sender | undefined {
  const { sent } = quote;
  return sent ? { id: sent.by, ...(sent.senderName ? { name: sent.senderName } : {}), ...(sent.senderEmail ? { email: sent.senderEmail } : {}) } : undefined;
}

const DISCOUNT_STEPS: readonly string[] = ['discount', 'manual_discount'];

/**
 * A version of a quote as the customer reads it (QUO-4): the version's own content and lines, the seller and nothing
 * internal (no margin, no internal note). Every figure is the engine's, stored with the version.
 */
export function printableQuote(number: string, version: QuoteVersion, lines: readonly QuoteLine[], settings: DocumentSettingsRecord, sender: Sender | undefined): PrintableDocument {
  const { content } = version;
  const { pricing } = content;
  return {
    kind: 'quote',
    language: content.language,
    number,
    version: version.number,
    issueDate: version.createdAt.slice(0, 10),
    validUntil: content.validUntil,
    currency: content.currency,
    seller: sellerIdentity(settings.company),
    recipient: recipientOf(content),
    ...(content.customer?.deliveryAddress ? { deliveryAddress: { name: content.customer.name, addressLines: content.customer.deliveryAddress.lines, countryCode: content.customer.deliveryAddress.countryCode } } : {}),
    ...(sender?.name ? { agent: { name: sender.name, ...(sender.email ? { email: sender.email } : {}) } } : {}),
    references: [],
    lines: lines.map(printableLine),
    documentDiscounts: pricing.documentDiscounts.map((discount) => ({ label: discount.label, amount: discount.amount })),
    ...(pricing.transport.status === 'none' ? {} : { transport: { amount: pricing.transport.amount, waived: pricing.transport.status === 'waived' } }),
    vat: pricing.vat.breakdown.map(({ rate, base, tax }) => ({ rate, base, tax })),
    totals: { lines: pricing.totals.lines, documentDiscounts: pricing.totals.documentDiscounts, transport: pricing.totals.transport, net: pricing.totals.net, tax: pricing.totals.tax, gross: pricing.totals.gross },
    terms: {
      ...(content.paymentTerms ? { payment: content.paymentTerms } : {}),
      ...(content.incoterm ? { delivery: { incoterm: content.incoterm, ...(content.incotermPlace ? { place: content.incotermPlace } : {}) } } : {}),
    },
    ...(content.customerNotes ? { notes: content.customerNotes } : {}),
  };
}

function recipientOf(content: QuoteContent): PartyBlock {
  const { customer, prospect } = content;
  if (customer) {
    const countryCode = customer.billingAddress?.countryCode ?? customer.countryCode;
    return {
      name: customer.name,
      addressLines: customer.billingAddress?.lines ?? [],
      ...(countryCode ? { countryCode } : {}),
      ...(customer.vatNumber ? { vatNumber: customer.vatNumber } : {}),
      ...(customer.code ? { customerCode: customer.code } : {}),
      ...(customer.email ? { email: customer.email } : {}),
      ...(customer.phone ? { phone: customer.phone } : {}),
    };
  }
  return {
    name: prospect!.company,
    ...(prospect!.person ? { attention: prospect!.person } : {}),
    addressLines: prospect!.addressLines ?? [],
    ...(prospect!.countryCode ? { countryCode: prospect!.countryCode } : {}),
    ...(prospect!.vatNumber ? { vatNumber: prospect!.vatNumber } : {}),
    ...(prospect!.email ? { email: prospect!.email } : {}),
    ...(prospect!.phone ? { phone: prospect!.phone } : {}),
  };
}

/**
 * A priced line in the price unit the engine priced it in: the unit price before the line's percentages off (the
 * price entering the first of them), those percentages, and the engine's amount.
 */
function printableLine(line: QuoteLine): PrintableLine {
  if (line.kind === 'section') return { kind: 'section', title: line.title };
  if (line.kind === 'comment') return { kind: 'comment', text: line.text };
  const { priced } = line;
  const steps = priced.explanation.waterfall;
  const firstDiscount = steps.find((step) => DISCOUNT_STEPS.includes(step.kind));
  const percents = steps.flatMap((step) => (DISCOUNT_STEPS.includes(step.kind) && step.percent !== undefined ? [step.percent] : []));
  const quantity = priced.quantities.price;
  const customerCode = priced.customerProductCode ?? (line.kind === 'product' ? line.input.customerProductCode : undefined);
  return {
    kind: 'item',
    ...(line.kind === 'product' ? { code: line.productCode } : {}),
    ...(customerCode ? { customerCode } : {}),
    description: line.kind === 'product' ? line.productName : line.input.description,
    quantity: quantity.quantity,
    ...(quantity.unit === undefined ? {} : { unit: quantity.unit }),
    unitPrice: firstDiscount?.unitPriceBefore ?? priced.unitPrice,
    discounts: percents,
    amount: priced.amount,
    vatRate: priced.vat.rate,
  };
}
