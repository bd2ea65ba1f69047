import * as z from 'zod';
import { VAT_CATEGORIES } from '../../catalog/index.ts';
import { idPattern } from '../../shared/ids.ts';
import { Dec, isCurrencyCode, minorUnits } from '../../shared/money.ts';
import { INCOTERMS_2020 } from '../../shared/reference-data.ts';
import { businessCode, countryCode, currencyCode, decimalString, isoDate, note, text, wholeNumber } from '../../shared/validation.ts';
import { MAX_FORMULA_LENGTH } from '../formula.ts';
import { PRICE_SOURCES } from '../structure.ts';

/**
 * The writable shapes of the pricing configuration (PRC-2 … PRC-8, PRC-11), as a client may send them. Each output
 * type is what the engine reads (model.ts, structure.ts) plus a few administrative fields, so that a stored record
 * is handed to `priceDocument` as it is. Checks that need the catalogue (a rule's product, its parameters) live in
 * the use cases.
 */

export const LIST_SOURCES = ['standard_list', 'group_list', 'customer_list', 'offer'] as const;
export const UNIT_ROLES = ['sales', 'management', 'price'] as const;

/** Prices and fees per unit: finer than the currency's minor unit (a screw costs 0.0123 EUR), never negative. */
export const PRICE_DECIMALS = 6;
const nonNegative = decimalString.refine((value) => !new Dec(value).isNegative(), 'must not be negative');
const positive = decimalString.refine((value) => new Dec(value).greaterThan(0), 'must be greater than 0');
const fine = (schema: z.ZodType<string>) =>
  schema.refine((value) => new Dec(value).decimalPlaces() <= PRICE_DECIMALS, `must have at most ${PRICE_DECIMALS} decimals`);
export const unitPrice = fine(nonNegative);

/** A customer group's code: lists of a group apply to the customers of that group (compared case-insensitively). */
export const priceGroupCode = businessCode;

const customerId = z.string().regex(idPattern('customer'), 'must be a customer id (cus_…)');

/** Inclusive period; either end may be open. */
function validity<T extends { validFrom?: string | undefined; validTo?: string | undefined }>(value: T, ctx: z.core.$RefinementCtx<T>): void {
  if (value.validFrom !== undefined && value.validTo !== undefined && value.validTo < value.validFrom) {
    ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'must not be before validFrom' });
  }
}

/** What may change on a list (PRC-2, PRC-3, PRC-8). */
const priceListFields = {
  name: text(200),
  description: note(4000).optional(),
  /** An inactive list is kept (and its history) but never applies. */
  active: z.boolean().default(true),
  validFrom: isoDate.optional(),
  /** Inclusive: the last day the list applies. Required for an offer, which is time-limited. */
  validTo: isoDate.optional(),
};

export const priceListFieldsSchema = z.strictObject(priceListFields).superRefine(validity);

export const ruleTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('product'), productId: z.string().regex(idPattern('product'), 'must be a product id (prd_…)') }),
  z.strictObject({ kind: z.literal('family'), familyId: z.string().regex(idPattern('family'), 'must be a family id (fam_…)') }),
  z.strictObject({ kind: z.literal('all') }),
]);

export const discountPercent = decimalString.refine((value) => new Dec(value).greaterThan(0) && new Dec(value).lessThanOrEqualTo(100), 'must be greater than 0 and at most 100');

/**
 * The percentages of one discount rule, or of one line's manual discounts. Cascades in practice have two or three
 * steps (a base discount, a quantity discount, an exceptional one); five leaves room and bounds each line's
 * explanation, which grows with every step (a cascade's calculation restates the factors before it).
 */
export const MAX_DISCOUNT_STEPS = 5;

const discountPercents = z
  .array(discountPercent)
  .min(1, 'must have at least one percentage')
  .max(MAX_DISCOUNT_STEPS, `must have at most ${MAX_DISCOUNT_STEPS} percentages`);

export const ruleActionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed'), price: unitPrice, per: z.enum(UNIT_ROLES).optional() }),
  z.strictObject({ kind: z.literal('net'), price: unitPrice, per: z.enum(UNIT_ROLES).optional() }),
  /** Steps of the line's percentage sequence, in this order (20 then 12.5). */
  z.strictObject({ kind: z.literal('discount'), percents: discountPercents }),
  z.strictObject({ kind: z.literal('amount_off'), amount: fine(positive) }),
  z.strictObject({ kind: z.literal('formula'), formula: z.string().min(1, 'must not be empty').max(MAX_FORMULA_LENGTH, `must be at most ${MAX_FORMULA_LENGTH} characters`) }),
]);

export const feeSchema = z.strictObject({
  label: text(100),
  per: z.enum(['unit', 'line']),
  amount: fine(positive),
});

export const MAX_FEES = 10;

/** What may change on a rule; its target is fixed (a rule for another product is another rule). */
const priceRuleFields = {
  validFrom: isoDate.optional(),
  validTo: isoDate.optional(),
  /** Quantity break, in the product's sales unit. */
  minQuantity: nonNegative.optional(),
  action: ruleActionSchema,
  fees: z.array(feeSchema).max(MAX_FEES).optional(),
  /** Why the rule exists ("2027 price increase", "tender 2026-114"): shown in the history. */
  note: note(500).optional(),
};

export const priceRuleFieldsSchema = z.strictObject(priceRuleFields).superRefine(validity);
export const priceRuleCreateSchema = z.strictObject({ ...priceRuleFields, target: ruleTargetSchema }).superRefine(validity);

/**
 * A list and its first rules are one transaction of at most 100 items: 3 for the list (record, history, event), 4 per
 * rule (record, history, event, the look-up item of its target) and, for a customer's list, the customer's rule total.
 */
export const MAX_RULES_AT_CREATION = 24;

/**
 * Fixed at creation: who the list is for and its currency. A list for another customer, group or currency is
 * another list — every rule of the list is priced in its currency and stored under its audience.
 */
export const priceListCreateSchema = z
  .strictObject({
    ...priceListFields,
    source: z.enum(LIST_SOURCES),
    currency: currencyCode,
    /** The customer of a `customer_list` or an `offer`. */
    customerId: customerId.optional(),
    /** The customer group of a `group_list`. */
    priceGroup: priceGroupCode.optional(),
    /** The list's first rules, written with it (an offer and its prices in one request). */
    rules: z.array(priceRuleCreateSchema).max(MAX_RULES_AT_CREATION, `must have at most ${MAX_RULES_AT_CREATION} rules: add the others to the list afterwards`).optional(),
  })
  .superRefine(validity)
  .superRefine((list, ctx) => {
    const needsCustomer = list.source === 'customer_list' || list.source === 'offer';
    if (needsCustomer && list.customerId === undefined) ctx.addIssue({ code: 'custom', path: ['customerId'], message: `is required for a list of source ${list.source}` });
    if (!needsCustomer && list.customerId !== undefined) ctx.addIssue({ code: 'custom', path: ['customerId'], message: `only customer lists and offers belong to a customer, not a ${list.source}` });
    if (list.source === 'group_list' && list.priceGroup === undefined) ctx.addIssue({ code: 'custom', path: ['priceGroup'], message: 'is required for a group list' });
    if (list.source !== 'group_list' && list.priceGroup !== undefined) ctx.addIssue({ code: 'custom', path: ['priceGroup'], message: `only group lists have a customer group, not a ${list.source}` });
    if (list.source === 'offer' && list.validTo === undefined) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'is required for an offer: offers are time-limited' });
  });


/** `rate` units of `to` in one unit of `from`, from `validFrom` until a later rate of the pair replaces it. */
export const exchangeRateCreateSchema = z
  .strictObject({
    from: currencyCode,
    to: currencyCode,
    rate: positive,
    validFrom: isoDate,
  })
  .refine((rate) => rate.from !== rate.to, { path: ['to'], message: 'must differ from `from`' });
export const exchangeRateFieldsSchema = z.strictObject({ rate: positive });

/** The rate (percent) of a VAT category in a country, from `validFrom` until a later rate replaces it. */
export const vatRateCreateSchema = z.strictObject({
  countryCode,
  category: z.enum(VAT_CATEGORIES),
  rate: decimalString.refine((value) => {
    const rate = new Dec(value);
    return !rate.isNegative() && rate.lessThan(100);
  }, 'must be at least 0 and below 100'),
  validFrom: isoDate,
});
export const vatRateFieldsSchema = vatRateCreateSchema.pick({ rate: true });

export const transportBracketSchema = z
  .strictObject({
    /** The measure from which the bracket applies (kg, m³ or an amount in the rule's currency). */
    from: nonNegative,
    fixed: fine(nonNegative).optional(),
    /** Per kg or m³; for the `amount` basis, a percentage of the amount. */
    variable: fine(nonNegative).optional(),
  })
  .refine((bracket) => bracket.fixed !== undefined || bracket.variable !== undefined, { message: 'must have a fixed and/or a variable part' });

/**
 * Countries a transport rule lists are written as one look-up item each (see the table design): bounded so that a
 * change of rule fits one transaction.
 */
export const MAX_TRANSPORT_COUNTRIES = 45;

export const transportRuleFieldsSchema = z.strictObject({
  name: text(200),
  /** Absent: any Incoterm. */
  incoterm: z.enum(INCOTERMS_2020).optional(),
  /** Absent: any delivery country. */
  countries: z
    .array(countryCode)
    .min(1, 'must list at least one country (leave it out for any country)')
    .max(MAX_TRANSPORT_COUNTRIES)
    .refine((countries) => new Set(countries).size === countries.length, 'must not repeat a country')
    .optional(),
  basis: z.enum(['weight', 'volume', 'amount']),
  currency: currencyCode,
  brackets: z
    .array(transportBracketSchema)
    .min(1, 'must have at least one bracket')
    .max(50)
    .refine((brackets) => new Set(brackets.map((b) => (decimalString.safeParse(b.from).success ? new Dec(b.from).toFixed() : b.from))).size === brackets.length, 'must not repeat a bracket start (`from`)'),
}).superRefine((rule, ctx) => {
  // A fixed fee is charged as is, and an `amount` bracket starts at an amount: both are money in the rule's currency.
  if (!isCurrencyCode(rule.currency)) return;
  const decimals = minorUnits(rule.currency);
  rule.brackets.forEach((bracket, i) => {
    const amounts = [['fixed', bracket.fixed], ...(rule.basis === 'amount' ? [['from', bracket.from]] : [])] as const;
    for (const [field, amount] of amounts) {
      if (amount !== undefined && new Dec(amount).decimalPlaces() > decimals) {
        ctx.addIssue({ code: 'custom', path: ['brackets', i, field], message: `${rule.currency} amounts have at most ${decimals} decimals` });
      }
    }
  });
});

const sourcesSchema = z
  .array(z.strictObject({ source: z.enum(PRICE_SOURCES), mode: z.enum(['stop', 'stack']) }))
  .min(1, 'must name at least one price source')
  .superRefine((sources, ctx) => {
    const seen = new Set<string>();
    sources.forEach((entry, i) => {
      if (seen.has(entry.source)) ctx.addIssue({ code: 'custom', path: [i, 'source'], message: `names ${entry.source} a second time: each source has one place in the order` });
      seen.add(entry.source);
    });
  });

/** The pricing structure (PRC-7) and the VAT category of transport fees, which the engine reads with it. */
export const pricingStructureSchema = z.strictObject({
  sources: sourcesSchema,
  discountCombination: z.enum(['cascade', 'cumulative']),
  unitPriceDecimals: wholeNumber(0, 8),
  costBasis: z.enum(['weightedAverage', 'lastPurchase', 'entered']),
  transportVatCategory: z.enum(VAT_CATEGORIES).default('standard'),
});

export type PriceListFields = z.output<typeof priceListFieldsSchema>;
export type PriceListCreate = z.output<typeof priceListCreateSchema>;
export type PriceRuleFields = z.output<typeof priceRuleFieldsSchema>;
export type PriceRuleCreate = z.output<typeof priceRuleCreateSchema>;
export type TransportRuleFields = z.output<typeof transportRuleFieldsSchema>;
export type PricingStructureFields = z.output<typeof pricingStructureSchema>;
