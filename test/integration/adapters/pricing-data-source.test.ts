import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogDeps } from '../../../domain/catalog/access.ts';
import type { Family } from '../../../domain/catalog/family.ts';
import type { Product } from '../../../domain/catalog/product.ts';
import { createProduct } from '../../../domain/catalog/use-cases/create-product.ts';
import { createReference } from '../../../domain/catalog/use-cases/customer-references.ts';
import { createFamily } from '../../../domain/catalog/use-cases/families.ts';
import type { CustomersDeps } from '../../../domain/customers/access.ts';
import { createCustomer } from '../../../domain/customers/use-cases/create-customer.ts';
import { simulatePrices } from '../../../domain/pricing/simulation/simulate-prices.ts';
import { newId } from '../../../domain/shared/ids.ts';
import { createCatalogStore } from '../../../functions/adapters/dynamodb/catalog-store.ts';
import { createCustomerStore } from '../../../functions/adapters/dynamodb/customer-store.ts';
import { createPricingDataSource } from '../../../functions/adapters/pricing-data-source.ts';
import { recordDynamoDbCalls, summarizeCalls, type RecordedCall } from '../../bench/dynamodb-recorder.ts';
import { fixedClock, manager } from '../../support/customers-fixture.ts';
import { inMemoryPricingConfiguration } from '../../support/in-memory-pricing-configuration.ts';
import { testTable } from '../../support/table.ts';

/**
 * The simulator's data source over DynamoDB Local: the catalogue and the customers as stored, the pricing
 * configuration through its port. What matters is how the requests grow: with the distinct products (and their
 * families), never with the lines nor the rules.
 */

const table = testTable();
const catalog = createCatalogStore(table);
const clock = fixedClock();
const customers: CustomersDeps = { store: createCustomerStore(table), clock };
const catalogDeps: CatalogDeps = { store: catalog, clock, customers: { visibleCustomer: async (_actor, id) => ({ id, currency: 'EUR' }) } };
const pricing = inMemoryPricingConfiguration();
const source = createPricingDataSource(() => ({ catalog, customers, pricing: pricing.source, companyCountry: 'FR' }));
const deps = { data: source, clock };

const PIECES = { management: 'pce', sales: 'pce', price: 'pce' };
const RULES_PER_PRODUCT = 4;
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
  products = [];
  for (let i = 0; i < 50; i++) {
    products.push(
      await createProduct(catalogDeps, manager, {
        code: `${run}-P${String(i).padStart(2, '0')}`,
        name: `Product ${i}`,
        units: PIECES,
        familyId: leaves[i % leaves.length]!.id,
        costs: { weightedAverage: { amount: '4.00', currency: 'EUR' } },
      }),
    );
  }
  ({
    customer: { id: customerId },
  } = await createCustomer(customers, manager, { name: `Client ${run}`, countryCode: 'FR' }));
  // Every fifth product has the customer's reference, with its price.
  for (const product of products.filter((_, i) => i % 5 === 0)) {
    await createReference(catalogDeps, manager, customerId, {
      productId: product.id,
      customerCode: `C-${product.code}`,
      prices: [{ validFrom: '2026-01-01', unitPrice: '9.50', currency: 'EUR' }],
    });
    referenced.add(product.id);
  }
  pricing.addList({ id: 'prl_std', name: 'STD', source: 'standard_list', currency: 'EUR' });
  pricing.addList({ id: 'prl_client', name: 'CLIENT', source: 'customer_list', currency: 'EUR', customerId });
  for (const product of products) {
    for (let r = 0; r < RULES_PER_PRODUCT; r++) {
      pricing.addRule({ id: `rul_${product.id}_${r}`, listId: 'prl_std', target: { kind: 'product', productId: product.id }, minQuantity: String(r * 10), action: { kind: 'fixed', price: `${12 - r}.00` } });
    }
  }
  for (const leaf of leaves) pricing.addRule({ id: `rul_${leaf.id}`, listId: 'prl_client', target: { kind: 'family', familyId: leaf.id }, action: { kind: 'discount', percent: '5' } });
});

/** The DynamoDB calls of one simulation (the catalogue's and the customers'), and the pricing configuration's reads. */
async function measure(distinct: number, linesPerProduct: number) {
  const lines = Array.from({ length: distinct * linesPerProduct }, (_, i) => ({ productId: products[i % distinct]!.id, quantity: String(1 + (i % 7) * 10) }));
  const recorder = recordDynamoDbCalls(table.client);
  pricing.reads.length = 0;
  try {
    const result = await simulatePrices(deps, manager, { customerId, date: '2026-11-27', lines });
    return { result, calls: [...recorder.calls()], reads: [...pricing.reads] };
  } finally {
    recorder.detach();
  }
}

const count = (calls: readonly RecordedCall[], action: string) => calls.filter((call) => call.action === action).length;

describe('the pricing data source over DynamoDB', () => {
  it.each([1, 10, 50])('a document of %i distinct products: requests grow with the products, not with the lines or the rules', async (distinct) => {
    const once = await measure(distinct, 1);
    const thrice = await measure(distinct, 3);
    const withReference = products.slice(0, distinct).filter((product) => referenced.has(product.id)).length;
    const leafIds = new Set(products.slice(0, distinct).map((product) => product.familyId!));
    const families = new Set([...leafIds, ...leaves.filter((leaf) => leafIds.has(leaf.id)).map((leaf) => leaf.parentId!)]);

    // The customer; the products, their families (one BatchGetItem each, 100 keys a request); the reference of each
    // product (a marker, then the reference when there is one).
    const expected = { GetItem: 1 + distinct + withReference, BatchGetItem: 2 };
    for (const { calls } of [once, thrice]) {
      expect({ GetItem: count(calls, 'GetItem'), BatchGetItem: count(calls, 'BatchGetItem') }, summarizeCalls(calls)).toEqual(expected);
      expect(calls).toHaveLength(expected.GetItem + expected.BatchGetItem);
    }
    // One look-up of the rules, for the distinct products and every family on their paths (leaf and parent).
    const rulesFor = thrice.reads.filter((read) => read.method === 'rulesFor');
    expect(rulesFor).toHaveLength(1);
    const query = rulesFor[0]!.args[0] as { productIds: string[]; familyIds: string[] };
    expect(query.productIds).toHaveLength(distinct);
    expect(new Set(query.familyIds)).toEqual(families);
    expect(thrice.result.lines).toHaveLength(distinct * 3);
    expect(thrice.result.lines.every((line) => line.status === 'priced')).toBe(true);
    console.info(`pricing data for ${distinct} distinct products (${distinct} and ${distinct * 3} lines, ${distinct * RULES_PER_PRODUCT} rules): ${summarizeCalls(thrice.calls)}; rulesFor over ${query.productIds.length} products and ${query.familyIds.length} families`);
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
      // Two codes as written (each a marker and the product), one customer code (a marker and the reference).
      expect(count(recorder.calls(), 'GetItem')).toBe(1 + 2 * 2 + 2 + (2 + 1));
    } finally {
      recorder.detach();
    }
  });
});
