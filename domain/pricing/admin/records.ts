import type { VatCategory } from '../../catalog/index.ts';
import type { ExchangeRate, PriceList, PriceRule, RuleTarget, TransportRule } from '../model.ts';
import { DEFAULT_PRICING_STRUCTURE, type PricingStructure } from '../structure.ts';

/**
 * The stored pricing configuration. Each record is the engine's own input type (model.ts, structure.ts) plus
 * administrative fields, so a record read from the store is handed to `priceDocument` unchanged: a
 * `PriceListRecord` is a `PriceList`, a `PriceRuleRecord` a `PriceRule`, and so on.
 */
interface Stamped {
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The actor who made the current version (the history keeps every earlier one). */
  readonly updatedBy: string;
}

/** A price list or an offer (PRC-2, PRC-3, PRC-8). `source`, `currency`, `customerId` and `priceGroup` never change. */
export interface PriceListRecord extends PriceList, Stamped {
  readonly description?: string;
  readonly active: boolean;
  /** The customer of a `customer_list` or an `offer`. */
  readonly customerId?: string;
  /** The customer group of a `group_list`. */
  readonly priceGroup?: string;
}

/** A rule of a list; its target never changes. */
export interface PriceRuleRecord extends PriceRule, Stamped {
  readonly note?: string;
}

export type ExchangeRateRecord = ExchangeRate & Stamped;

/** The VAT rate of a category in a country, from `validFrom` until a later rate of the same category replaces it. */
export interface VatRateRecord extends Stamped {
  readonly countryCode: string;
  readonly category: VatCategory;
  /** Percent. */
  readonly rate: string;
  readonly validFrom: string;
}

export type TransportRuleRecord = TransportRule & Stamped;

/** The one pricing structure, with the VAT category of transport fees (both read with every document priced). */
export interface PricingStructureRecord extends PricingStructure {
  readonly transportVatCategory: VatCategory;
  /** 0 while nobody has changed the default. */
  readonly version: number;
  readonly updatedAt?: string;
  readonly updatedBy?: string;
}

export const DEFAULT_STRUCTURE_RECORD: PricingStructureRecord = { ...DEFAULT_PRICING_STRUCTURE, transportVatCategory: 'standard', version: 0 };

/** Customer groups are compared case-insensitively. */
export function priceGroupKey(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * Who a list applies to: every customer (standard lists), the customers of a group, or one customer (its lists
 * and offers). Fixed with the list, and stored with each of its rules so that a look-up keeps only the rules of
 * the lists that can apply to the document's customer.
 */
export function listAudience(list: Pick<PriceListRecord, 'source' | 'customerId' | 'priceGroup'>): string {
  if (list.customerId !== undefined) return `CUSTOMER#${list.customerId}`;
  if (list.priceGroup !== undefined) return `GROUP#${priceGroupKey(list.priceGroup)}`;
  return 'STANDARD';
}

/** The audiences whose lists can apply to a document: the standard lists, the customer's group's, the customer's own. */
export function audiencesFor(who: { readonly customerId?: string; readonly priceGroup?: string }): string[] {
  return [
    'STANDARD',
    ...(who.priceGroup !== undefined ? [`GROUP#${priceGroupKey(who.priceGroup)}`] : []),
    ...(who.customerId !== undefined ? [`CUSTOMER#${who.customerId}`] : []),
  ];
}

/** A list of one customer (a customer list or an offer): it follows the customer's visibility. */
export function isCustomerList(list: Pick<PriceListRecord, 'customerId'>): boolean {
  return list.customerId !== undefined;
}

/** The key of a rule's target: how rules and their history are looked up by product, family or "everything". */
export function targetKey(target: RuleTarget): string {
  switch (target.kind) {
    case 'product':
      return `PRODUCT#${target.productId}`;
    case 'family':
      return `FAMILY#${target.familyId}`;
    case 'all':
      return 'ALL';
  }
}

/**
 * Whether a list can still apply on a date: active and not over. A list that has not begun yet is kept, so that
 * the explanation can say "not yet valid".
 */
export function listOpenOn(list: Pick<PriceListRecord, 'active' | 'validTo'>, date: string): boolean {
  return list.active && (list.validTo === undefined || list.validTo >= date);
}

/** A rule that expired before the date cannot apply; one that has not begun is kept for the explanation. */
export function ruleOpenOn(rule: Pick<PriceRule, 'validTo'>, date: string): boolean {
  return rule.validTo === undefined || rule.validTo >= date;
}

/** What a document needs priced: its distinct products, their families (every level), its customer and date. */
export interface RulesQuery {
  readonly productIds: readonly string[];
  /** The families of the products, every level up to the root (ProductView.familyPath, merged). */
  readonly familyIds: readonly string[];
  readonly customerId?: string;
  /** The customer's group (until the customer record carries it, the caller passes it). */
  readonly priceGroup?: string;
  /** The document's date (ISO date). */
  readonly date: string;
}

/** The rules that can apply to a document, with their lists (active, not over, for the document's customer). */
export interface ApplicableRules {
  readonly lists: ReadonlyMap<string, PriceListRecord>;
  readonly rules: readonly PriceRuleRecord[];
}

/**
 * The engine's `rulesByProduct`: for each product, the rules that target it, one of its families, or everything.
 * Pure, so that the store answers one look-up per distinct product and family and this spreads the answers.
 */
export function rulesByProduct(
  products: readonly { readonly id: string; readonly familyPath: readonly string[] }[],
  rules: readonly PriceRule[],
): Map<string, PriceRule[]> {
  const byTarget = new Map<string, PriceRule[]>();
  for (const rule of rules) {
    const key = targetKey(rule.target);
    const list = byTarget.get(key);
    if (list) list.push(rule);
    else byTarget.set(key, [rule]);
  }
  const everything = byTarget.get('ALL') ?? [];
  const result = new Map<string, PriceRule[]>();
  for (const product of products) {
    if (result.has(product.id)) continue;
    result.set(product.id, [
      ...(byTarget.get(`PRODUCT#${product.id}`) ?? []),
      ...product.familyPath.flatMap((familyId) => byTarget.get(`FAMILY#${familyId}`) ?? []),
      ...everything,
    ]);
  }
  return result;
}
