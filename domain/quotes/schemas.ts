import * as z from 'zod';
import { paymentTermsSchema } from '../customers/index.ts';
import { documentDiscountSchema, MAX_DOCUMENT_DISCOUNTS, simulationLineSchema } from '../pricing/index.ts';
import { idPattern } from '../shared/ids.ts';
import { INCOTERMS_2020 } from '../shared/reference-data.ts';
import { countryCode, currencyCode, isoDate, note, text } from '../shared/validation.ts';

/**
 * The writable shape of a quote (QUO-1) as a client sends it. One flat object per line, told apart by `kind`, so
 * that a wrong field is named precisely; the refinements say which fields each kind takes.
 */

export const MAX_QUOTE_LINES = 1000;
export const QUOTE_LINE_KINDS = ['product', 'kit', 'text', 'section', 'comment'] as const;
export const QUOTE_LANGUAGES = ['fr', 'en'] as const;

/** What each kind of line takes besides `kind` and `id` (the rest is refused on it). */
const FIELDS_OF: Record<(typeof QUOTE_LINE_KINDS)[number], readonly string[]> = {
  product: ['productId', 'productCode', 'customerProductCode', 'quantity', 'unit', 'variableFactor', 'manualUnitPrice', 'manualDiscounts'],
  kit: ['productId', 'productCode', 'quantity'],
  text: ['description', 'quantity', 'unit', 'manualUnitPrice', 'manualDiscounts', 'vatCategory'],
  section: ['title'],
  comment: ['text'],
};
const NAMINGS = ['productId', 'productCode', 'customerProductCode'] as const;

/** A line names its product, and is priced, with the very fields of a price simulation's line. */
const { productId, productCode, customerProductCode, description, quantity, unit, variableFactor, manualUnitPrice, manualDiscounts, vatCategory } = simulationLineSchema.shape;

export const quoteLineSchema = z
  .strictObject({
    /** A line of the current version keeps its id (the diff follows it); a line without one is new. */
    id: z.string().regex(idPattern('quoteLine'), 'must be a quote line id (qln_…)').optional(),
    kind: z.enum(QUOTE_LINE_KINDS),
    productId,
    productCode,
    customerProductCode,
    description,
    title: text(200).optional(),
    text: note(2000).optional(),
    /** In `unit` (the product's sales unit when absent); negative for a return. */
    quantity: quantity.optional(),
    unit,
    variableFactor,
    /** Per price unit: replaces the computed price, kept and flagged on every re-pricing. */
    manualUnitPrice,
    manualDiscounts,
    vatCategory,
  })
  .superRefine((line, ctx) => {
    const allowed = new Set(['id', 'kind', ...FIELDS_OF[line.kind]]);
    for (const [field, value] of Object.entries(line)) {
      if (value !== undefined && !allowed.has(field)) ctx.addIssue({ code: 'custom', path: [field], message: `does not go on a ${line.kind} line` });
    }
    const require = (field: keyof typeof line, why: string) => {
      if (line[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `is required on a ${line.kind} line: ${why}` });
    };
    if (line.kind === 'product' || line.kind === 'kit') {
      const named = NAMINGS.filter((key) => line[key] !== undefined);
      if (named.length === 0) ctx.addIssue({ code: 'custom', path: ['productId'], message: `is required on a ${line.kind} line (or productCode${line.kind === 'product' ? ', or customerProductCode' : ''})` });
      for (const key of named.slice(1)) ctx.addIssue({ code: 'custom', path: [key], message: `cannot be given with ${named[0]}: name the product one way` });
      require('quantity', 'how many');
    }
    if (line.kind === 'text') {
      require('description', 'what is sold');
      require('quantity', 'how many');
      require('manualUnitPrice', 'no rule prices a free-text line');
      require('vatCategory', 'it has no product to take it from');
    }
    if (line.kind === 'section') require('title', 'what the lines below it are');
    if (line.kind === 'comment') require('text', 'what it says');
  });

/** A quote for someone who is not a customer yet (QUO-1): no customer record is needed to quote. */
export const prospectSchema = z.strictObject({
  company: text(200),
  person: text(200).optional(),
  email: z.email({ message: 'must be an e-mail address' }).max(254).optional(),
  phone: text(40).optional(),
  countryCode: countryCode.optional(),
  vatNumber: text(20).optional(),
  /** Postal address lines, as they go on the quote. */
  addressLines: z.array(text(200)).max(5).optional(),
});

/** What the client writes on a quote, on creation and by merge patch (`lines` and `documentDiscounts` replace whole). */
export const quoteFieldsSchema = z.strictObject({
  customerId: z.string().regex(idPattern('customer'), 'must be a customer id (cus_…)').optional(),
  prospect: prospectSchema.optional(),
  /** The agent the quote belongs to: the creating agent, else the customer's agent. Managers and admins assign it. */
  ownerAgentId: text(128).optional(),
  /** The language of the PDF and the e-mail: the customer's when it is French or English, else French. */
  language: z.enum(QUOTE_LANGUAGES).optional(),
  /** The date the lines are priced as of: the creation day by default; set it to today to re-price at today's prices. */
  pricingDate: isoDate.optional(),
  currency: currencyCode.optional(),
  deliveryCountry: countryCode.optional(),
  incoterm: z.enum(INCOTERMS_2020).optional(),
  incotermPlace: text(100).optional(),
  /** The last day the offer holds: by default the configured validity after the creation day. */
  validUntil: isoDate.optional(),
  /** By default the customer's. */
  paymentTerms: paymentTermsSchema.optional(),
  /** Printed on the quote. */
  customerNotes: note(4000).optional(),
  /** Never printed nor shown outside the company. */
  internalNotes: note(4000).optional(),
  lines: z.array(quoteLineSchema).max(MAX_QUOTE_LINES, `must have at most ${MAX_QUOTE_LINES} lines`).optional(),
  documentDiscounts: z.array(documentDiscountSchema).max(MAX_DOCUMENT_DISCOUNTS, `must have at most ${MAX_DOCUMENT_DISCOUNTS} discounts`).optional(),
});

export function refineParty(quote: { customerId?: string | undefined; prospect?: unknown }, ctx: z.RefinementCtx): void {
  if (quote.customerId === undefined && quote.prospect === undefined) ctx.addIssue({ code: 'custom', path: ['customerId'], message: 'is required, or a prospect: a quote is for someone' });
  if (quote.customerId !== undefined && quote.prospect !== undefined) ctx.addIssue({ code: 'custom', path: ['prospect'], message: 'cannot be given with customerId: a quote is for a customer or a prospect' });
}

export function refineLineIds(quote: { lines?: readonly { id?: string | undefined }[] | undefined }, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  quote.lines?.forEach((line, i) => {
    if (line.id === undefined) return;
    if (seen.has(line.id)) ctx.addIssue({ code: 'custom', path: ['lines', i, 'id'], message: 'is already the id of an earlier line' });
    seen.add(line.id);
  });
}

export const quoteCreateSchema = quoteFieldsSchema.superRefine(refineParty).superRefine(refineLineIds);

export type QuoteFields = z.output<typeof quoteFieldsSchema>;
export type QuoteLineInput = z.output<typeof quoteLineSchema>;
export type Prospect = z.output<typeof prospectSchema>;
export type QuoteLanguage = (typeof QUOTE_LANGUAGES)[number];
