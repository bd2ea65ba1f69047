import { describe, expect, it } from 'vitest';
import { unitLookup } from '../../../domain/catalog/units.ts';
import { priceDocument } from '../../../domain/pricing/engine.ts';
import type { PricingData, ProductView } from '../../../domain/pricing/model.ts';
import { rulesByProduct } from '../../../domain/pricing/admin/records.ts';
import { createPriceList, updatePriceList } from '../../../domain/pricing/admin/use-cases/price-lists.ts';
import { createPriceRule } from '../../../domain/pricing/admin/use-cases/price-rules.ts';
import { getPricingStructure } from '../../../domain/pricing/admin/use-cases/pricing-structure.ts';
import { manager, pricingFixture } from './pricing-admin-fixture.ts';

const DATE = '2026-03-15';

async function setup() {
  const fixture = pricingFixture();
  const hardware = await fixture.family('HARDWARE');
  const fasteners = await fixture.family('FASTENERS', hardware.id);
  const bolt = await fixture.product('BOLT-M8', { familyId: fasteners.id });
  const nut = await fixture.product('NUT-M8', { familyId: fasteners.id });
  const customerId = await fixture.customer('Garage Martin', undefined, 'garages');
  const otherCustomer = await fixture.customer('Garage Durand');
  const list = async (input: Record<string, unknown>) => (await createPriceList(fixture.deps, manager, { currency: 'EUR', ...input })).list;
  const rule = (listId: string, target: Record<string, unknown>, action: Record<string, unknown>, rest: Record<string, unknown> = {}) =>
    createPriceRule(fixture.deps, manager, listId, { target, action, ...rest });
  return { ...fixture, hardware, fasteners, bolt, nut, customerId, otherCustomer, list, rule };
}

describe('the rules that can apply to a document (rulesFor)', () => {
  it("keeps the active lists of the document's audiences and their open rules on its products, families and everything", async () => {
    const { deps, lookups, hardware, fasteners, bolt, nut, customerId, otherCustomer, list, rule } = await setup();
    const standard = await list({ source: 'standard_list', name: 'Standard' });
    const group = await list({ source: 'group_list', name: 'Garages', priceGroup: 'GARAGES' });
    const otherGroup = await list({ source: 'group_list', name: 'Retail', priceGroup: 'retail' });
    const own = await list({ source: 'customer_list', name: 'Martin', customerId });
    const offer = await list({ source: 'offer', name: 'Spring', customerId, validFrom: '2026-03-01', validTo: '2026-04-30' });
    const others = await list({ source: 'customer_list', name: 'Durand', customerId: otherCustomer });
    const inactive = await list({ source: 'standard_list', name: 'Old' });
    await updatePriceList(deps, manager, inactive.id, 1, { active: false });
    const over = await list({ source: 'standard_list', name: '2025', validTo: '2025-12-31' });

    const kept = [
      await rule(standard.id, { kind: 'product', productId: bolt.id }, { kind: 'fixed', price: '100' }),
      await rule(standard.id, { kind: 'family', familyId: hardware.id }, { kind: 'discount', percents: ['2'] }),
      await rule(group.id, { kind: 'family', familyId: fasteners.id }, { kind: 'discount', percents: ['5'] }),
      await rule(own.id, { kind: 'all' }, { kind: 'discount', percents: ['10'] }),
      await rule(offer.id, { kind: 'product', productId: nut.id }, { kind: 'net', price: '0.30' }),
      // Not yet valid: kept, so that the explanation can say so.
      await rule(standard.id, { kind: 'product', productId: bolt.id }, { kind: 'fixed', price: '110' }, { validFrom: '2026-07-01' }),
    ];
    await rule(standard.id, { kind: 'product', productId: bolt.id }, { kind: 'fixed', price: '90' }, { validTo: '2026-03-14' });
    await rule(otherGroup.id, { kind: 'all' }, { kind: 'discount', percents: ['7'] });
    await rule(others.id, { kind: 'product', productId: bolt.id }, { kind: 'net', price: '50' });
    await rule(inactive.id, { kind: 'all' }, { kind: 'discount', percents: ['50'] });
    await rule(over.id, { kind: 'all' }, { kind: 'discount', percents: ['50'] });

    const found = await deps.store.rulesFor({
      productIds: [bolt.id, nut.id, bolt.id],
      familyIds: [fasteners.id, hardware.id, fasteners.id],
      customerId,
      priceGroup: 'Garages',
      date: DATE,
    });
    expect(found.rules.map((r) => r.id).sort()).toEqual(kept.map((r) => r.id).sort());
    expect([...found.lists.keys()].sort()).toEqual([standard.id, group.id, own.id, offer.id].sort());
    // One look-up per distinct product, per distinct family, and one for everything.
    expect(lookups.sort()).toEqual([`FAMILY#${fasteners.id}`, `FAMILY#${hardware.id}`, `PRODUCT#${bolt.id}`, `PRODUCT#${nut.id}`, 'ALL'].sort());

    const anonymous = await deps.store.rulesFor({ productIds: [bolt.id], familyIds: [fasteners.id, hardware.id], date: DATE });
    expect([...anonymous.lists.keys()]).toEqual([standard.id]);
  });

  it('feeds the engine as stored: a standard price, a group and a customer discount in cascade', async () => {
    const { deps, hardware, fasteners, bolt, customerId, list, rule } = await setup();
    const standard = await list({ source: 'standard_list', name: 'Standard' });
    const group = await list({ source: 'group_list', name: 'Garages', priceGroup: 'GARAGES' });
    const own = await list({ source: 'customer_list', name: 'Martin', customerId });
    await rule(standard.id, { kind: 'product', productId: bolt.id }, { kind: 'fixed', price: '100' });
    await rule(group.id, { kind: 'family', familyId: hardware.id }, { kind: 'discount', percents: ['5'] });
    await rule(own.id, { kind: 'family', familyId: fasteners.id }, { kind: 'discount', percents: ['10'] }, { fees: [{ label: 'Eco', per: 'unit', amount: '0.50' }] });

    const product: ProductView = {
      id: bolt.id,
      code: bolt.code,
      name: bolt.name,
      familyPath: [fasteners.id, hardware.id],
      units: bolt.units,
      vatCategory: 'standard',
      parameters: {},
      costs: {},
    };
    const found = await deps.store.rulesFor({ productIds: [bolt.id], familyIds: product.familyPath, customerId, priceGroup: 'garages', date: DATE });
    const structure = await getPricingStructure(deps);
    const data: PricingData = {
      structure,
      units: unitLookup(),
      company: { countryCode: 'FR' },
      customer: { id: customerId, countryCode: 'FR' },
      products: new Map([[product.id, product]]),
      references: new Map(),
      lists: found.lists,
      rulesByProduct: rulesByProduct([product], found.rules),
      exchangeRates: [],
      transportRules: [],
      vatRates: { standard: '20' },
      transportVatCategory: structure.transportVatCategory,
    };
    const priced = priceDocument({ date: DATE, currency: 'EUR', lines: [{ productId: bolt.id, quantity: '2' }] }, data);
    // 100 → 10 % (customer list) then 5 % (group list) in cascade = 85.50, + 0.50 fee = 86.00 a unit.
    expect(priced.lines[0]!.unitPrice).toBe('86.0000');
    expect(priced.totals.lines).toBe('172.00');
  });

  it('spreads the rules per product: its own, its families nearest first, then everything', async () => {
    const rules = [
      { id: 'r-all', listId: 'l', target: { kind: 'all' as const }, action: { kind: 'discount' as const, percents: ['1'] } },
      { id: 'r-top', listId: 'l', target: { kind: 'family' as const, familyId: 'fam_top' }, action: { kind: 'discount' as const, percents: ['2'] } },
      { id: 'r-sub', listId: 'l', target: { kind: 'family' as const, familyId: 'fam_sub' }, action: { kind: 'discount' as const, percents: ['3'] } },
      { id: 'r-a', listId: 'l', target: { kind: 'product' as const, productId: 'prd_a' }, action: { kind: 'fixed' as const, price: '4' } },
    ];
    const spread = rulesByProduct(
      [
        { id: 'prd_a', familyPath: ['fam_sub', 'fam_top'] },
        { id: 'prd_b', familyPath: ['fam_top'] },
        { id: 'prd_c', familyPath: [] },
      ],
      rules,
    );
    expect(Object.fromEntries([...spread].map(([id, list]) => [id, list.map((r) => r.id)]))).toEqual({
      prd_a: ['r-a', 'r-sub', 'r-top', 'r-all'],
      prd_b: ['r-top', 'r-all'],
      prd_c: ['r-all'],
    });
  });
});
