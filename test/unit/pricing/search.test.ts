import { describe, expect, it } from 'vitest';
import { amountOff, discount, fixed, formula, list, net, outcomes, priceOne, product, rule, steps } from './fixtures.ts';

const lists = [list('offer', 'offer'), list('cl', 'customer_list'), list('gl', 'group_list'), list('std', 'standard_list')];
const bolt = { productId: 'prd_bolt', quantity: '1' };
const reasonOf = (line: ReturnType<typeof priceOne>, id: string) => line.explanation.candidates.find((c) => c.ruleId === id)!.reason;

describe('the pricing structure: search order, stop and stack', () => {
  it('README example: 10 % then 5 % off 100.00 in cascade → 85.50', () => {
    const line = priceOne(bolt, { lists, rules: [rule('base', 'std', fixed('100.00')), rule('d10', 'cl', discount('10')), rule('d5', 'gl', discount('5'))] });
    expect(steps(line)).toEqual(['base 100.0000 → 100.0000', 'discount -10.0000 → 90.0000', 'discount -4.5000 → 85.5000']);
    expect(line.amount).toBe('85.50');
  });

  it('README example: 10 % + 5 % cumulative → 85.00', () => {
    const line = priceOne(bolt, {
      lists,
      rules: [rule('base', 'std', fixed('100.00')), rule('d10', 'cl', discount('10')), rule('d5', 'gl', discount('5'))],
      structure: { discountCombination: 'cumulative' },
    });
    expect(steps(line)).toEqual(['base 100.0000 → 100.0000', 'discount -10.0000 → 90.0000', 'discount -5.0000 → 85.0000']);
    expect(line.explanation.waterfall[2]!.calculation).toBe('100.0000 × (1 − 0.1 − 0.05) = 85.0000');
  });

  it('a stopping source ends the search: the later sources are superseded', () => {
    const rules = [rule('base', 'std', fixed('100.00')), rule('offer-price', 'offer', fixed('70.00')), rule('d10', 'cl', discount('10'))];
    const line = priceOne(bolt, { lists, rules });
    expect(line.unitPrice).toBe('70.0000');
    expect(outcomes(line)).toEqual({ 'offer-price': 'applied:base_price', d10: 'skipped:superseded', base: 'skipped:superseded' });
    expect(reasonOf(line, 'd10')).toBe('superseded: offer OFFER (offer) matched and its source (offer) stops the search');
  });

  it('the same offer in a stacking source lets the later discounts apply', () => {
    const rules = [rule('base', 'std', fixed('100.00')), rule('offer-price', 'offer', fixed('70.00')), rule('d10', 'cl', discount('10'))];
    const line = priceOne(bolt, {
      lists,
      rules,
      structure: {
        sources: [
          { source: 'offer', mode: 'stack' },
          { source: 'customer_list', mode: 'stack' },
          { source: 'standard_list', mode: 'stop' },
        ],
      },
    });
    expect(line.unitPrice).toBe('63.0000');
    expect(outcomes(line)).toEqual({ 'offer-price': 'applied:base_price', d10: 'applied:adjustment', base: 'skipped:price_from_higher_source' });
    expect(reasonOf(line, 'base')).toBe('the base price already comes from offer OFFER (offer), a source that ranks higher');
  });

  it('a stopping source that gives only a discount still takes its base price from below, and only the price', () => {
    const rules = [rule('base', 'std', fixed('100.00'), { fees: [{ label: 'handling', per: 'unit', amount: '1.00' }] }), rule('offer-20', 'offer', discount('20')), rule('d10', 'cl', discount('10'))];
    const line = priceOne(bolt, { lists, rules });
    expect(steps(line)).toEqual(['base 100.0000 → 100.0000', 'discount -20.0000 → 80.0000']);
    expect(outcomes(line)).toEqual({ 'offer-20': 'applied:adjustment', d10: 'skipped:superseded', base: 'applied:base_price' });
    expect(reasonOf(line, 'base')).toBe('gives the base price; the search stopped at offer OFFER (offer), so only its price counts');
    expect(reasonOf(line, 'offer-20')).toBe('applies after the base price (offer stops the search)');
  });

  it('a net price ignores the discounts of the sources after it, but not those before it, and keeps its fees', () => {
    const rules = [
      rule('net', 'gl', net('50.00'), { fees: [{ label: 'packaging', per: 'unit', amount: '0.50' }] }),
      rule('d10', 'cl', discount('10')),
      rule('base', 'std', fixed('100.00')),
      rule('std-off', 'std', amountOff('5.00'), { target: { kind: 'product', productId: 'prd_bolt' } }),
    ];
    const line = priceOne(bolt, {
      lists,
      rules,
      structure: {
        sources: [
          { source: 'customer_list', mode: 'stack' },
          { source: 'group_list', mode: 'stack' },
          { source: 'offer', mode: 'stack' },
          { source: 'standard_list', mode: 'stop' },
        ],
      },
    });
    expect(steps(line)).toEqual(['base 50.0000 → 50.0000', 'discount -5.0000 → 45.0000', 'unit_fee 0.5000 → 45.5000']);
    expect(outcomes(line)).toEqual({ d10: 'applied:adjustment', net: 'applied:base_price', 'std-off': 'skipped:after_net_price', base: 'skipped:less_specific' });
    expect(reasonOf(line, 'std-off')).toBe('not applied: group list GL (gl) gives a net price');
  });

  it('a formula reads `base` from the next price below it', () => {
    const tube = product({ parameters: { length: '2.5' } });
    const line = priceOne(bolt, { products: [tube], lists, rules: [rule('base', 'std', fixed('40.00')), rule('f', 'cl', formula('base * 1.1 + length * 2'))] });
    expect(steps(line)).toEqual(['base 40.0000 → 40.0000', 'formula 9.0000 → 49.0000']);
    expect(line.explanation.waterfall[1]!.calculation).toBe('base * 1.1 + length * 2 with base = 40.0000, length = 2.5 = 49.0000');
    expect(line.explanation.waterfall[0]!.label).toBe('standard list STD (std): base price, read as `base` by the formula above');
    expect(outcomes(line)).toEqual({ f: 'applied:base_price', base: 'applied:base_of_formula' });
  });

  it("a formula in another currency reads `base` converted into its list's currency", () => {
    const usd = list('usd', 'customer_list', { currency: 'USD' });
    const line = priceOne(bolt, {
      lists: [usd, list('std', 'standard_list')],
      rules: [rule('base', 'std', fixed('40.00')), rule('f', 'usd', formula('base * 1.1'))],
      exchangeRates: [{ from: 'USD', to: 'EUR', rate: '0.8', validFrom: '2026-01-01' }],
    });
    expect(line.explanation.waterfall[1]!.calculation).toBe('base * 1.1 with base = 50 USD (40.0000 EUR converted back) = 55 USD × 0.8 EUR per USD (rate of 2026-01-01) = 44.0000');
  });

  it('a formula over parameters alone needs no lower price', () => {
    const tube = product({ parameters: { length: '2.5', massPerMetre: '1.2' } });
    const line = priceOne(bolt, { products: [tube], lists, rules: [rule('f', 'std', formula('round(length * massPerMetre * 3.15, 2)'))] });
    expect(line.unitPrice).toBe('9.4500');
  });

  it('a formula reading `base` with nothing below leaves the line unpriced, and says why', () => {
    const line = priceOne(bolt, { lists, rules: [rule('f', 'cl', formula('base * 1.1')), rule('d5', 'gl', discount('5'))] });
    expect(line.status).toBe('unpriced');
    expect(line.amount).toBe('0.00');
    expect(outcomes(line)).toEqual({ f: 'skipped:no_base_price', d5: 'skipped:no_base_price' });
    expect(line.explanation.notes).toEqual(['No price from the rules: the formula of rule f reads `base`, and no lower source gives a price.']);
  });

  it('a formula that fails when evaluated leaves the line unpriced, and says why', () => {
    const tube = product({ parameters: { length: '0' } });
    const line = priceOne(bolt, { products: [tube], lists, rules: [rule('base', 'std', fixed('10')), rule('f', 'cl', formula('base / length'))] });
    expect(line.status).toBe('unpriced');
    expect(outcomes(line)).toEqual({ f: 'skipped:formula_failed', base: 'skipped:no_base_price' });
    expect(line.explanation.notes).toEqual(['No price from the rules: the formula of rule f failed (division by zero).']);
  });

  it('with no rule at all the line is unpriced', () => {
    const line = priceOne(bolt, { lists });
    expect(line.status).toBe('unpriced');
    expect(line.explanation.notes).toEqual(['No price from the rules: no source gives a base price.']);
  });

  it('the customer reference price stops the search by default', () => {
    const line = priceOne(
      { productId: 'prd_bolt', quantity: '120' },
      {
        lists,
        rules: [rule('base', 'std', fixed('100.00')), rule('d10', 'cl', discount('10'))],
        references: {
          prd_bolt: {
            customerCode: 'ACME-77',
            currency: 'EUR',
            prices: [
              { id: 'ref-1', price: '80.00', validFrom: '2026-01-01' },
              { id: 'ref-100', price: '75.00', validFrom: '2026-01-01', minQuantity: '100' },
              { id: 'ref-next', price: '82.00', validFrom: '2026-07-01' },
            ],
          },
        },
      },
    );
    expect(line.unitPrice).toBe('75.0000');
    expect(outcomes(line)).toEqual({
      'ref-1': 'skipped:lower_quantity_break',
      'ref-100': 'applied:base_price',
      'ref-next': 'skipped:not_yet_valid',
      d10: 'skipped:superseded',
      base: 'skipped:superseded',
    });
    expect(line.explanation.candidates[0]!.origin).toBe('customer reference ACME-77');
  });

  it('a reference price quoted per sales unit is converted to the price unit', () => {
    const bar = product({ units: { management: 'pce', sales: 'pce', price: 'kg' } });
    const line = priceOne(
      { productId: 'prd_bolt', quantity: '2', variableFactor: '0.08' },
      { products: [bar], references: { prd_bolt: { customerCode: 'BAR-1', currency: 'EUR', prices: [{ id: 'ref', price: '30.00', per: 'sales' }] } } },
    );
    expect(line.explanation.waterfall[0]!.calculation).toBe('30.00 EUR per pce × 0.08 pce in one kg = 2.4000');
    expect(line.amountCalculation).toBe('2.4000 × 25.000 kg = 60.00');
  });
});
