import * as z from 'zod';
import type { SimulatedLine } from '../pricing/index.ts';
import { paymentTermsSchema } from '../customers/index.ts';
import type { Quote, QuoteContent, QuoteLine, QuotePricing, QuoteVersion } from './quote.ts';
import { QUOTE_STATES } from './quote.ts';
import { prospectSchema, QUOTE_LANGUAGES, quoteFieldsSchema, quoteLineSchema } from './schemas.ts';

/**
 * The records as stored: what the store reads back is parsed with these (DESIGN §9), never cast. The engine's
 * figures and explanations (a priced line, the document's pricing) are the pricing context's shapes, kept whole:
 * they are checked for the figures the quote reads, not re-described field by field.
 */
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const decimalText = (value: unknown) => typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value);

const pricedLine = z.custom<SimulatedLine>(
  (value) => isRecord(value) && decimalText(value.unitPrice) && decimalText(value.amount) && decimalText(value.netAmount) && isRecord(value.quantities) && isRecord(value.explanation),
  'is not a priced line',
);
const pricing = z.custom<QuotePricing>((value) => isRecord(value) && isRecord(value.totals) && decimalText(value.totals.net) && decimalText(value.totals.gross) && isRecord(value.vat) && Array.isArray(value.documentDiscounts), 'is not a priced document');

const addressSnapshot = z.object({ addressId: z.string(), label: z.string().optional(), lines: z.array(z.string()), countryCode: z.string() });
const customerSnapshot = z.object({
  customerId: z.string(),
  name: z.string(),
  code: z.string().optional(),
  vatNumber: z.string().optional(),
  countryCode: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  billingAddress: addressSnapshot.optional(),
  deliveryAddress: addressSnapshot.optional(),
});

const { deliveryCountry, incoterm, incotermPlace, customerNotes, internalNotes, documentDiscounts } = quoteFieldsSchema.shape;
export const quoteContentSchema: z.ZodType<QuoteContent> = z.object({
  customer: customerSnapshot.optional(),
  prospect: prospectSchema.optional(),
  ownerAgentId: z.string(),
  language: z.enum(QUOTE_LANGUAGES),
  pricingDate: z.string(),
  validUntil: z.string(),
  currency: z.string(),
  deliveryCountry,
  incoterm,
  incotermPlace,
  paymentTerms: paymentTermsSchema.optional(),
  customerNotes,
  internalNotes,
  documentDiscounts,
  pricing,
});

const versionRef = { number: z.int().positive(), contentHash: z.string() };
const currentVersion = z.object({ ...versionRef, lineCount: z.int().nonnegative(), linesHash: z.string() });
const pinned = z.object({ ...versionRef, at: z.iso.datetime(), by: z.string() });
const actions = ['send', 'revise', 'accept', 'decline', 'expire', 'cancel', 'convert'] as const;

export const quoteRecordSchema: z.ZodType<Quote> = z.object({
  id: z.string(),
  number: z.string(),
  version: z.int().positive(),
  state: z.enum(QUOTE_STATES),
  stateReason: z.string().optional(),
  customerId: z.string().optional(),
  current: currentVersion,
  content: quoteContentSchema,
  sent: pinned.extend({ messageId: z.string(), to: z.array(z.string()), senderName: z.string().optional(), senderEmail: z.string().optional() }).optional(),
  accepted: pinned.extend({ signerName: z.string(), signerRole: z.string().optional(), purchaseOrderNumber: z.string().optional(), via: z.enum(['agent', 'link']) }).optional(),
  converted: pinned.optional(),
  transitions: z.array(z.object({ action: z.enum(actions), from: z.enum(QUOTE_STATES), to: z.enum(QUOTE_STATES), at: z.iso.datetime(), by: z.string(), reason: z.string().optional() })),
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
  updatedAt: z.iso.datetime(),
});

export const quoteVersionRecordSchema: z.ZodType<QuoteVersion> = currentVersion.extend({
  quoteId: z.string(),
  content: quoteContentSchema,
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
});

const { productId, customerProductCode, description, quantity, unit, variableFactor, manualUnitPrice, manualDiscounts, vatCategory } = quoteLineSchema.shape;
const lineInput = { customerProductCode, unit, variableFactor, manualUnitPrice, manualDiscounts };

export const quoteLineRecordSchema: z.ZodType<QuoteLine> = z.discriminatedUnion('kind', [
  z.object({ id: z.string(), kind: z.literal('section'), title: z.string(), kitId: z.string().optional() }),
  z.object({ id: z.string(), kind: z.literal('comment'), text: z.string() }),
  z.object({
    id: z.string(),
    kind: z.literal('product'),
    input: z.object({ ...lineInput, productId: productId.unwrap(), quantity: quantity.unwrap() }),
    productCode: z.string(),
    productName: z.string(),
    kitId: z.string().optional(),
    priced: pricedLine,
  }),
  z.object({
    id: z.string(),
    kind: z.literal('text'),
    input: z.object({ ...lineInput, description: description.unwrap(), quantity: quantity.unwrap(), manualUnitPrice: manualUnitPrice.unwrap(), vatCategory: vatCategory.unwrap() }),
    priced: pricedLine,
  }),
]);
