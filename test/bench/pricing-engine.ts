import { unitLookup } from '../../domain/catalog/units.ts';
import { priceDocument } from '../../domain/pricing/engine.ts';
import type {
  CustomerReferenceView,
  PriceList,
  PriceRule,
  PricingData,
  PricingRequest,
  ProductLine,
  ProductView,
  RuleAction,
} from '../../domain/pricing/model.ts';
import { DEFAULT_PRICING_STRUCTURE } from '../../domain/pricing/structure.ts';
import { median } from './stats.ts';

/**
 * The pricing engine's own time per line (DESIGN §8, issue 3): a catalogue of 10,000 products in a three-level
 * family tree and 50,000 rules (standard prices with quantity breaks, family rules and formulas, the customer's
 * group and own lists, offers in another currency, and the lists of 50 other customers), documents of 10, 100 and
 * 1,000 lines for one customer. The rules are narrowed per product the way the loader will (the product's own,
 * its families', the ones for everything, of the customer's lists only); that narrowing is timed apart, since the
 * loader does it while reading, and only `priceDocument` counts as the engine's time.
 */
export interface PricingEngineBench {
  readonly products: number;
  readonly rules: number;
  readonly results: readonly { readonly lines: number; readonly runs: number; readonly microsecondsPerLine: number; readonly narrowingMicrosecondsPerLine: number }[];
}

const PRODUCTS = 10_000;
const RULES = 50_000;
const DOCUMENT_SIZES = [10, 100, 1_000] as const;
const DATE = '2026-03-15';

export function benchPricingEngine(): PricingEngineBench {
  const random = seeded(20260315);
  const catalogue = buildCatalogue(random);
  const results = DOCUMENT_SIZES.map((size) => {
    const runs = Math.max(5, Math.round(20_000 / size));
    const engine: number[] = [];
    const narrowing: number[] = [];
    for (let run = 0; run < runs + 3; run += 1) {
      const request = documentOf(size, random);
      const narrowStart = performance.now();
      const data = catalogue.dataFor(request);
      const priceStart = performance.now();
      priceDocument(request, data);
      const end = performance.now();
      // The first runs warm the JIT up; they are not counted.
      if (run < 3) continue;
      narrowing.push(((priceStart - narrowStart) * 1000) / size);
      engine.push(((end - priceStart) * 1000) / size);
    }
    return { lines: size, runs, microsecondsPerLine: round(median(engine)), narrowingMicrosecondsPerLine: round(median(narrowing)) };
  });
  return { products: PRODUCTS, rules: catalogue.ruleCount, results };
}

interface Catalogue {
  readonly ruleCount: number;
  dataFor(request: PricingRequest): PricingData;
}

function buildCatalogue(random: () => number): Catalogue {
  const roots = Array.from({ length: 10 }, (_, i) => `fam_${i}`);
  const middles = roots.flatMap((root) => Array.from({ length: 10 }, (_, i) => ({ id: `${root}_${i}`, path: [root] })));
  const leaves = middles.flatMap((middle) => Array.from({ length: 5 }, (_, i) => ({ id: `${middle.id}_${i}`, path: [middle.id, ...middle.path] })));

  const products = new Map<string, ProductView>();
  for (let i = 0; i < PRODUCTS; i += 1) {
    const leaf = leaves[i % leaves.length]!;
    const byWeight = i % 10 === 0;
    products.set(`prd_${i}`, {
      id: `prd_${i}`,
      code: `P${String(i).padStart(5, '0')}`,
      name: `Product ${i}`,
      familyPath: [leaf.id, ...leaf.path],
      units: byWeight ? { management: 'kg', sales: 'pce', price: 'kg', salesFactor: '2.5' } : { management: 'pce', sales: 'pce', price: 'pce' },
      weightKg: byWeight ? '1' : '0.8',
      volumeM3: '0.002',
      vatCategory: i % 7 === 0 ? 'reduced' : 'standard',
      parameters: { length: '2.5', massPerMetre: '1.2' },
      salesConditions: i % 4 === 0 ? { minimum: '5', multiple: '5' } : undefined,
      costs: { weightedAverage: { amount: money(random, 1, 60), currency: 'EUR' } },
    });
  }

  const lists = new Map<string, PriceList>([
    ['lst_std', { id: 'lst_std', name: 'Standard', source: 'standard_list', currency: 'EUR' }],
    ['lst_group', { id: 'lst_group', name: 'Installers', source: 'group_list', currency: 'EUR' }],
    ['lst_customer', { id: 'lst_customer', name: 'ACME', source: 'customer_list', currency: 'EUR' }],
    ['lst_offer', { id: 'lst_offer', name: 'Spring offer', source: 'offer', currency: 'USD', validFrom: '2026-03-01', validTo: '2026-05-31' }],
  ]);
  for (let c = 0; c < 50; c += 1) lists.set(`lst_other_${c}`, { id: `lst_other_${c}`, name: `Other ${c}`, source: 'customer_list', currency: 'EUR' });
  const customerLists = new Set(['lst_std', 'lst_group', 'lst_customer', 'lst_offer']);

  const rules: PriceRule[] = [];
  const add = (listId: string, target: PriceRule['target'], action: RuleAction, extra: Partial<PriceRule> = {}) =>
    rules.push({ id: `rul_${String(rules.length).padStart(6, '0')}`, listId, target, action, ...extra });
  const someProduct = () => ({ kind: 'product' as const, productId: `prd_${Math.floor(random() * PRODUCTS)}` });
  const families = [...roots, ...middles.map((m) => m.id), ...leaves.map((l) => l.id)];
  const someFamily = () => ({ kind: 'family' as const, familyId: families[Math.floor(random() * families.length)]! });

  for (let i = 0; i < PRODUCTS; i += 1) add('lst_std', { kind: 'product', productId: `prd_${i}` }, { kind: 'fixed', price: money(random, 2, 120) }, { validFrom: '2026-01-01' });
  for (let i = 0; i < PRODUCTS; i += 1) add('lst_std', { kind: 'product', productId: `prd_${i}` }, { kind: 'fixed', price: money(random, 1, 100) }, { minQuantity: String(10 * (1 + (i % 10))), validFrom: '2026-01-01' });
  for (let i = 0; i < 1_000; i += 1) {
    const action: RuleAction = i % 5 === 0 ? { kind: 'formula', formula: 'round(base * 1.05 + length * massPerMetre, 2)' } : { kind: 'fixed', price: money(random, 2, 80) };
    add('lst_std', someFamily(), action, { validFrom: '2025-01-01', fees: i % 3 === 0 ? [{ label: 'handling', per: 'line', amount: '4.50' }] : undefined });
  }
  for (let i = 0; i < 5_000; i += 1) add('lst_group', someProduct(), { kind: 'discount', percents: [String(1 + (i % 15))] });
  for (let i = 0; i < 100; i += 1) add('lst_group', someFamily(), { kind: 'discount', percents: [String(2 + (i % 6))] }, { fees: [{ label: 'packaging', per: 'unit', amount: '0.10' }] });
  add('lst_group', { kind: 'all' }, { kind: 'discount', percents: ['2'] });
  for (let i = 0; i < 2_000; i += 1) {
    const action: RuleAction = i % 4 === 0 ? { kind: 'net', price: money(random, 2, 90) } : i % 4 === 1 ? { kind: 'amount_off', amount: '0.50' } : { kind: 'discount', percents: ['3'] };
    add('lst_customer', someProduct(), action, { validTo: i % 10 === 0 ? '2026-02-28' : undefined });
  }
  for (let i = 0; i < 1_000; i += 1) add('lst_offer', someProduct(), { kind: 'fixed', price: money(random, 1, 90) }, { minQuantity: String(i % 50) });
  while (rules.length < RULES) add(`lst_other_${rules.length % 50}`, random() < 0.9 ? someProduct() : someFamily(), { kind: 'discount', percents: ['7'] });

  const references = new Map<string, CustomerReferenceView>();
  for (let i = 0; i < PRODUCTS; i += 20) {
    references.set(`prd_${i}`, {
      customerCode: `ACME-${i}`,
      currency: 'EUR',
      prices: [
        { id: `ref_${i}_1`, price: money(random, 2, 100), validFrom: '2026-01-01' },
        { id: `ref_${i}_2`, price: money(random, 1, 90), validFrom: '2026-01-01', minQuantity: '100' },
      ],
    });
  }

  // The store's indexes: rules by target (what the table's keys give the loader), of any list.
  const byTarget = new Map<string, PriceRule[]>();
  for (const r of rules) {
    const key = r.target.kind === 'all' ? 'all' : r.target.kind === 'product' ? r.target.productId : r.target.familyId;
    const bucket = byTarget.get(key);
    if (bucket) bucket.push(r);
    else byTarget.set(key, [r]);
  }

  const base: Omit<PricingData, 'products' | 'references' | 'rulesByProduct'> = {
    structure: DEFAULT_PRICING_STRUCTURE,
    units: unitLookup(),
    company: { countryCode: 'FR' },
    customer: { id: 'cus_acme', countryCode: 'FR', freeShippingThreshold: { amount: '5000.00', currency: 'EUR' } },
    lists: new Map([...lists].filter(([id]) => customerLists.has(id))),
    exchangeRates: [{ from: 'USD', to: 'EUR', rate: '0.92', validFrom: '2026-01-01' }],
    transportRules: [{ id: 'tr_fr', name: 'Road FR', incoterm: 'DAP', countries: ['FR'], basis: 'weight', currency: 'EUR', brackets: [{ from: '0', fixed: '12' }, { from: '100', fixed: '30', variable: '0.15' }] }],
    vatRates: { standard: '20', reduced: '5.5' },
    transportVatCategory: 'standard',
  };

  return {
    ruleCount: rules.length,
    dataFor(request) {
      const ids = new Set(request.lines.flatMap((line) => ('productId' in line ? [line.productId] : [])));
      const documentProducts = new Map<string, ProductView>();
      const documentReferences = new Map<string, CustomerReferenceView>();
      const rulesByProduct = new Map<string, PriceRule[]>();
      for (const id of ids) {
        const product = products.get(id)!;
        documentProducts.set(id, product);
        const reference = references.get(id);
        if (reference) documentReferences.set(id, reference);
        const candidates = [id, ...product.familyPath, 'all'].flatMap((key) => byTarget.get(key) ?? []);
        rulesByProduct.set(id, candidates.filter((r) => customerLists.has(r.listId)));
      }
      return { ...base, products: documentProducts, references: documentReferences, rulesByProduct };
    },
  };
}

function documentOf(size: number, random: () => number): PricingRequest {
  const lines: ProductLine[] = Array.from({ length: size }, (_, i) => ({
    productId: `prd_${Math.floor(random() * PRODUCTS)}`,
    quantity: String(1 + Math.floor(random() * 150)),
    ...(i % 25 === 0 ? { manualDiscounts: ['5'] } : {}),
  }));
  return { date: DATE, currency: 'EUR', deliveryCountry: 'FR', incoterm: 'DAP', lines, documentDiscounts: [{ kind: 'percent', label: 'loyalty', percent: '2' }] };
}

function money(random: () => number, min: number, max: number): string {
  return (min + random() * (max - min)).toFixed(2);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** A small deterministic generator (mulberry32), so that every run prices the same documents. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
