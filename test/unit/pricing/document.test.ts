import { describe, expect, it } from 'vitest';
import type { TransportRule } from '../../../domain/pricing/model.ts';
import { PricingConfigurationError } from '../../../domain/pricing/errors.ts';
import { fixed, list, priceLines, product, rule } from './fixtures.ts';

const std = list('std', 'standard_list');
const bolt = product({ weightKg: '0.05', volumeM3: '0.0001', costs: { weightedAverage: { amount: '6.00', currency: 'EUR' }, lastPurchase: { amount: '5.00', currency: 'USD' } } });
const book = product({ id: 'prd_book', code: 'BOOK', familyPath: [], vatCategory: 'reduced', weightKg: '0.4' });
const catalogue = {
  products: [bolt, book],
  lists: [std],
  rules: [rule('bolt', 'std', fixed('10.00'), { target: { kind: 'product', productId: 'prd_bolt' } }), rule('book', 'std', fixed('25.00'), { target: { kind: 'product', productId: 'prd_book' } })],
};
const twoLines = [
  { productId: 'prd_bolt', quantity: '100' },
  { productId: 'prd_book', quantity: '3' },
];

describe('document discounts', () => {
  it('apply on the lines total, are spread over the lines pro rata, and the lines still sum to the total', () => {
    const document = priceLines(twoLines, catalogue, {
      documentDiscounts: [
        { kind: 'percent', label: 'loyalty', percent: '3' },
        { kind: 'amount', label: 'voucher', amount: '10' },
      ],
    });
    // lines 1000.00 + 75.00 = 1075.00; 3 % → 1042.75; −10.00 → 1032.75
    expect(document.documentDiscounts).toEqual([
      { label: 'loyalty: 3 % (cascade)', amount: '32.25', step: { label: 'loyalty: 3 % (cascade)', calculation: '1075.00 × 0.97 = 1042.75', value: '-32.25', total: '1042.75' } },
      { label: 'voucher: 10.00', amount: '10.00', step: { label: 'voucher: 10.00', calculation: '1042.75 − 10.00 = 1032.75', value: '-10.00', total: '1032.75' } },
    ]);
    expect(document.lines.map((l) => [l.amount, l.documentDiscountShare, l.netAmount])).toEqual([
      ['1000.00', '39.30', '960.70'],
      ['75.00', '2.95', '72.05'],
    ]);
    expect(document.totals).toMatchObject({ lines: '1075.00', documentDiscounts: '42.25', goods: '1032.75', net: '1032.75' });
  });

  it('combine cumulatively when the structure says so', () => {
    const document = priceLines(twoLines, { ...catalogue, structure: { discountCombination: 'cumulative' } }, {
      documentDiscounts: [
        { kind: 'percent', label: 'loyalty', percent: '10' },
        { kind: 'percent', label: 'season', percent: '5' },
      ],
    });
    expect(document.totals.goods).toBe('913.75'); // 1075.00 × 0.85
  });
});

describe('VAT', () => {
  it('is computed per rate on the summed bases and rounded once per rate', () => {
    const document = priceLines(
      [
        { productId: 'prd_bolt', quantity: '1' },
        { productId: 'prd_bolt', quantity: '1', manualUnitPrice: '0.05' },
        { productId: 'prd_bolt', quantity: '1', manualUnitPrice: '0.05' },
        { productId: 'prd_book', quantity: '1' },
      ],
      catalogue,
    );
    // Per line, 20 % of 0.05 would round to 0.01 twice (0.02); on the summed base 10.10 it is 2.02.
    expect(document.vat.breakdown).toEqual([
      { rate: '20', base: '10.10', tax: '2.02', calculation: '10.10 × 20 % = 2.02' },
      { rate: '5.5', base: '25.00', tax: '1.38', calculation: '25.00 × 5.5 % = 1.38' },
    ]);
    expect(document.totals).toMatchObject({ net: '35.10', tax: '3.40', gross: '38.50' });
    expect(document.vat.fiscalPosition).toEqual({ kind: 'domestic', explanation: "domestic: from FR to FR (customer's country, no delivery country given)" });
  });

  it('intra-EU to a business with a VAT number: reverse charge at 0 %', () => {
    const document = priceLines(twoLines, { ...catalogue, customer: { id: 'cus_de', countryCode: 'DE', vatNumber: 'DE129273398' } }, { deliveryCountry: 'DE' });
    expect(document.vat.fiscalPosition).toEqual({
      kind: 'intra_eu_reverse_charge',
      explanation: 'intra-EU: from FR to DE (delivery), business customer with VAT number DE129273398: reverse charge, 0 %',
    });
    expect(document.lines.map((l) => l.vat.rate)).toEqual(['0', '0']);
    expect(document.vat.breakdown).toEqual([{ rate: '0', base: '1075.00', tax: '0.00', calculation: '1075.00 × 0 % = 0.00' }]);
  });

  it('intra-EU to a consumer without a VAT number is taxed as domestic', () => {
    const document = priceLines(twoLines, { ...catalogue, customer: { id: 'cus_be', countryCode: 'BE' } }, { deliveryCountry: 'BE' });
    expect(document.vat.fiscalPosition.kind).toBe('domestic');
    expect(document.vat.fiscalPosition.explanation).toBe('intra-EU from FR to BE (delivery), but the customer has no EU VAT number: taxed as domestic');
    expect(document.totals.tax).toBe('204.13'); // 20 % of 1000.00 + 5.5 % of 75.00 (4.125 → 4.13)
  });

  it('export outside the EU: 0 %, whatever the VAT number', () => {
    const document = priceLines(twoLines, { ...catalogue, customer: { id: 'cus_ch', countryCode: 'CH', vatNumber: 'CHE123456789' } }, { deliveryCountry: 'CH' });
    expect(document.vat.fiscalPosition).toEqual({ kind: 'export', explanation: 'export: from FR to CH (delivery), outside the EU: 0 %' });
    expect(document.totals.tax).toBe('0.00');
  });

  it('the delivery country decides, not the customer’s: a German business delivered in France pays French VAT', () => {
    const document = priceLines(twoLines, { ...catalogue, customer: { id: 'cus_de', countryCode: 'DE', vatNumber: 'DE129273398' } }, { deliveryCountry: 'FR' });
    expect(document.vat.fiscalPosition.kind).toBe('domestic');
  });

  it('a fiscal position set on the customer wins', () => {
    const document = priceLines(twoLines, { ...catalogue, customer: { id: 'cus_x', countryCode: 'FR', fiscalPosition: 'export' } });
    expect(document.vat.fiscalPosition).toEqual({ kind: 'export', explanation: 'export, as set on the customer' });
  });

  it('a VAT category without a rate is a configuration error', () => {
    expect(() => priceLines(twoLines, { ...catalogue, vatRates: { standard: '20' } })).toThrow(new PricingConfigurationError('No VAT rate is configured for the VAT category reduced'));
  });
});

describe('transport', () => {
  const byWeight: TransportRule = {
    id: 'tr-weight',
    name: 'Parcel FR',
    incoterm: 'DAP',
    countries: ['FR'],
    basis: 'weight',
    currency: 'EUR',
    brackets: [
      { from: '0', fixed: '8.00' },
      { from: '5', fixed: '12.00', variable: '0.50' },
      { from: '30', fixed: '40.00', variable: '0.20' },
    ],
  };

  it('the bracket of the total weight applies: fixed plus variable', () => {
    // 100 bolts × 0.05 kg + 3 books × 0.4 kg = 6.2 kg → bracket from 5: 12.00 + 0.50 × 6.2 = 15.10
    const document = priceLines(twoLines, { ...catalogue, transportRules: [byWeight] }, { incoterm: 'DAP', deliveryCountry: 'FR' });
    expect(document.transport).toEqual({
      status: 'charged',
      amount: '15.10',
      ruleId: 'tr-weight',
      basis: 'weight',
      measure: '6.2',
      explanation: 'Parcel FR (DAP, delivery to FR), bracket from 5: 12.00 + 0.50 × 6.2 kg = 15.10',
    });
    expect(document.totals).toMatchObject({ goods: '1075.00', transport: '15.10', net: '1090.10' });
    expect(document.vat.breakdown[0]).toEqual({ rate: '20', base: '1015.10', tax: '203.02', calculation: '1015.10 × 20 % = 203.02' });
  });

  it('the lowest bracket applies to a small shipment', () => {
    const document = priceLines([{ productId: 'prd_book', quantity: '1' }], { ...catalogue, transportRules: [byWeight] }, { incoterm: 'DAP', deliveryCountry: 'FR' });
    expect(document.transport.amount).toBe('8.00');
  });

  it('is waived when the goods reach the free-shipping threshold', () => {
    const customer = { id: 'cus_1', countryCode: 'FR', freeShippingThreshold: { amount: '1000.00', currency: 'EUR' } };
    const document = priceLines(twoLines, { ...catalogue, transportRules: [byWeight], customer }, { incoterm: 'DAP', deliveryCountry: 'FR' });
    expect(document.transport.status).toBe('waived');
    expect(document.transport.amount).toBe('0.00');
    expect(document.transport.explanation).toMatch(/; waived: the goods amount 1075 reaches the customer's free-shipping threshold 1000.00 EUR$/);
    const below = priceLines([{ productId: 'prd_book', quantity: '1' }], { ...catalogue, transportRules: [byWeight], customer }, { incoterm: 'DAP', deliveryCountry: 'FR' });
    expect(below.transport).toMatchObject({ status: 'charged', amount: '8.00' });
    expect(below.transport.explanation).toMatch(/the goods amount 25 is below the customer's free-shipping threshold 1000.00 EUR$/);
  });

  it('on the goods amount: a percentage by bracket', () => {
    const byAmount: TransportRule = { id: 'tr-amount', name: 'Freight', basis: 'amount', currency: 'EUR', brackets: [{ from: '0', fixed: '20', variable: '2' }, { from: '1000', variable: '1' }] };
    const document = priceLines(twoLines, { ...catalogue, transportRules: [byAmount] }, { incoterm: 'CPT', deliveryCountry: 'FR' });
    expect(document.transport.amount).toBe('10.75'); // 1 % × 1075.00
  });

  it('the most specific rule for the Incoterm and country wins; none applies to another Incoterm', () => {
    const anyRule: TransportRule = { id: 'tr-any', name: 'Default', basis: 'weight', currency: 'EUR', brackets: [{ from: '0', fixed: '99' }] };
    expect(priceLines(twoLines, { ...catalogue, transportRules: [anyRule, byWeight] }, { incoterm: 'DAP', deliveryCountry: 'FR' }).transport.amount).toBe('15.10');
    expect(priceLines(twoLines, { ...catalogue, transportRules: [anyRule, byWeight] }, { incoterm: 'EXW', deliveryCountry: 'FR' }).transport.amount).toBe('99.00');
    expect(priceLines(twoLines, { ...catalogue, transportRules: [byWeight] }, { incoterm: 'EXW', deliveryCountry: 'FR' }).transport).toEqual({
      status: 'none',
      amount: '0.00',
      explanation: 'No transport rule applies (EXW, delivery to FR)',
    });
  });

  it('on the volume, in another currency', () => {
    const byVolume: TransportRule = { id: 'tr-vol', name: 'Sea freight', basis: 'volume', currency: 'USD', brackets: [{ from: '0', fixed: '100', variable: '50' }] };
    const document = priceLines(twoLines, { ...catalogue, transportRules: [byVolume], exchangeRates: [{ from: 'USD', to: 'EUR', rate: '0.9', validFrom: '2026-01-01' }] });
    // 100 bolts × 0.0001 m³ = 0.01 m³
    expect(document.transport.explanation).toBe('Sea freight (no Incoterm, delivery to FR), bracket from 0: (100 + 50 × 0.01 m³) USD × 0.9 EUR per USD (rate of 2026-01-01) = 90.45');
  });
});

describe('margins and totals', () => {
  it('margin on each line from the configured cost basis, after its share of the document discounts', () => {
    const document = priceLines(twoLines, catalogue, { documentDiscounts: [{ kind: 'percent', label: 'loyalty', percent: '10' }] });
    expect(document.lines[0]!.margin).toEqual({
      basis: 'weightedAverage',
      cost: '600.00',
      amount: '300.00',
      rate: '33.33',
      calculation: 'cost: weighted average cost 6.00 EUR × 100 pce = 600.00; margin: 900.00 − 600.00 = 300.00 (33.33 % of 900.00)',
    });
    expect(document.lines[1]!.margin).toEqual({ basis: 'weightedAverage', unavailable: 'the product has no weighted average cost' });
    expect(document.totals.margin).toBeUndefined();
  });

  it('converts a cost in another currency, and totals the margins when every line has one', () => {
    const document = priceLines([{ productId: 'prd_bolt', quantity: '100' }], {
      ...catalogue,
      structure: { costBasis: 'lastPurchase' },
      exchangeRates: [{ from: 'USD', to: 'EUR', rate: '0.9', validFrom: '2026-01-01' }],
    });
    expect(document.lines[0]!.margin).toMatchObject({ cost: '450.00', amount: '550.00', rate: '55.00' });
    expect(document.totals.margin).toBe('550.00');
  });

  it('never shows an unpriced line as free: the totals say they are incomplete and which lines have no price', () => {
    const nothingForTheBook = { ...catalogue, rules: catalogue.rules.filter((r) => r.id !== 'rul_book' && !JSON.stringify(r).includes('prd_book')) };
    const document = priceLines(twoLines, nothingForTheBook);
    expect(document.lines.map((line) => line.status)).toEqual(['priced', 'unpriced']);
    expect(document.lines[1]!.explanation.notes.length).toBeGreaterThan(0);
    expect(document.totals).toMatchObject({ lines: '1000.00', complete: false, unpricedLines: [1] });
    expect(priceLines(twoLines, catalogue).totals).toMatchObject({ complete: true, unpricedLines: [] });
  });

  it('an empty document is all zeros', () => {
    const document = priceLines([], catalogue);
    expect(document.totals).toEqual({ lines: '0.00', documentDiscounts: '0.00', goods: '0.00', transport: '0.00', net: '0.00', tax: '0.00', gross: '0.00', complete: true, unpricedLines: [] });
    expect(document.vat.breakdown).toEqual([]);
  });
});
