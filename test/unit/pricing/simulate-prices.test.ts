import { describe, expect, it } from 'vitest';
import type { CatalogDeps } from '../../../domain/catalog/access.ts';

import { createReference } from '../../../domain/catalog/use-cases/customer-references.ts';
import { createFamily } from '../../../domain/catalog/use-cases/families.ts';
import { createProduct } from '../../../domain/catalog/use-cases/create-product.ts';
import { createCustomer } from '../../../domain/customers/use-cases/create-customer.ts';
import type { PricingAdminDeps } from '../../../domain/pricing/admin/access.ts';
import { createPriceList } from '../../../domain/pricing/admin/use-cases/price-lists.ts';
import { createVatRate } from '../../../domain/pricing/admin/use-cases/vat-rates.ts';
import type { PricingDataQuery, PricingDataSource } from '../../../domain/pricing/simulation/ports.ts';
import { simulatePrices, type SimulationDeps } from '../../../domain/pricing/simulation/simulate-prices.ts';
import type { Actor } from '../../../domain/shared/actor.ts';
import { NotFoundError } from '../../../domain/shared/errors.ts';
import { createPricingDataSource } from '../../../functions/adapters/pricing-data-source.ts';
import { inMemoryCatalogStore } from '../../support/in-memory-catalog-store.ts';
import { inMemoryPricingConfiguration } from '../../support/in-memory-pricing-configuration.ts';
import { inMemoryPricingStore } from '../../support/in-memory-pricing-store.ts';
import { pricingCatalog } from '../../support/pricing-adapters.ts';
import { admin, alice, bob, customersFixture, manager, shop } from '../../support/customers-fixture.ts';
import { issuesOf } from '../catalog/catalog-fixture.ts';
import { customerVisibility } from '../../../domain/customers/index.ts';

const PIECES = { management: 'pce', sales: 'pce', price: 'pce' };
const TODAY = '2026-11-27';

/**
 * The simulator over the real data source, itself over in-memory stores: the catalogue's, the customers' and a
 * stand-in for the pricing configuration. The data source is spied on, to see what the use case asks of it.
 */
async function setup() {
  const customers = customersFixture();
  const catalog = inMemoryCatalogStore();
  const directory = customerVisibility(customers.store);
  const catalogDeps: CatalogDeps = { store: catalog.store, customers: directory, clock: customers.clock };
  const pricing = inMemoryPricingConfiguration();
  const source = createPricingDataSource(() => ({ catalog: catalog.store, customers: customerVisibility(customers.store), pricing: pricing.source, companyCountry: 'FR' }));
  const asked = { loads: [] as PricingDataQuery[], codes: [] as string[][], customerCodes: [] as string[][] };
  const spy: PricingDataSource = {
    visibleCustomer: (actor, id) => source.visibleCustomer(actor, id),
    productIdsByCode: (codes) => (asked.codes.push([...codes]), source.productIdsByCode(codes)),
    productIdsByCustomerCode: (customerId, codes) => (asked.customerCodes.push([...codes]), source.productIdsByCustomerCode(customerId, codes)),
    load: (query) => (asked.loads.push(query), source.load(query)),
  };
  const deps: SimulationDeps = { data: spy, clock: customers.clock };

  const hardware = await createFamily(catalogDeps, manager, { code: 'HARDWARE', name: 'Hardware' });
  const fasteners = await createFamily(catalogDeps, manager, { code: 'FASTENERS', name: 'Fasteners', parentId: hardware.id });
  const bolt = await createProduct(catalogDeps, manager, {
    code: 'BOLT-M8',
    name: 'Bolt M8',
    familyId: fasteners.id,
    units: PIECES,
    costs: { weightedAverage: { amount: '40.00', currency: 'EUR' } },
  });
  const nut = await createProduct(catalogDeps, manager, { code: 'NUT-M8', name: 'Nut M8', familyId: fasteners.id, units: PIECES });
  const { customer } = await createCustomer(customers.deps, manager, { name: 'Garage Martin', countryCode: 'FR', salesAgentId: alice.id });

  pricing.addList({ id: 'prl_std', name: 'STD', source: 'standard_list', currency: 'EUR' });
  pricing.addRule({ id: 'rul_bolt', listId: 'prl_std', target: { kind: 'product', productId: bolt.id }, action: { kind: 'fixed', price: '100.00' } });
  pricing.addRule({ id: 'rul_nut', listId: 'prl_std', target: { kind: 'product', productId: nut.id }, action: { kind: 'fixed', price: '0.40' } });
  pricing.addList({ id: 'prl_martin', name: 'MARTIN', source: 'customer_list', currency: 'EUR', customerId: customer.id });
  pricing.addRule({ id: 'rul_hw10', listId: 'prl_martin', target: { kind: 'family', familyId: hardware.id }, action: { kind: 'discount', percents: ['10'] } });

  const simulate = (actor: Actor, input: unknown) => simulatePrices(deps, actor, input);
  return { customers, catalog, catalogDeps, pricing, asked, simulate, hardware, fasteners, bolt, nut, customerId: customer.id };
}

const steps = (line: { explanation: { waterfall: readonly { kind: string; value: string; unitPrice: string }[] } }) =>
  line.explanation.waterfall.map((step) => `${step.kind} ${step.value} → ${step.unitPrice}`);

describe('simulatePrices (PRC-9)', () => {
  it('prices the worked example so that a calculator can follow it: 100.00, −10 % → 90.0000, −5 % → 85.5000', async () => {
    const { simulate, customerId, bolt, hardware, fasteners } = await setup();
    const result = await simulate(manager, { customerId, lines: [{ productId: bolt.id, quantity: '3', manualDiscounts: ['5'] }] });

    expect(result).toMatchObject({ customerId, date: TODAY, currency: 'EUR', deliveryCountry: 'FR' });
    const [line] = result.lines;
    expect(steps(line!)).toEqual(['base 100.0000 → 100.0000', 'discount -10.0000 → 90.0000', 'manual_discount -4.5000 → 85.5000']);
    expect(line!.explanation.waterfall.map((step) => step.calculation)).toEqual([
      '100.00 EUR per pce = 100.0000',
      '100.0000 × 0.9 = 90.0000',
      '90.0000 × 0.95 = 85.5000',
    ]);
    expect(line).toMatchObject({
      productId: bolt.id,
      productCode: 'BOLT-M8',
      status: 'priced',
      unitPrice: '85.5000',
      computedUnitPrice: '90.0000',
      manual: { price: false, discount: true },
      amount: '256.50',
      amountCalculation: '85.5000 × 3 pce = 256.50',
      vat: { category: 'standard', rate: '20' },
      margin: { basis: 'weightedAverage', cost: '120.00', amount: '136.50', rate: '53.22' },
    });
    expect(line!.quantities).toMatchObject({ sales: { quantity: '3', unit: 'pce' }, management: { quantity: '3', unit: 'pce' }, price: { quantity: '3', unit: 'pce' } });
    // The family rule reached the bolt through its family's parent: the path is nearest first.
    expect(line!.explanation.candidates.map((c) => `${c.ruleId} ${c.status}:${c.code}`)).toEqual(['rul_hw10 applied:adjustment', 'rul_bolt applied:base_price']);
    expect(line!.explanation.candidates[0]!.target).toContain(hardware.id);
    expect(result.vat.breakdown).toEqual([{ rate: '20', base: '256.50', tax: '51.30', calculation: '256.50 × 20 % = 51.30' }]);
    expect(result.totals).toMatchObject({ lines: '256.50', goods: '256.50', net: '256.50', tax: '51.30', gross: '307.80', margin: '136.50' });
    expect(result.vat.fiscalPosition.kind).toBe('domestic');
    expect(fasteners.ancestorIds).toEqual([hardware.id]);
  });

  it('without a customer, prices for the standard lists only, today, in EUR', async () => {
    const { simulate, bolt, asked } = await setup();
    const result = await simulate(shop, { lines: [{ productId: bolt.id, quantity: '1' }] });
    expect(result.customerId).toBeUndefined();
    expect(result).toMatchObject({ date: TODAY, currency: 'EUR' });
    expect(result.lines[0]!.unitPrice).toBe('100.0000');
    expect(result.lines[0]!.explanation.candidates.map((c) => c.ruleId)).toEqual(['rul_bolt']);
    expect(asked.loads[0]).toMatchObject({ productIds: [bolt.id], date: TODAY, currency: 'EUR' });
    expect(asked.loads[0]!.customer).toBeUndefined();
  });

  it('takes the date and currency it is given, converting a list in another currency at the rate of that date', async () => {
    const { simulate, pricing, bolt } = await setup();
    pricing.addExchangeRate({ from: 'EUR', to: 'CHF', rate: '0.95', validFrom: '2026-01-01' });
    pricing.addExchangeRate({ from: 'EUR', to: 'CHF', rate: '0.93', validFrom: '2026-06-01' });
    const result = await simulate(admin, { date: '2026-03-01', currency: 'CHF', lines: [{ productId: bolt.id, quantity: '2' }] });
    expect(result).toMatchObject({ date: '2026-03-01', currency: 'CHF' });
    expect(result.lines[0]!.unitPrice).toBe('95.0000');
    expect(result.lines[0]!.explanation.waterfall[0]!.calculation).toContain('0.95 CHF per EUR (rate of 2026-01-01)');
  });

  it("defaults to the customer's currency", async () => {
    const { simulate, customers, pricing, bolt } = await setup();
    const { customer } = await createCustomer(customers.deps, manager, { name: 'Uhren AG', countryCode: 'CH', currency: 'CHF' });
    pricing.addExchangeRate({ from: 'CHF', to: 'EUR', rate: '1.0752', validFrom: '2026-01-01' });
    const result = await simulate(manager, { customerId: customer.id, lines: [{ productId: bolt.id, quantity: '1' }] });
    expect(result.currency).toBe('CHF');
    // Quoted the other way round (CHF → EUR): the engine inverts it.
    expect(result.lines[0]!.explanation.waterfall[0]!.calculation).toContain('1 / 1.0752 CHF per EUR');
    expect(result.vat.fiscalPosition.kind).toBe('export');
  });

  it('names products by code (any case) and by the customer\'s own code, each code looked up once, and says which id they resolved to', async () => {
    const { simulate, catalogDeps, customerId, bolt, nut, asked } = await setup();
    await createReference(catalogDeps, manager, customerId, {
      productId: nut.id,
      customerCode: 'MART-NUT',
      salesUnit: 'dozen',
      prices: [{ validFrom: '2026-01-01', unitPrice: '0.35', currency: 'EUR' }],
    });
    const result = await simulate(alice, {
      customerId,
      lines: [
        { productCode: 'bolt-m8', quantity: '1' },
        { customerProductCode: 'mart-nut', quantity: '2', lineId: 'edi-2' },
        { productCode: 'bolt-m8', quantity: '4' },
      ],
    });
    expect(asked.codes).toEqual([['bolt-m8']]);
    expect(asked.customerCodes).toEqual([['mart-nut']]);
    expect(asked.loads[0]!.productIds).toEqual([bolt.id, nut.id]);
    expect(result.lines.map((line) => line.productId)).toEqual([bolt.id, nut.id, bolt.id]);
    const nutLine = result.lines[1]!;
    expect(nutLine).toMatchObject({ lineId: 'edi-2', customerProductCode: 'mart-nut', productCode: 'NUT-M8', unitPrice: '0.3500', amount: '8.40' });
    // Sold by the dozen to this customer (its reference's unit), priced per piece.
    expect(nutLine.quantities).toMatchObject({ requested: { quantity: '2', unit: 'dozen' }, sales: { quantity: '2.00', unit: 'dozen' }, management: { quantity: '24', unit: 'pce' }, price: { quantity: '24', unit: 'pce' } });
    expect(nutLine.explanation.candidates.map((c) => `${c.ruleId} ${c.status}:${c.code}`)).toEqual([
      expect.stringMatching(/^ref_[0-9A-Z]{26}\/prices\/0 applied:base_price$/),
      'rul_hw10 skipped:superseded',
      'rul_nut skipped:superseded',
    ]);
    expect(result.lines[0]!.customerProductCode).toBeUndefined();
  });

  it('reports every unknown code with its line, and a customer code without a customer', async () => {
    const { simulate, customerId, bolt } = await setup();
    expect(
      await issuesOf(
        simulate(manager, {
          customerId,
          lines: [{ productId: bolt.id, quantity: '1' }, { productCode: 'NOPE', quantity: '1' }, { customerProductCode: 'THEIRS', quantity: '1' }],
        }),
      ),
    ).toEqual([
      { pointer: '/lines/1/productCode', message: 'NOPE is not the code of a product' },
      { pointer: '/lines/2/customerProductCode', message: `THEIRS is not a code of customer ${customerId} (none of its references has it)` },
    ]);
    expect(await issuesOf(simulate(manager, { lines: [{ customerProductCode: 'THEIRS', quantity: '1' }] }))).toEqual([
      { pointer: '/lines/0/customerProductCode', message: "is a customer's own code: give the customerId it belongs to" },
    ]);
    expect(await issuesOf(simulate(manager, { lines: [{ productId: 'prd_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A', quantity: '1' }] }))).toEqual([
      { pointer: '/lines/0/productId', message: 'prd_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A is not a known product' },
    ]);
  });

  it('names each field at fault', async () => {
    const { simulate, bolt } = await setup();
    expect(await issuesOf(simulate(manager, {}))).toEqual([{ pointer: '/lines', message: 'is required' }]);
    expect(await issuesOf(simulate(manager, { lines: [] }))).toEqual([{ pointer: '/lines', message: 'must have at least one line' }]);
    expect(
      await issuesOf(
        simulate(manager, {
          date: '2026-02-30',
          currency: 'EURO',
          incoterm: 'XYZ',
          lines: [
            { productId: bolt.id, productCode: 'BOLT-M8', quantity: '1' },
            { quantity: 1 },
            { description: 'Setup', quantity: '1' },
            { productId: bolt.id, quantity: '1', vatCategory: 'reduced', colour: 'red' },
          ],
          documentDiscounts: [{ kind: 'percent', label: 'Loyalty', amount: '5' }],
        }),
      ),
    ).toEqual([
      { pointer: '/date', message: 'must be a date such as "2026-12-31"' },
      { pointer: '/currency', message: 'must be an ISO 4217 currency code such as "EUR"' },
      { pointer: '/incoterm', message: expect.stringContaining('EXW') },
      { pointer: '/lines/0/productCode', message: 'cannot be given with productId: name the product one way' },
      { pointer: '/lines/1/quantity', message: 'must be a string' },
      { pointer: '/lines/2/manualUnitPrice', message: 'is required on a free-text line: no rule prices it' },
      { pointer: '/lines/2/vatCategory', message: 'is required on a free-text line: it has no product to take it from' },
      { pointer: '/lines/3/colour', message: 'is not a known field' },
      { pointer: '/lines/3/vatCategory', message: 'comes from the product: only a free-text line gives its VAT category' },
      { pointer: '/documentDiscounts/0/percent', message: 'is required for a discount of kind percent' },
      { pointer: '/documentDiscounts/0/amount', message: 'does not go with a discount of kind percent' },
    ]);
    expect(await issuesOf(simulate(manager, { lines: [{ quantity: '1' }] }))).toEqual([
      { pointer: '/lines/0', message: 'must name a product (productId, productCode or customerProductCode) or be a free-text line (description, manualUnitPrice, vatCategory)' },
    ]);
    expect(await issuesOf(simulate(manager, { lines: [{ productId: bolt.id, quantity: '1', vatCategory: 'reduced' }] }))).toEqual([
      { pointer: '/lines/0/vatCategory', message: 'comes from the product: only a free-text line gives its VAT category' },
    ]);
    expect(await issuesOf(simulate(manager, { lines: [{ productId: bolt.id, quantity: '1', unit: 'kg' }] }))).toEqual([
      { pointer: '/lines/0/unit', message: "kg (mass) is not related to this product's units: count (pce)" },
    ]);
    expect(await issuesOf(simulate(manager, { lines: [{ productId: bolt.id, quantity: '1', manualDiscounts: ['5', '101', 'x', '-1'] }, { productId: bolt.id, quantity: '1', manualDiscounts: ['1', '1', '1', '1', '1', '1'] }] }))).toEqual([
      { pointer: '/lines/0/manualDiscounts/1', message: 'must be between 0 and 100' },
      { pointer: '/lines/0/manualDiscounts/2', message: 'must be a decimal number written as a string, such as "12.50"' },
      { pointer: '/lines/0/manualDiscounts/3', message: 'must be between 0 and 100' },
      { pointer: '/lines/1/manualDiscounts', message: 'must have at most 5 discounts' },
    ]);
    expect(await issuesOf(simulate(manager, { lines: [{ productId: bolt.id, quantity: '1', manualDiscount: '5' }] }))).toEqual([{ pointer: '/lines/0/manualDiscount', message: 'is not a known field' }]);
  });

  it('prices a free-text line at its own price and VAT category, and spreads document discounts', async () => {
    const { simulate, bolt } = await setup();
    const result = await simulate(manager, {
      lines: [
        { productId: bolt.id, quantity: '1' },
        { description: 'Delivery on site', quantity: '2', unit: 'h', manualUnitPrice: '45', vatCategory: 'reduced' },
      ],
      documentDiscounts: [{ kind: 'amount', label: 'Goodwill', amount: '19.00' }],
    });
    expect(result.lines[1]).toMatchObject({ description: 'Delivery on site', unitPrice: '45.0000', amount: '90.00', manual: { price: true, discount: false }, vat: { category: 'reduced', rate: '5.5' } });
    expect(result.totals).toMatchObject({ lines: '190.00', documentDiscounts: '19.00', goods: '171.00' });
    expect(result.lines.map((line) => line.documentDiscountShare)).toEqual(['10.00', '9.00']);
    expect(result.vat.breakdown.map((entry) => `${entry.rate}: ${entry.base} → ${entry.tax}`)).toEqual(['20: 90.00 → 18.00', '5.5: 81.00 → 4.46']);
  });

  it("applies the customer's Incoterm and free-shipping threshold, and its VAT number abroad", async () => {
    const { simulate, customers, pricing, bolt } = await setup();
    const { customer } = await createCustomer(customers.deps, manager, {
      name: 'Schrauben GmbH',
      countryCode: 'DE',
      vatNumber: 'DE129273398',
      transport: { incoterm: 'DAP', freeShippingThreshold: { amount: '500.00', currency: 'EUR' } },
    });
    pricing.addTransportRule({ id: 'trr_dap_de', name: 'DAP Germany', incoterm: 'DAP', countries: ['DE'], basis: 'amount', currency: 'EUR', brackets: [{ from: '0', fixed: '25' }] });
    const small = await simulate(manager, { customerId: customer.id, lines: [{ productId: bolt.id, quantity: '1' }] });
    expect(small).toMatchObject({ incoterm: 'DAP', deliveryCountry: 'DE', transport: { status: 'charged', amount: '25.00', ruleId: 'trr_dap_de' } });
    expect(small.vat.fiscalPosition.kind).toBe('intra_eu_reverse_charge');
    expect(small.totals).toMatchObject({ net: '125.00', tax: '0.00', gross: '125.00' });

    const large = await simulate(manager, { customerId: customer.id, lines: [{ productId: bolt.id, quantity: '5' }] });
    expect(large.transport).toMatchObject({ status: 'waived', amount: '0.00' });
    const exw = await simulate(manager, { customerId: customer.id, incoterm: 'EXW', deliveryCountry: 'FR', lines: [{ productId: bolt.id, quantity: '1' }] });
    expect(exw).toMatchObject({ incoterm: 'EXW', deliveryCountry: 'FR', transport: { status: 'none' } });
    expect(exw.vat.fiscalPosition.kind).toBe('domestic');
  });

  it('asks for a delivery country when the customer has none', async () => {
    const { simulate, customers, bolt } = await setup();
    const { customer } = await createCustomer(customers.deps, manager, { name: 'Nowhere Ltd' });
    expect(await issuesOf(simulate(manager, { customerId: customer.id, lines: [{ productId: bolt.id, quantity: '1' }] }))).toEqual([
      { pointer: '/deliveryCountry', message: `is required: customer ${customer.id} has no country, so the delivery country decides VAT and transport` },
    ]);
    const priced = await simulate(manager, { customerId: customer.id, deliveryCountry: 'BE', lines: [{ productId: bolt.id, quantity: '1' }] });
    expect(priced.deliveryCountry).toBe('BE');
  });

  it('lets every role simulate, an agent only for their own customers (others are 404, as for reads)', async () => {
    const { simulate, customerId, bolt } = await setup();
    const input = { customerId, lines: [{ productId: bolt.id, quantity: '1' }] };
    for (const actor of [admin, manager, alice, shop]) expect((await simulate(actor, input)).lines[0]!.unitPrice).toBe('90.0000');
    await expect(simulate(bob, input)).rejects.toThrow(NotFoundError);
    await expect(simulate(bob, input)).rejects.toThrow(`Customer ${customerId} was not found`);
    expect((await simulate(bob, { lines: [{ productId: bolt.id, quantity: '1' }] })).lines[0]!.unitPrice).toBe('100.0000');
  });

  it('loads the data once for the distinct products, with every family of their paths', async () => {
    const { simulate, pricing, customerId, bolt, nut, hardware, fasteners } = await setup();
    await simulate(manager, {
      customerId,
      lines: [...Array.from({ length: 20 }, (_, i) => ({ productId: i % 2 ? bolt.id : nut.id, quantity: '1' })), { description: 'Note', quantity: '1', manualUnitPrice: '0', vatCategory: 'zero' }],
    });
    const rulesReads = pricing.reads.filter((read) => read.method === 'rulesFor');
    expect(rulesReads).toHaveLength(1);
    expect(rulesReads[0]!.args[0]).toEqual({ productIds: [nut.id, bolt.id], familyIds: [fasteners.id, hardware.id], customerId, date: TODAY });
    expect(pricing.reads.map((read) => read.method).sort()).toEqual(['rulesFor', 'structure', 'transportRules', 'vatRates']);
  });

  it("reads the pricing administration's own store: lists and rules created through its use cases price the document", async () => {
    const { customers, catalog, catalogDeps, customerId, hardware } = await setup();
    const store = inMemoryPricingStore();
    const adminDeps: PricingAdminDeps = { store: store.store, customers: customerVisibility(customers.store), catalog: pricingCatalog(catalog.store), clock: customers.clock };
    const source = createPricingDataSource(() => ({ catalog: catalog.store, customers: customerVisibility(customers.store), pricing: store.store, companyCountry: 'FR' }));
    const screw = await createProduct(catalogDeps, manager, { code: 'SCREW', name: 'Screw', familyId: hardware.id, units: PIECES });
    await createVatRate(adminDeps, manager, { countryCode: 'FR', category: 'standard', rate: '20', validFrom: '2014-01-01' });
    await createPriceList(adminDeps, manager, {
      source: 'standard_list',
      name: 'Standard',
      currency: 'EUR',
      rules: [{ target: { kind: 'product', productId: screw.id }, action: { kind: 'fixed', price: '100.00' } }],
    });
    await createPriceList(adminDeps, manager, {
      source: 'customer_list',
      name: 'Martin',
      currency: 'EUR',
      customerId,
      rules: [{ target: { kind: 'family', familyId: hardware.id }, action: { kind: 'discount', percents: ['10'] } }],
    });
    const result = await simulatePrices({ data: source, clock: customers.clock }, manager, { customerId, lines: [{ productId: screw.id, quantity: '2', manualDiscounts: ['5'] }] });
    expect(steps(result.lines[0]!)).toEqual(['base 100.0000 → 100.0000', 'discount -10.0000 → 90.0000', 'manual_discount -4.5000 → 85.5000']);
    expect(result.totals).toMatchObject({ lines: '171.00', tax: '34.20', gross: '205.20' });
    expect(store.lookups.sort()).toEqual(['ALL', `FAMILY#${hardware.id}`, `PRODUCT#${screw.id}`]);
  });
});
