/**
 * The pricing structure (PRC-7): which price sources apply, in what order, and whether each one ends the search
 * (`stop`) or lets the following sources add their discounts (`stack`); how percentage discounts combine; the
 * unit-price precision; and the cost basis of margins. An admin changes it through the API.
 */
export const PRICE_SOURCES = ['customer_reference', 'offer', 'customer_list', 'group_list', 'standard_list'] as const;
export type PriceSource = (typeof PRICE_SOURCES)[number];

/** The sources a price list can belong to (a customer reference is not a list). */
export type ListSource = Exclude<PriceSource, 'customer_reference'>;

export type SourceMode = 'stop' | 'stack';
export type DiscountCombination = 'cascade' | 'cumulative';
export type CostBasis = 'weightedAverage' | 'lastPurchase' | 'entered';

export interface PricingStructure {
  readonly sources: readonly { readonly source: PriceSource; readonly mode: SourceMode }[];
  /** `cascade`: 10 % then 5 % of 100.00 → 85.50; `cumulative`: 10 % + 5 % = 15 % → 85.00. */
  readonly discountCombination: DiscountCombination;
  /** Decimals of unit prices (each waterfall step is rounded half-up to them). */
  readonly unitPriceDecimals: number;
  readonly costBasis: CostBasis;
}

export const DEFAULT_PRICING_STRUCTURE: PricingStructure = {
  sources: [
    { source: 'customer_reference', mode: 'stop' },
    { source: 'offer', mode: 'stop' },
    { source: 'customer_list', mode: 'stack' },
    { source: 'group_list', mode: 'stack' },
    { source: 'standard_list', mode: 'stop' },
  ],
  discountCombination: 'cascade',
  unitPriceDecimals: 4,
  costBasis: 'weightedAverage',
};

export const SOURCE_LABELS: Record<PriceSource, string> = {
  customer_reference: 'customer reference',
  offer: 'offer',
  customer_list: 'customer list',
  group_list: 'group list',
  standard_list: 'standard list',
};
