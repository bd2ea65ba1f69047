import * as z from 'zod';
import { positiveDecimal, productFieldsSchema, productUnitsSchema, referenceFieldsSchema, unitAmount, VAT_CATEGORIES } from '../../catalog/index.ts';
import { idPattern } from '../../shared/ids.ts';
import { INCOTERMS_2020 } from '../../shared/reference-data.ts';
import { countryCode, currencyCode, decimalString, isoDate, percentage, text } from '../../shared/validation.ts';
import { discountPercent, MAX_DISCOUNT_STEPS } from '../admin/schemas.ts';

/**
 * A price simulation (PRC-9) as a client sends it: a document to price — for a customer or none, on a date, in a
 * currency, with a delivery country and an Incoterm — whose lines name a product (by id, by code, or by the
 * customer's own code, as EDI and e-commerce orders do) or are free text with their own price and VAT category.
 * One flat object per line (rather than a union) so that a wrong field is named precisely; the refinements say
 * which fields go together.
 */

export const MAX_SIMULATION_LINES = 1000;
export const MAX_DOCUMENT_DISCOUNTS = 10;

/** The ways a line names its product; a line names it one way, or is free text. */
export const PRODUCT_NAMINGS = ['productId', 'productCode', 'customerProductCode'] as const;

export const simulationLineSchema = z
  .strictObject({
    /** The caller's own reference for the line, echoed back. */
    lineId: text(60).optional(),
    productId: z.string().regex(idPattern('product'), 'must be a product id (prd_…)').optional(),
    /** The product's code, whatever its case. */
    productCode: productFieldsSchema.shape.code.optional(),
    /** The customer's own code for the product (its reference, PRD-3), whatever its case: needs `customerId`. */
    customerProductCode: referenceFieldsSchema.shape.customerCode.optional(),
    /** A free-text line: no product, its price and VAT category given. */
    description: text(1000).optional(),
    /** Negative for a return. */
    quantity: decimalString,
    /** The unit of `quantity`: the product's sales unit (the customer's, with a reference) when absent. */
    unit: productUnitsSchema.shape.sales.optional(),
    /** Management units in one unit of the dimension the product leaves variable (a bar's kilograms per piece). */
    variableFactor: positiveDecimal.optional(),
    /** Per price unit, in the document's currency: replaces the computed price, flagged manual. */
    manualUnitPrice: unitAmount.optional(),
    /** Percentages applied after everything else, in this order, combined per the structure, each flagged manual. */
    manualDiscounts: z.array(percentage).max(MAX_DISCOUNT_STEPS, `must have at most ${MAX_DISCOUNT_STEPS} discounts`).optional(),
    /** A free-text line's VAT category; a product line takes its product's. */
    vatCategory: z.enum(VAT_CATEGORIES).optional(),
  })
  .superRefine((line, ctx) => {
    const named = PRODUCT_NAMINGS.filter((key) => line[key] !== undefined);
    for (const key of named.slice(1)) ctx.addIssue({ code: 'custom', path: [key], message: `cannot be given with ${named[0]}: name the product one way` });
    if (named.length > 0) {
      if (line.description !== undefined) ctx.addIssue({ code: 'custom', path: ['description'], message: `is for free-text lines, which name no product (this one gives ${named[0]})` });
      if (line.vatCategory !== undefined) ctx.addIssue({ code: 'custom', path: ['vatCategory'], message: "comes from the product: only a free-text line gives its VAT category" });
      return;
    }
    if (line.description === undefined) {
      ctx.addIssue({ code: 'custom', path: [], message: 'must name a product (productId, productCode or customerProductCode) or be a free-text line (description, manualUnitPrice, vatCategory)' });
      return;
    }
    if (line.manualUnitPrice === undefined) ctx.addIssue({ code: 'custom', path: ['manualUnitPrice'], message: 'is required on a free-text line: no rule prices it' });
    if (line.vatCategory === undefined) ctx.addIssue({ code: 'custom', path: ['vatCategory'], message: 'is required on a free-text line: it has no product to take it from' });
    if (line.variableFactor !== undefined) ctx.addIssue({ code: 'custom', path: ['variableFactor'], message: 'applies only to a product line (a free-text line converts no units)' });
  });

/** PRC-10: a percentage or an amount off the whole document, spread over the lines pro rata for VAT. */
export const documentDiscountSchema = z
  .strictObject({
    kind: z.enum(['percent', 'amount']),
    label: text(100),
    /** With `percent`: greater than 0, at most 100. */
    percent: discountPercent.optional(),
    /** With `amount`: in the document's currency. */
    amount: positiveDecimal.optional(),
  })
  .superRefine((discount, ctx) => {
    const [wanted, other] = discount.kind === 'percent' ? (['percent', 'amount'] as const) : (['amount', 'percent'] as const);
    if (discount[wanted] === undefined) ctx.addIssue({ code: 'custom', path: [wanted], message: `is required for a discount of kind ${discount.kind}` });
    if (discount[other] !== undefined) ctx.addIssue({ code: 'custom', path: [other], message: `does not go with a discount of kind ${discount.kind}` });
  });

export const priceSimulationSchema = z
  .strictObject({
    /** Absent: prices for no one in particular (the standard lists). */
    customerId: z.string().regex(idPattern('customer'), 'must be a customer id (cus_…)').optional(),
    /** Absent: today. */
    date: isoDate.optional(),
    /** Absent: the customer's currency, else EUR. */
    currency: currencyCode.optional(),
    /** Absent: the customer's country. */
    deliveryCountry: countryCode.optional(),
    /** Absent: the customer's Incoterm, if it has one. */
    incoterm: z.enum(INCOTERMS_2020).optional(),
    lines: z.array(simulationLineSchema).min(1, 'must have at least one line').max(MAX_SIMULATION_LINES, `must have at most ${MAX_SIMULATION_LINES} lines`),
    documentDiscounts: z.array(documentDiscountSchema).max(MAX_DOCUMENT_DISCOUNTS, `must have at most ${MAX_DOCUMENT_DISCOUNTS} discounts`).optional(),
  })
  .superRefine((simulation, ctx) => {
    if (simulation.customerId !== undefined) return;
    simulation.lines.forEach((line, i) => {
      if (line.customerProductCode !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['lines', i, 'customerProductCode'], message: "is a customer's own code: give the customerId it belongs to" });
      }
    });
  });

export type PriceSimulationInput = z.output<typeof priceSimulationSchema>;
export type SimulationLineInput = z.output<typeof simulationLineSchema>;
