import * as z from 'zod';
import { idPattern } from '../shared/ids.ts';
import { Dec } from '../shared/money.ts';
import { DIMENSIONS } from './units.ts';
import { currencyCode, decimalString, freeFormMap, isoDate, note, percentage, text, wholeNumber } from '../shared/validation.ts';

/**
 * The writable shapes of the catalogue: families, products and customer references, as a client may send them.
 * Rules that need more than the shape (unit codes and their factors, kit components, the product a reference
 * names) live in product.ts, reference.ts and the use cases.
 */

export const PRODUCT_KINDS = ['goods', 'service', 'kit'] as const;
export const PRODUCT_STATES = ['active', 'discontinued'] as const;
export const VAT_CATEGORIES = ['standard', 'intermediate', 'reduced', 'super_reduced', 'zero', 'exempt'] as const;

/** Business keys: product, family and packaging codes. */
const code = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/, 'must be 1 to 40 letters, digits, dots, slashes, dashes or underscores');

export const positiveDecimal = decimalString.refine((value) => new Dec(value).greaterThan(0), 'must be greater than 0');
export const nonNegativeDecimal = decimalString.refine((value) => !new Dec(value).isNegative(), 'must not be negative');

/** A price or cost per unit: finer than the currency's minor unit (a screw costs 0.0123 EUR), never negative. */
export const UNIT_AMOUNT_DECIMALS = 6;
export const unitAmount = nonNegativeDecimal.refine(
  (value) => new Dec(value).decimalPlaces() <= UNIT_AMOUNT_DECIMALS,
  `must have at most ${UNIT_AMOUNT_DECIMALS} decimals`,
);
export const unitPrice = z.strictObject({ amount: unitAmount, currency: currencyCode });

const unitCode = z.string().min(1, 'must not be empty').max(20, 'must be at most 20 characters');

/** A custom unit's code: lower case like the standard ones (`roll`, `bag25`). */
export const CUSTOM_UNIT_CODE = /^[a-z][a-z0-9_]{0,19}$/;

/** Units of measure (PRD-1): a company adds its own; `dimension` and `factor` are fixed once created. */
export const unitCreateSchema = z.strictObject({
  code: z.string().regex(CUSTOM_UNIT_CODE, 'must be a lower-case letter, then up to 19 lower-case letters, digits or underscores'),
  name: text(100),
  dimension: z.enum(DIMENSIONS),
  factor: positiveDecimal,
  decimals: wholeNumber(0, 6),
});

/** What an update may change: stored quantities depend on the dimension and the factor. */
export const unitFieldsSchema = unitCreateSchema.pick({ name: true, decimals: true });

export const familyFieldsSchema = z.strictObject({
  code,
  name: text(200),
  parentId: z.string().regex(idPattern('family'), 'must be a family id (fam_…)').optional(),
});

export const productUnitsSchema = z.strictObject({
  management: unitCode,
  sales: unitCode,
  price: unitCode,
  salesFactor: positiveDecimal.optional(),
  priceFactor: positiveDecimal.optional(),
});

export const PARAMETER_NAME = /^[a-z][a-zA-Z0-9_]{0,39}$/;
export const MAX_PARAMETERS = 50;

const parametersSchema = freeFormMap(z.string().regex(PARAMETER_NAME), decimalString, {
  error: (issue) => (issue.code === 'invalid_key' ? 'is not a parameter name: a lower-case letter, then up to 39 letters, digits or underscores' : undefined),
}).refine((parameters) => Object.keys(parameters).length <= MAX_PARAMETERS, `must have at most ${MAX_PARAMETERS} parameters`);

const namedCode = z.strictObject({ code, name: text(200) });

export const salesConditionsSchema = z.strictObject({
  /** In the sales unit. */
  minQuantity: positiveDecimal.optional(),
  /** In the sales unit: orders are rounded up to a multiple of it. */
  multipleQuantity: positiveDecimal.optional(),
  leadTimeDays: wholeNumber(0, 365).optional(),
  notes: note(4000).optional(),
  packagings: z
    .array(namedCode.extend({ quantity: positiveDecimal }))
    .max(20)
    .superRefine(uniqueBy((packaging) => packaging.code.toUpperCase(), 'code', 'repeats the code of another packaging'))
    .optional(),
  inspectionPlans: z
    .array(namedCode)
    .max(20)
    .superRefine(uniqueBy((plan) => plan.code.toUpperCase(), 'code', 'repeats the code of another inspection plan'))
    .optional(),
});

/** Analytic distribution (PRD-4): accounts and shares that add up to exactly 100 %, in decimals. */
export const analyticsSchema = z
  .array(z.strictObject({ account: text(40), percent: decimalString.refine((value) => new Dec(value).greaterThan(0) && new Dec(value).lessThanOrEqualTo(100), 'must be greater than 0 and at most 100') }))
  .min(1, 'must have at least one account')
  .max(50)
  .superRefine(uniqueBy((share) => share.account.toUpperCase(), 'account', 'repeats another account'))
  .superRefine((shares, ctx) => {
    if (shares.length === 0 || !shares.every((share) => decimalString.safeParse(share.percent).success)) return;
    const total = shares.reduce((sum, share) => sum.plus(share.percent), new Dec(0));
    if (!total.equals(100)) ctx.addIssue({ code: 'custom', message: `the percentages must add up to 100, not ${total.toFixed()}` });
  });

export const COST_BASES = ['weightedAverage', 'lastPurchase', 'entered'] as const;

/** Cost bases for margins (PRD-6), per management unit. */
export const costsSchema = z
  .strictObject({ weightedAverage: unitPrice.optional(), lastPurchase: unitPrice.optional(), entered: unitPrice.optional() })
  .superRefine((costs, ctx) => {
    const given = COST_BASES.filter((basis) => costs[basis] !== undefined);
    const currency = costs[given[0]!]?.currency;
    for (const basis of given.slice(1)) {
      if (costs[basis]!.currency !== currency) ctx.addIssue({ code: 'custom', path: [basis, 'currency'], message: `must be the currency of the other costs, ${currency}` });
    }
  });

export const MAX_KIT_COMPONENTS = 100;

/** A kit's bill of materials (PRD-5): quantities per one kit (in the kit's sales unit), in each component's sales unit. */
export const kitSchema = z.strictObject({
  components: z
    .array(
      z.strictObject({
        productId: z.string().regex(idPattern('product'), 'must be a product id (prd_…)'),
        quantity: positiveDecimal,
        section: text(100).optional(),
      }),
    )
    .min(1, 'must have at least one component')
    .max(MAX_KIT_COMPONENTS)
    .superRefine(uniqueBy((component) => `${component.productId}#${component.section ?? ''}`, 'productId', 'repeats a component of the same section: add up the quantities')),
  /** Whether the kit's own line (the head product) shows on documents above its components. */
  showHead: z.boolean().default(true),
});

export const productFieldsSchema = z.strictObject({
  code,
  name: text(200),
  description: note(4000).optional(),
  familyId: z.string().regex(idPattern('family'), 'must be a family id (fam_…)').optional(),
  kind: z.enum(PRODUCT_KINDS).default('goods'),
  units: productUnitsSchema,
  /** Kilograms per management unit. */
  weight: nonNegativeDecimal.optional(),
  /** Cubic metres per management unit. */
  volume: nonNegativeDecimal.optional(),
  vatCategory: z.enum(VAT_CATEGORIES).default('standard'),
  parameters: parametersSchema.optional(),
  salesConditions: salesConditionsSchema.optional(),
  analytics: analyticsSchema.optional(),
  costs: costsSchema.optional(),
  kit: kitSchema.optional(),
});

/** One dated, quantity-based price of a customer reference (PRD-3, PRC-1), per price unit. */
export const referencePriceSchema = z
  .strictObject({
    validFrom: isoDate,
    /** Inclusive: the last day the price applies. Absent: until further notice. */
    validTo: isoDate.optional(),
    /** Quantity break, in the reference's sales unit. */
    minQuantity: nonNegativeDecimal.default('0'),
    unitPrice: unitAmount,
    currency: currencyCode,
  })
  .refine((price) => price.validTo === undefined || price.validFrom <= price.validTo, { message: 'must not be before validFrom', path: ['validTo'] });

export type ReferencePrice = z.output<typeof referencePriceSchema>;

export const MAX_REFERENCE_PRICES = 200;

/**
 * A schedule is in one currency (the issue's "price schedule in a currency"; the customer's, usually), and two
 * prices of the same quantity break may not be valid on the same day: for a date and a quantity, at most one
 * price applies, so pricing never has to choose.
 */
export const priceScheduleSchema = z
  .array(referencePriceSchema)
  .max(MAX_REFERENCE_PRICES)
  .superRefine((prices, ctx) => {
    prices.forEach((price, i) => {
      if (i > 0 && price.currency !== prices[0]!.currency) {
        ctx.addIssue({ code: 'custom', path: [i, 'currency'], message: `must be the currency of the whole schedule, ${prices[0]!.currency}` });
        return;
      }
      const clash = prices.findIndex((other, j) => j < i && sameBreak(other, price) && overlaps(other, price));
      if (clash >= 0) ctx.addIssue({ code: 'custom', path: [i, 'validFrom'], message: `overlaps the period of price ${clash} for the same minimum quantity` });
    });
  });

function sameBreak(a: ReferencePrice, b: ReferencePrice): boolean {
  return new Dec(a.minQuantity).equals(b.minQuantity);
}

function overlaps(a: ReferencePrice, b: ReferencePrice): boolean {
  return a.validFrom <= (b.validTo ?? '9999-12-31') && b.validFrom <= (a.validTo ?? '9999-12-31');
}

export const referenceFieldsSchema = z.strictObject({
  /** The customer's own code for the product: what its EDI and e-commerce orders name it by. */
  customerCode: text(60),
  customerName: text(200).optional(),
  deliveryTolerancePercent: percentage.optional(),
  /** In the reference's sales unit. */
  economicBatch: positiveDecimal.optional(),
  salesFamily: text(60).optional(),
  /** Override the product's sales and price units for this customer (PRD-1 "also per customer"). */
  salesUnit: unitCode.optional(),
  priceUnit: unitCode.optional(),
  salesFactor: positiveDecimal.optional(),
  priceFactor: positiveDecimal.optional(),
  /** One of the product's packagings. */
  packagingCode: code.optional(),
  minQuantity: positiveDecimal.optional(),
  multipleQuantity: positiveDecimal.optional(),
  leadTimeDays: wholeNumber(0, 365).optional(),
  prices: priceScheduleSchema.default([]),
});

export const referenceCreateSchema = referenceFieldsSchema.extend({
  productId: z.string().regex(idPattern('product'), 'must be a product id (prd_…)'),
});

export type FamilyFields = z.output<typeof familyFieldsSchema>;
export type UnitCreate = z.output<typeof unitCreateSchema>;
export type ProductFields = z.output<typeof productFieldsSchema>;
export type ProductKind = (typeof PRODUCT_KINDS)[number];
export type ProductState = (typeof PRODUCT_STATES)[number];
export type VatCategory = (typeof VAT_CATEGORIES)[number];
export type SalesConditions = z.output<typeof salesConditionsSchema>;
export type KitFields = z.output<typeof kitSchema>;
export type KitComponent = KitFields['components'][number];
export type AnalyticShare = z.output<typeof analyticsSchema>[number];
export type ProductCosts = z.output<typeof costsSchema>;
export type ReferenceFields = z.output<typeof referenceFieldsSchema>;

/**
 * Parses like `parseWith` (shared), and tells a client that sends a field the server owns — or one that cannot change
 * after creation — why it is refused, rather than "is not a known field".
 */

function uniqueBy<T>(key: (item: T) => string, field: string, message: string) {
  return (items: readonly T[], ctx: z.core.$RefinementCtx<T[]>) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i, field], message });
      seen.add(k);
    });
  };
}
