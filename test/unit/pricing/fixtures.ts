import { unitLookup } from '../../../domain/catalog/units.ts';
import { priceDocument } from '../../../domain/pricing/engine.ts';
import type {
  CustomerReferenceView,
  CustomerView,
  ExchangeRate,
  PriceList,
  PriceRule,
  PricingData,
  PricingRequest,
  ProductView,
  RequestLine,
  RuleAction,
  TransportRule,
} from '../../../domain/pricing/model.ts';
import type { PricedDocument, PricedLine } from '../../../domain/pricing/result.ts';
import { DEFAULT_PRICING_STRUCTURE, type ListSource, type PricingStructure } from '../../../domain/pricing/structure.ts';

/** Builders for the engine's inputs: small defaults, overridden where a test cares. */

export const DATE = '2026-03-15';

export function product(overrides: Partial<ProductView> = {}): ProductView {
  return {
    id: 'prd_bolt',
    code: 'BOLT-M8',
    name: 'Bolt M8',
    familyPath: ['fam_bolts', 'fam_fasteners', 'fam_hardware'],
    units: { management: 'pce', sales: 'pce', price: 'pce' },
    vatCategory: 'standard',
    parameters: {},
    costs: {},
    ...overrides,
  };
}

export function list(id: string, source: ListSource, overrides: Partial<PriceList> = {}): PriceList {
  return { id, name: id.toUpperCase(), source, currency: 'EUR', ...overrides };
}

export function rule(id: string, listId: string, action: RuleAction, overrides: Partial<PriceRule> = {}): PriceRule {
  return { id, listId, target: { kind: 'all' }, action, ...overrides };
}

export const fixed = (price: string): RuleAction => ({ kind: 'fixed', price });
export const net = (price: string): RuleAction => ({ kind: 'net', price });
export const discount = (...percents: string[]): RuleAction => ({ kind: 'discount', percents });
export const amountOff = (amount: string): RuleAction => ({ kind: 'amount_off', amount });
export const formula = (text: string): RuleAction => ({ kind: 'formula', formula: text });

export interface DataInput {
  products?: readonly ProductView[];
  lists?: readonly PriceList[];
  rules?: readonly PriceRule[];
  references?: Record<string, CustomerReferenceView>;
  exchangeRates?: readonly ExchangeRate[];
  transportRules?: readonly TransportRule[];
  customer?: CustomerView;
  structure?: Partial<PricingStructure>;
  vatRates?: Record<string, string>;
}

/** Narrows the rules per product as the loader does: the product's own, its families', and those for everything. */
export function rulesByProduct(products: readonly ProductView[], rules: readonly PriceRule[]): Map<string, PriceRule[]> {
  return new Map(
    products.map((p) => [
      p.id,
      rules.filter((r) => r.target.kind === 'all' || (r.target.kind === 'product' ? r.target.productId === p.id : p.familyPath.includes(r.target.familyId))),
    ]),
  );
}

export function pricingData(input: DataInput = {}): PricingData {
  const products = input.products ?? [product()];
  return {
    structure: { ...DEFAULT_PRICING_STRUCTURE, ...input.structure },
    units: unitLookup(),
    company: { countryCode: 'FR' },
    customer: input.customer ?? { id: 'cus_1', countryCode: 'FR' },
    products: new Map(products.map((p) => [p.id, p])),
    references: new Map(Object.entries(input.references ?? {})),
    lists: new Map((input.lists ?? []).map((l) => [l.id, l])),
    rulesByProduct: rulesByProduct(products, input.rules ?? []),
    exchangeRates: input.exchangeRates ?? [],
    transportRules: input.transportRules ?? [],
    vatRates: input.vatRates ?? { standard: '20', reduced: '5.5', zero: '0' },
    transportVatCategory: 'standard',
  };
}

export function request(lines: readonly RequestLine[], overrides: Partial<PricingRequest> = {}): PricingRequest {
  return { date: DATE, currency: 'EUR', lines, ...overrides };
}

export function priceLines(lines: readonly RequestLine[], input: DataInput, overrides: Partial<PricingRequest> = {}): PricedDocument {
  return priceDocument(request(lines, overrides), pricingData(input));
}

export function priceOne(line: RequestLine, input: DataInput, overrides: Partial<PricingRequest> = {}): PricedLine {
  return priceLines([line], input, overrides).lines[0]!;
}

/** The candidates of a line as `ruleId → code`, to assert who was applied or skipped and why in one line. */
export function outcomes(line: PricedLine): Record<string, string> {
  return Object.fromEntries(line.explanation.candidates.map((c) => [c.ruleId, `${c.status}:${c.code}`]));
}

export function steps(line: PricedLine): string[] {
  return line.explanation.waterfall.map((s) => `${s.kind} ${s.value} → ${s.unitPrice}`);
}
