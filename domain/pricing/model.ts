import type { ProductUnits, UnitLookup } from '../catalog/index.ts';
import type { Money } from '../shared/money.ts';
import type { Incoterm } from '../shared/reference-data.ts';
import type { ListSource, PricingStructure } from './structure.ts';

/**
 * What the engine reads: the document to price and the data it needs, as plain values independent of storage.
 * Decimals are strings; dates are ISO dates ("2026-03-01"); a validity period includes both of its ends.
 */

/** Which of a product's units a price is quoted per. */
export type UnitRole = 'sales' | 'management' | 'price';

/** The product as the engine sees it. */
export interface ProductView {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  /** The product's own family first, then its parent, up to the root. */
  readonly familyPath: readonly string[];
  readonly units: ProductUnits;
  /** Kilograms in one management unit (transport by weight). */
  readonly weightKg?: string;
  /** Cubic metres in one management unit (transport by volume). */
  readonly volumeM3?: string;
  readonly vatCategory: string;
  /** Numeric parameters that formulas read, by name. */
  readonly parameters: Readonly<Record<string, string>>;
  /** In sales units. */
  readonly salesConditions?: QuantityConditions;
  /** Per management unit. */
  readonly costs: { readonly weightedAverage?: Money; readonly lastPurchase?: Money; readonly entered?: Money };
}

export interface QuantityConditions {
  readonly minimum?: string;
  readonly multiple?: string;
}

/** The customer's reference for a product (PRD-3, PRC-1): its own code, conditions and dated price schedule. */
export interface CustomerReferenceView {
  readonly customerCode: string;
  /** In sales units; they replace the product's sales conditions for this customer. */
  readonly conditions?: QuantityConditions;
  readonly currency: string;
  readonly prices: readonly ReferencePrice[];
}

export interface ReferencePrice {
  readonly id: string;
  readonly validFrom?: string;
  readonly validTo?: string;
  /** Quantity break, in sales units. */
  readonly minQuantity?: string;
  readonly price: string;
  /** The unit the price is quoted per; the product's price unit when absent. */
  readonly per?: UnitRole;
}

/** A price list or a time-limited offer (PRC-2, PRC-3, PRC-8): its rules are priced in its currency. */
export interface PriceList {
  readonly id: string;
  readonly name: string;
  readonly source: ListSource;
  readonly currency: string;
  readonly validFrom?: string;
  readonly validTo?: string;
}

export type RuleTarget =
  | { readonly kind: 'product'; readonly productId: string }
  | { readonly kind: 'family'; readonly familyId: string }
  | { readonly kind: 'all' };

/** Amounts are in the list's currency, per price unit unless `per` says otherwise. */
export type RuleAction =
  /** A base price; later discounts apply. */
  | { readonly kind: 'fixed'; readonly price: string; readonly per?: UnitRole }
  /** A final price: discounts of the sources after it do not apply; fees still do. */
  | { readonly kind: 'net'; readonly price: string; readonly per?: UnitRole }
  /**
   * Percentages off, in the order given: each one is a step of the line's percentage sequence, combined with the
   * other rules' per the structure (20 then 12.5 in cascade: "remises en cascade", × 0.8 × 0.875).
   */
  | { readonly kind: 'discount'; readonly percents: readonly string[] }
  | { readonly kind: 'amount_off'; readonly amount: string }
  /** A base price computed over the product's parameters and `base` (the price the lower sources give). */
  | { readonly kind: 'formula'; readonly formula: string };

/** A fee built into the price (PRC-6), added after the discounts: per price unit, or once per line. */
export interface Fee {
  readonly label: string;
  readonly per: 'unit' | 'line';
  readonly amount: string;
}

export interface PriceRule {
  readonly id: string;
  readonly listId: string;
  readonly target: RuleTarget;
  readonly validFrom?: string;
  readonly validTo?: string;
  /** Quantity break, in sales units. */
  readonly minQuantity?: string;
  readonly action: RuleAction;
  readonly fees?: readonly Fee[];
}

/** `rate` units of `to` in one unit of `from`, from `validFrom` until a later rate replaces it. */
export interface ExchangeRate {
  readonly from: string;
  readonly to: string;
  readonly rate: string;
  readonly validFrom: string;
}

/** Transport fees (PRC-11) for an Incoterm and delivery countries (any when absent), on a measure of the document. */
export interface TransportRule {
  readonly id: string;
  readonly name: string;
  readonly incoterm?: Incoterm;
  readonly countries?: readonly string[];
  /** Total weight (kg), total volume (m³), or the goods amount (after document discounts). */
  readonly basis: 'weight' | 'volume' | 'amount';
  readonly currency: string;
  /** The bracket whose `from` is the highest not above the measure applies; none applies below the first. */
  readonly brackets: readonly TransportBracket[];
}

export interface TransportBracket {
  readonly from: string;
  readonly fixed?: string;
  /** Per kg or m³; for the `amount` basis, a percentage of the amount. */
  readonly variable?: string;
}

export type FiscalPositionKind = 'domestic' | 'intra_eu_reverse_charge' | 'export';

export interface CustomerView {
  readonly id: string;
  readonly countryCode: string;
  readonly vatNumber?: string;
  /** Transport is waived when the goods amount reaches it (converted at the document date when in another currency). */
  readonly freeShippingThreshold?: Money;
  /** Forces the fiscal position instead of deducing it from the countries and the VAT number. */
  readonly fiscalPosition?: FiscalPositionKind;
}

export interface PricingData {
  readonly structure: PricingStructure;
  readonly units: UnitLookup;
  readonly company: { readonly countryCode: string };
  readonly customer?: CustomerView;
  readonly products: ReadonlyMap<string, ProductView>;
  /** The customer's references, by product id. */
  readonly references: ReadonlyMap<string, CustomerReferenceView>;
  /** The lists and offers that can apply to this customer (its own, its groups', the standard ones), by id. */
  readonly lists: ReadonlyMap<string, PriceList>;
  /**
   * Already narrowed by the loader: per product id, the rules of those lists that target the product, one of its
   * families, or everything. The engine never looks at other rules.
   */
  readonly rulesByProduct: ReadonlyMap<string, readonly PriceRule[]>;
  readonly exchangeRates: readonly ExchangeRate[];
  readonly transportRules: readonly TransportRule[];
  /** VAT rate (percent) of each VAT category in the company's country. */
  readonly vatRates: Readonly<Record<string, string>>;
  /** The VAT category of transport fees. */
  readonly transportVatCategory: string;
}

export interface PricingRequest {
  readonly date: string;
  readonly currency: string;
  readonly deliveryCountry?: string;
  readonly incoterm?: Incoterm;
  readonly lines: readonly RequestLine[];
  readonly documentDiscounts?: readonly DocumentDiscount[];
}

export type RequestLine = ProductLine | FreeTextLine;

interface LineEntries {
  /** The caller's own line reference, echoed back. */
  readonly lineId?: string;
  readonly quantity: string;
  /** A manual unit price (per price unit): it replaces the computed price and stays flagged as manual. */
  readonly manualUnitPrice?: string;
  /** Manual discounts (percent), applied after everything else in the order given, each flagged as manual. */
  readonly manualDiscounts?: readonly string[];
}

export interface ProductLine extends LineEntries {
  readonly productId: string;
  /** The unit of `quantity`; the product's sales unit when absent. */
  readonly unit?: string;
  /** The factor the product leaves variable (management units in one unit of that dimension). */
  readonly variableFactor?: string;
}

/** A line without a product (QUO-1): its price is entered, it has no rules, no units to convert and no cost. */
export interface FreeTextLine extends LineEntries {
  readonly description: string;
  readonly unit?: string;
  readonly manualUnitPrice: string;
  readonly vatCategory: string;
}

export type DocumentDiscount =
  | { readonly kind: 'percent'; readonly label: string; readonly percent: string }
  | { readonly kind: 'amount'; readonly label: string; readonly amount: string };
