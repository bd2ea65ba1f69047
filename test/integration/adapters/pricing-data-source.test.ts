import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogDeps } from '../../../domain/catalog/access.ts';
import type { Family } from '../../../domain/catalog/family.ts';
import type { Product } from '../../../domain/catalog/product.ts';
import { createProduct } from '../../../domain/catalog/use-cases/create-product.ts';
import { createReference } from '../../../domain/catalog/use-cases/customer-references.ts';
import { createFamily } from '../../../domain/catalog/use-cases/families.ts';
import type { CustomersDeps } from '../../../domain/customers/access.ts';
import { createCustomer } from '../../../domain/customers/use-cases/create-customer.ts';
import type { PricingAdminDeps } from '../../../domain/pricing/admin/access.ts';
import { createPriceList } from '../../../domain/pricing/admin/use-cases/price-lists.ts';
import { createPriceRule } from '../../../domain/pricing/admin/use-cases/price-rules.ts';
import { createVatRate } from '../../../domain/pricing/admin/use-cases/vat-rates.ts';
import { simulatePrices } from '../../../domain/pricing/simulation/simulate-prices.ts';
import { newId } from '../../../domain/shared/ids.ts';
import { createCatalogStore } from '../../../functions/adapters/dynamodb/catalog-store.ts';
import { createCustomerStore } from '../../../functions/adapters/dynamodb/customer-store.ts';
import { createPricingStore } from '../../../functions/adapters/dynamodb/pricing-store.ts';
import { createPricingDataSource } from '../../../functions/adapters/pricing-data-source.ts';
import { partitionsOf, recordDynamoDbCalls, summarizeCalls, type RecordedCall } from '../../bench/dynamodb-recorder.ts';
import { fixedClock, manager } from '../../support/customers-fixture.ts';
import { pricingCatalog } from '../../support/pricing-adapters.ts';
import { inPool } from '../../support/pool.ts';
import { testTable } from '../../support/table.ts';
import { customerVisibility } from '../../../domain/customers/index.ts';

/**
 * The simulator's data source over DynamoDB Local: the catalogue, the customers and the pricing configuration as
 * stored, seeded through their own use cases. What matters is how the requests grow: with the distinct products (and
 * their families), never with the lines nor the rules.
 */

const table = await testTable();
const catalog = createCatalogStore(table);
const clock = fixedClock();
const customers: CustomersDeps = { store: createCustomerStore(table), clock };
const catalogDeps: CatalogDeps = { store: catalog, clock, customers: customerVisibility(customers.store) };
const pricing = createPricingStore(table);
const admin: PricingAdminDeps = { store: pricing, customers: customerVisibility(customers.store), catalog: pricingCatalog(catalog), clock };
const source = createPricingDataSource(() => ({ catalog, customers: customerVisibility(customers.store), pricing, companyCountry: 'FR' }));
const deps = { data: source, clock };

const PIECES = { management: 'pce', sales: 'pce', price: 'pce' };
const RULES_PER_PRODUCT = 3;
/** Writes in flight while seeding: the seed is most of this file's time when written one by one. */
const SEEDING_CONCURRENCY = 8;
const run = newId('event').slice(-10);

let customerId: string;
let products: Product[];
let leaves: Family[];
const referenced = new Set<string>();

beforeAll(async () => {
  const family = (code: string, parentId?: string) => createFamily(catalogDeps, manager, { code: `${run}-${code}`, name: code, ...(parentId ? { parentId } : {}) });
  const tools = await family('TOOLS');
  const fasteners = await family('FASTENERS');
  leaves = [await family('HAMMERS', tools.id), await family('SAWS', tools.id), await family('BOLTS', fasteners.id), await family('NUTS', fasteners.id)];
  products = await inPool(Array.from({ length: 50 }, (_, i) => i), SEEDING_CONCURRENCY, (i) =>
    createProduct(catalogDeps, manager, {
      code: `${run}-P${String(i).padStart(2, '0')}`,
      name: `Product ${i}`,
      units: PIECES,
      familyId: leaves[i % leaves.length]!.id,
      costs: { weightedAverage: { amount: '4.00', currency: 'EUR' } },
    }),
  );
  ({
    customer: { id: customerId },
  } = await createCustomer(customers, manager, { name: `Client ${run}`, countryCode: 'FR' }));
  // Every fifth product has the customer's reference, with its price.
  await inPool(products.filter((_, i) => i % 5 === 0), SEEDING_CONCURRENCY, async (product) => {
    await createReference(catalogDeps, manager, customerId, {
      productId: product.id,
      customerCode: `C-${product.code}`,
      prices: [{ validFrom: '2026-01-01', unitPrice: '9.50', currency: 'EUR' }],
    });
    referenced.add(product.id);
  });
  await createVatRate(admin, manager, { countryCode: 'FR', category: 'standard', rate: '20', validFrom: '2014-01-01' }).catch((error: { code?: string }) => {
    if (error.code !== 'vat_rate_exists') throw error;
  });
  const { list: standard } = await createPriceList(admin, manager, { source: 'standard_list', name: `Standard ${run}`, currency: 'EUR' });
  // Products side by side, each product's rules in turn: they share its look-up item.
  await inPool(products, SEEDING_CONCURRENCY, async (product) => {
    for (let r = 0; r < RULES_PER_PRODUCT; r++) {
      await createPriceRule(admin, manager, standard.id, { target: { kind: 'product', productId: product.id }, minQuantity: String(r * 10), action: { kind: 'fixed', price: `${12 - r}.00` } });
    }
  });
  await createPriceList(admin, manager, {
    source: 'customer_list',
    name: `Client ${run}`,
    currency: 'EUR',
    customerId,
    rules: leaves.map((leaf) => ({ target: { kind: 'family' as const, familyId: leaf.id }, action: { kind: 'discount' as const, percents: ['5'] } })),
  });
});

/** The DynamoDB calls of one simulation. */
async function measure(distinct: number, linesPerProduct: number) {
  const lines = Array.from({ length: distinct * linesPerProduct }, (_, i) => ({ productId: products[i % distinct]!.id, quantity: String(1 + (i % 7) * 10) }));
  const recorder = recordDynamoDbCalls(table.client);
  try {
    const result = await simulatePrices(deps, manager, { customerId, date: '2026-11-27', lines });
    return { result, calls: [...recorder.calls()] };
  } finally {
    recorder.detach();
  }
}

const count = (calls: readonly RecordedCall[], action: string) => calls.filter((call) => call.action === action).length;
/** The Queries on a partition (or index partition) starting with `prefix`. */
const queries = (calls: readonly RecordedCall[], prefix: string) => calls.filter((call) => call.action === 'Query' && partitionsOf(call)[0]!.startsWith(prefix)).length;
/** The BatchGetItems of keys whose partitions all start with `prefix`. */
const batches = (calls: readonly RecordedCall[], prefix: string) =>
  calls.filter((call) => call.action === 'BatchGetItem' && partitionsOf(call).every((partition) => partition.startsWith(prefix))).length;
const perHundred = (keys: number) => Math.ceil(keys / 100);

describe('the pricing data source over DynamoDB', () => {
  it.each([1, 10, 50])('a document of %i distinct products: requests grow with the products and families over the batch size, not with the lines or the rules', async (distinct) => {
    const once = await measure(distinct, 1);
    const thrice = await measure(distinct, 3);
    const leafIds = new Set(products.slice(0, distinct).map((product) => product.familyId!));
    const families = new Set([...leafIds, ...leaves.filter((leaf) => leafIds.has(leaf.id)).map((leaf) => leaf.parentId!)]).size;
    const targets = distinct + families + 1;

    const breakdown = (calls: readonly RecordedCall[]) => ({
      // The customer, the pricing structure.
      GetItem: count(calls, 'GetItem'),
      // 100 keys a request: the products, their own families, the customer's references (their product markers hold them).
      products: batches(calls, 'PRODUCT#'),
      families: batches(calls, 'FAMILY#'),
      references: batches(calls, 'REFERENCE_PRODUCT#'),
      // The rules: the standard and group look-ups and the customer's own, of every product, family and everything; then their lists.
      sharedRules: batches(calls, 'PRICE_LOOKUP#') - batches(calls, 'PRICE_LOOKUP#CUSTOMER#'),
      customerRules: batches(calls, 'PRICE_LOOKUP#CUSTOMER#') + queries(calls, 'PRICE_LOOKUP#CUSTOMER#'),
      lists: batches(calls, 'PRICELIST#'),
      vatRates: queries(calls, 'VAT_RATE#'),
      transportRules: queries(calls, 'TRANSPORT#'),
      // The custom units of measure, whole: one Query.
      customUnits: queries(calls, 'UNITS'),
      total: calls.length,
    });
    const expected = {
      GetItem: 2,
      products: perHundred(distinct),
      families: perHundred(leafIds.size),
      references: perHundred(distinct),
      sharedRules: perHundred(targets),
      customerRules: perHundred(targets),
      lists: 1,
      vatRates: 1,
      transportRules: 2,
      customUnits: 1,
      total: 2 + 2 * perHundred(distinct) + perHundred(leafIds.size) + 2 * perHundred(targets) + 1 + 1 + 2 + 1,
    };
    expect(breakdown(once.calls), summarizeCalls(once.calls)).toEqual(expected);
    expect(breakdown(thrice.calls), summarizeCalls(thrice.calls)).toEqual(expected);
    expect(thrice.result.lines).toHaveLength(distinct * 3);
    expect(thrice.result.lines.every((line) => line.status === 'priced')).toBe(true);
    console.info(
      `pricing data for ${distinct} distinct products (${distinct} and ${distinct * 3} lines, ${distinct * RULES_PER_PRODUCT} product rules, ${families} families): ` +
        `${expected.total} requests — ${summarizeCalls(thrice.calls)}`,
    );
  });

  it('prices a product by its reference for the customer, and the others by the lists: quantity break, family discount', async () => {
    const { result } = await measure(2, 1);
    const [referencedLine, listedLine] = result.lines;
    expect(referencedLine).toMatchObject({ productId: products[0]!.id, unitPrice: '9.5000' });
    expect(referencedLine!.explanation.candidates[0]).toMatchObject({ source: 'customer_reference', status: 'applied', code: 'base_price' });
    // 11 pieces reach the quantity break of 10 (11.00), not the one of 20; then the customer's 5 % on the family.
    expect(listedLine!.quantities.sales.quantity).toBe('11');
    expect(listedLine!.explanation.waterfall.map((step) => `${step.kind} ${step.unitPrice}`)).toEqual(['base 11.0000', 'discount 10.4500']);
  });

  it('resolves product codes and customer codes with one look-up each, whatever the lines', async () => {
    const recorder = recordDynamoDbCalls(table.client);
    try {
      const [first, second] = products;
      const result = await simulatePrices(deps, manager, {
        customerId,
        date: '2026-11-27',
        lines: [
          { productCode: first!.code.toLowerCase(), quantity: '1' },
          { productCode: first!.code, quantity: '2' },
          { customerProductCode: `c-${first!.code}`, quantity: '3' },
          { productId: second!.id, quantity: '1' },
        ],
      });
      expect(result.lines.map((line) => line.productId)).toEqual([first!.id, first!.id, first!.id, second!.id]);
      // The customer; two codes as written (each a marker and the product), one customer code (a marker and the
      // reference); the pricing structure. The references of the two products come in one batch read.
      expect(count(recorder.calls(), 'GetItem')).toBe(1 + 2 * 2 + 2 + 1);
    } finally {
      recorder.detach();
    }
  });
});
