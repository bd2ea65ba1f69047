import { describe, expect, it } from 'vitest';
import { priceDocument } from '../../../domain/pricing/engine.ts';
import { discount, fixed, formula, list, outcomes, priceOne, pricingData, request, rule, steps } from './fixtures.ts';

const std = list('std', 'standard_list');
const bolt = { productId: 'prd_bolt', quantity: '10' };

function reasonOf(line: ReturnType<typeof priceOne>, ruleId: string): string {
  return line.explanation.candidates.find((c) => c.ruleId === ruleId)!.reason;
}

describe('candidates within one source', () => {
  it('the most specific match wins: product over the nearest family over a farther one over everything', () => {
    const line = priceOne(bolt, {
      lists: [std],
      rules: [
        rule('r-all', 'std', fixed('9.00')),
        rule('r-far', 'std', fixed('8.00'), { target: { kind: 'family', familyId: 'fam_hardware' } }),
        rule('r-near', 'std', fixed('7.00'), { target: { kind: 'family', familyId: 'fam_bolts' } }),
        rule('r-product', 'std', fixed('6.00'), { target: { kind: 'product', productId: 'prd_bolt' } }),
      ],
    });
    expect(line.unitPrice).toBe('6.0000');
    expect(outcomes(line)).toEqual({
      'r-all': 'skipped:less_specific',
      'r-far': 'skipped:less_specific',
      'r-near': 'skipped:less_specific',
      'r-product': 'applied:base_price',
    });
    expect(reasonOf(line, 'r-near')).toBe('rule r-product of the same source is more specific (it targets product BOLT-M8)');
    expect(line.explanation.candidates.find((c) => c.ruleId === 'r-far')!.target).toBe('family fam_hardware (2 levels above the product\'s family)');
  });

  it('the nearer family wins over a farther one', () => {
    const line = priceOne(bolt, {
      lists: [std],
      rules: [
        rule('r-far', 'std', fixed('8.00'), { target: { kind: 'family', familyId: 'fam_fasteners' } }),
        rule('r-near', 'std', fixed('7.00'), { target: { kind: 'family', familyId: 'fam_bolts' } }),
      ],
    });
    expect(line.unitPrice).toBe('7.0000');
    expect(reasonOf(line, 'r-far')).toBe("rule r-near of the same source is more specific (it targets family fam_bolts (the product's own family))");
  });

  it('quantity breaks: the highest break reached wins; a break not reached is skipped with the quantities', () => {
    const rules = [
      rule('q1', 'std', fixed('10.00')),
      rule('q10', 'std', fixed('9.00'), { minQuantity: '10' }),
      rule('q100', 'std', fixed('8.00'), { minQuantity: '100' }),
    ];
    const line = priceOne({ productId: 'prd_bolt', quantity: '50' }, { lists: [std], rules });
    expect(line.unitPrice).toBe('9.0000');
    expect(outcomes(line)).toEqual({ q1: 'skipped:lower_quantity_break', q10: 'applied:base_price', q100: 'skipped:quantity_break_not_reached' });
    expect(reasonOf(line, 'q100')).toBe('quantity break 100 pce not reached: the line has 50 pce');
    expect(reasonOf(line, 'q1')).toBe('rule q10 of the same source has a higher quantity break reached (10 pce)');
    expect(priceOne({ productId: 'prd_bolt', quantity: '100' }, { lists: [std], rules }).unitPrice).toBe('8.0000');
    expect(priceOne({ productId: 'prd_bolt', quantity: '9' }, { lists: [std], rules }).unitPrice).toBe('10.0000');
  });

  it('validity dates bound the rule and its list (both ends included); the latest validFrom wins', () => {
    const line = priceOne(bolt, {
      lists: [std, list('promo', 'offer', { validFrom: '2026-04-01' })],
      rules: [
        rule('old', 'std', fixed('10.00'), { validFrom: '2025-01-01' }),
        rule('current', 'std', fixed('11.00'), { validFrom: '2026-01-01', validTo: '2026-03-15' }),
        rule('future', 'std', fixed('12.00'), { validFrom: '2026-03-16' }),
        rule('expired', 'std', fixed('9.00'), { validTo: '2026-03-14' }),
        rule('promo-rule', 'promo', fixed('5.00')),
      ],
    });
    expect(line.unitPrice).toBe('11.0000');
    expect(outcomes(line)).toEqual({
      'promo-rule': 'skipped:not_yet_valid',
      old: 'skipped:older',
      current: 'applied:base_price',
      future: 'skipped:not_yet_valid',
      expired: 'skipped:expired',
    });
    expect(reasonOf(line, 'promo-rule')).toBe('the offer is valid from 2026-04-01, after 2026-03-15');
    expect(reasonOf(line, 'expired')).toBe('the rule expired on 2026-03-14, before 2026-03-15');
    expect(reasonOf(line, 'old')).toBe('rule current of the same source is more recent (valid from 2026-01-01)');
  });

  it('a tie is broken by rule id, and the explanation says so', () => {
    const line = priceOne(bolt, { lists: [std], rules: [rule('r-b', 'std', fixed('8.00')), rule('r-a', 'std', fixed('9.00'))] });
    expect(line.unitPrice).toBe('9.0000');
    expect(reasonOf(line, 'r-b')).toBe('rule r-a of the same source ranks the same; the tie is broken by rule id, r-a first');
  });

  it('converts a price in another currency at the rate valid on the document date', () => {
    const usd = list('usd', 'standard_list', { currency: 'USD' });
    const rates = [
      { from: 'USD', to: 'EUR', rate: '0.90', validFrom: '2026-01-01' },
      { from: 'USD', to: 'EUR', rate: '0.92', validFrom: '2026-03-01' },
      { from: 'USD', to: 'EUR', rate: '0.95', validFrom: '2026-03-16' },
    ];
    const line = priceOne(bolt, { lists: [usd], rules: [rule('r1', 'usd', fixed('12.50'))], exchangeRates: rates });
    expect(line.unitPrice).toBe('11.5000');
    expect(line.explanation.waterfall[0]!.calculation).toBe('12.50 USD per pce × 0.92 EUR per USD (rate of 2026-03-01) = 11.5000');
  });

  it('inverts a rate quoted the other way round', () => {
    const usd = list('usd', 'standard_list', { currency: 'USD' });
    const line = priceOne(bolt, { lists: [usd], rules: [rule('r1', 'usd', fixed('12.50'))], exchangeRates: [{ from: 'EUR', to: 'USD', rate: '1.25', validFrom: '2026-01-01' }] });
    expect(line.unitPrice).toBe('10.0000');
    expect(line.explanation.waterfall[0]!.calculation).toBe('12.50 USD per pce × 1 / 1.25 EUR per USD (rate of 2026-01-01, EUR→USD inverted) = 10.0000');
  });

  it('skips a rule in a currency without a rate, and the next best rule of the source wins', () => {
    const line = priceOne(bolt, {
      lists: [std, list('chf', 'standard_list', { currency: 'CHF' })],
      rules: [rule('r-chf', 'chf', fixed('5.00'), { target: { kind: 'product', productId: 'prd_bolt' } }), rule('r-eur', 'std', fixed('9.00'))],
    });
    expect(line.unitPrice).toBe('9.0000');
    expect(outcomes(line)).toEqual({ 'r-chf': 'skipped:no_exchange_rate', 'r-eur': 'applied:base_price' });
    expect(reasonOf(line, 'r-chf')).toBe('priced in CHF, and no CHF→EUR rate is known on 2026-03-15');
  });

  it('a percentage discount needs no exchange rate', () => {
    const line = priceOne(bolt, {
      lists: [std, list('cl', 'customer_list', { currency: 'CHF' })],
      rules: [rule('r-base', 'std', fixed('10.00')), rule('r-cl', 'cl', discount('10'))],
    });
    expect(line.unitPrice).toBe('9.0000');
  });

  it('skips a formula reading a parameter the product lacks, so that another rule of the source can win', () => {
    const line = priceOne(bolt, {
      lists: [std],
      rules: [rule('r-formula', 'std', formula('length * 2'), { target: { kind: 'product', productId: 'prd_bolt' } }), rule('r-fixed', 'std', fixed('9.00'))],
    });
    expect(outcomes(line)).toEqual({ 'r-formula': 'skipped:missing_parameter', 'r-fixed': 'applied:base_price' });
    expect(reasonOf(line, 'r-formula')).toBe('the formula reads `length`, not set on this product');
  });

  it('lists the rules of a source the structure does not use', () => {
    const line = priceOne(bolt, {
      lists: [std, list('gl', 'group_list')],
      rules: [rule('r-base', 'std', fixed('10.00')), rule('r-group', 'gl', discount('10'))],
      structure: { sources: [{ source: 'standard_list', mode: 'stop' }] },
    });
    expect(line.unitPrice).toBe('10.0000');
    expect(outcomes(line)['r-group']).toBe('skipped:source_not_in_structure');
    expect(steps(line)).toEqual(['base 10.0000 → 10.0000']);
  });

  it('a rule for another product or family, if the loader hands one over, is reported and not applied', () => {
    const data = pricingData({ lists: [std] });
    const rules = [
      rule('r-base', 'std', fixed('10.00')),
      rule('r-other', 'std', fixed('1.00'), { target: { kind: 'product', productId: 'prd_nut' } }),
      rule('r-nuts', 'std', fixed('2.00'), { target: { kind: 'family', familyId: 'fam_nuts' } }),
    ];
    const line = priceDocument(request([bolt]), { ...data, rulesByProduct: new Map([['prd_bolt', rules]]) }).lines[0]!;
    expect(line.unitPrice).toBe('10.0000');
    expect(outcomes(line)).toEqual({ 'r-base': 'applied:base_price', 'r-other': 'skipped:other_target', 'r-nuts': 'skipped:other_target' });
    expect(line.explanation.candidates.find((c) => c.ruleId === 'r-nuts')!.target).toBe('family fam_nuts (not a family of this product)');
  });
});
