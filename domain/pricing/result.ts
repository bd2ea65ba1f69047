import type { CostBasis, PriceSource } from './structure.ts';
import type { FiscalPositionKind } from './model.ts';

/**
 * What the engine returns: the priced document and, for every figure, how it was reached. Amounts are decimal
 * strings in the document's currency (at its minor unit); unit prices are per price unit, at the structure's
 * unit-price precision. Each `calculation` is written so that a person with a calculator can redo it.
 */
export interface PricedDocument {
  readonly date: string;
  readonly currency: string;
  readonly lines: readonly PricedLine[];
  readonly documentDiscounts: readonly AppliedDocumentDiscount[];
  readonly transport: TransportOutcome;
  readonly vat: VatOutcome;
  readonly totals: DocumentTotals;
}

export interface QuantityInUnit {
  readonly quantity: string;
  /** Absent on a free-text line entered without a unit. */
  readonly unit?: string;
}

export interface LineQuantities {
  readonly requested: QuantityInUnit;
  readonly sales: QuantityInUnit;
  readonly management: QuantityInUnit;
  readonly price: QuantityInUnit;
  /** Every change from the requested quantity to the sales quantity priced, in order. */
  readonly adjustments: readonly QuantityAdjustment[];
}

export interface QuantityAdjustment {
  readonly kind: 'conversion' | 'precision' | 'minimum' | 'multiple';
  readonly from: string;
  readonly to: string;
  readonly explanation: string;
}

/** Why a candidate rule was applied (its role) or skipped. */
export type CandidateCode =
  | 'base_price'
  | 'base_of_formula'
  | 'adjustment'
  | 'other_target'
  | 'source_not_in_structure'
  | 'not_yet_valid'
  | 'expired'
  | 'quantity_break_not_reached'
  | 'no_exchange_rate'
  | 'invalid_formula'
  | 'missing_parameter'
  | 'less_specific'
  | 'lower_quantity_break'
  | 'older'
  | 'tie_broken_by_id'
  | 'superseded'
  | 'price_from_higher_source'
  | 'after_net_price'
  | 'no_base_price'
  | 'formula_failed';

export interface CandidateExplanation {
  readonly source: PriceSource;
  /** The list or offer ("standard list STD (lst_…)"), or the customer reference ("customer reference ABC-12"). */
  readonly origin: string;
  readonly ruleId: string;
  readonly target: string;
  readonly action: string;
  readonly status: 'applied' | 'skipped';
  readonly code: CandidateCode;
  readonly reason: string;
}

export type WaterfallStepKind = 'base' | 'formula' | 'discount' | 'amount_off' | 'unit_fee' | 'manual_price' | 'manual_discount';

export interface WaterfallStep {
  readonly kind: WaterfallStepKind;
  /** The price source of the rule behind the step, or `manual` for an entry on the line. */
  readonly source?: PriceSource | 'manual';
  readonly ruleId?: string;
  readonly label: string;
  readonly calculation: string;
  /** The step's own percentage, on a percentage step (`discount`, `manual_discount`). */
  readonly percent?: string;
  /** The change this step made to the unit price (the price itself for the first step). */
  readonly value: string;
  /** The running unit price before this step; absent on the first. */
  readonly unitPriceBefore?: string;
  /** The running unit price after this step. */
  readonly unitPrice: string;
  /** Present when the step did not go as far as asked: the price stopped at zero. */
  readonly capped?: true;
}

export interface LineFee {
  readonly ruleId: string;
  readonly label: string;
  readonly amount: string;
  readonly calculation: string;
}

export type Margin =
  | { readonly basis: CostBasis; readonly cost: string; readonly amount: string; readonly rate: string | null; readonly calculation: string }
  | { readonly basis: CostBasis; readonly unavailable: string };

export interface PricedLine {
  readonly index: number;
  readonly lineId?: string;
  readonly productId?: string;
  readonly productCode?: string;
  readonly description?: string;
  readonly quantities: LineQuantities;
  /** `unpriced`: no rule gave a base price and none was entered; the line counts for zero. */
  readonly status: 'priced' | 'unpriced';
  readonly unitPrice: string;
  /** The price the rules give, before manual entries; absent when they give none. */
  readonly computedUnitPrice?: string;
  /** Manual entries are kept and flagged, never replaced by a re-pricing. */
  readonly manual: { readonly price: boolean; readonly discount: boolean };
  readonly lineFees: readonly LineFee[];
  /** Unit price × quantity in the price unit, rounded half-up, plus the per-line fees. */
  readonly amount: string;
  readonly amountCalculation: string;
  /** This line's part of the document discounts (pro rata), and what remains: the line's VAT base. */
  readonly documentDiscountShare: string;
  readonly netAmount: string;
  readonly vat: { readonly category: string; readonly rate: string };
  readonly margin: Margin;
  readonly explanation: {
    readonly candidates: readonly CandidateExplanation[];
    readonly waterfall: readonly WaterfallStep[];
    /** Anything else worth knowing (why the line has no price, a manual price that differs from the computed one…). */
    readonly notes: readonly string[];
  };
}

export interface DocumentAmountStep {
  readonly label: string;
  readonly calculation: string;
  readonly value: string;
  readonly total: string;
}

export interface AppliedDocumentDiscount {
  readonly label: string;
  readonly amount: string;
  readonly step: DocumentAmountStep;
}

export type TransportOutcome =
  | { readonly status: 'none'; readonly amount: string; readonly explanation: string }
  | {
      readonly status: 'charged' | 'waived';
      readonly amount: string;
      readonly ruleId: string;
      readonly basis: 'weight' | 'volume' | 'amount';
      readonly measure: string;
      readonly explanation: string;
    };

export interface VatOutcome {
  readonly fiscalPosition: { readonly kind: FiscalPositionKind; readonly explanation: string };
  readonly breakdown: readonly VatBreakdown[];
}

export interface VatBreakdown {
  readonly rate: string;
  readonly base: string;
  readonly tax: string;
  readonly calculation: string;
}

export interface DocumentTotals {
  readonly lines: string;
  readonly documentDiscounts: string;
  /** Lines minus document discounts. */
  readonly goods: string;
  readonly transport: string;
  /** Goods plus transport: the sum of the VAT bases. */
  readonly net: string;
  readonly tax: string;
  readonly gross: string;
  /** The sum of the lines' margins, when every product line has one. */
  readonly margin?: string;
  /** False when a line could not be priced: the totals then leave it out, and are not the document's. */
  readonly complete: boolean;
  /** The indexes of the lines without a price (each line's notes say why). */
  readonly unpricedLines: readonly number[];
}
