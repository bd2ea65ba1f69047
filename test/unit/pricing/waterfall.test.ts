import { describe, expect, it } from 'vitest';
import { amountOff, discount, fixed, list, priceLines, priceOne, rule, steps } from './fixtures.ts';

const lists = [list('cl', 'customer_list'), list('gl', 'group_list'), list('std', 'standard_list'), list('usd', 'group_list', { currency: 'USD' })];
const bolt = { productId: 'prd_bolt', quantity: '10' };

describe('the waterfall of a line', () => {
  it('percentages first, then fixed amounts off, then fees per unit; fees per line go to the line amount', () => {
    const line = priceOne(bolt, {
      lists,
      rules: [
        rule('base', 'std', fixed('100.00'), { fees: [{ label: 'small order', per: 'line', amount: '15.00' }] }),
        rule('off', 'cl', amountOff('2.00'), { fees: [{ label: 'packaging', per: 'unit', amount: '0.50' }] }),
        rule('d10', 'gl', discount('10')),
      ],
    });
    expect(steps(line)).toEqual(['base 100.0000 → 100.0000', 'discount -10.0000 → 90.0000', 'amount_off -2.0000 → 88.0000', 'unit_fee 0.5000 → 88.5000']);
    expect(line.explanation.waterfall[3]!.label).toBe('customer list CL (cl): fee "packaging" per pce');
    expect(line.lineFees).toEqual([{ ruleId: 'base', label: 'standard list STD (std): fee "small order"', amount: '15.00', calculation: '15.00 EUR per line = 15.00' }]);
    expect(line.amount).toBe('900.00');
    expect(line.amountCalculation).toBe('88.5000 × 10 pce = 885.00 + 15.00 (standard list STD (std): fee "small order") = 900.00');
  });

  it('converts amounts off and fees from the list currency', () => {
    const line = priceOne(bolt, {
      lists,
      rules: [rule('base', 'std', fixed('100.00')), rule('usd-off', 'usd', amountOff('10.00'), { fees: [{ label: 'freight', per: 'line', amount: '20.00' }] })],
      exchangeRates: [{ from: 'USD', to: 'EUR', rate: '0.9', validFrom: '2026-01-01' }],
    });
    expect(steps(line)).toEqual(['base 100.0000 → 100.0000', 'amount_off -9.0000 → 91.0000']);
    expect(line.explanation.waterfall[1]!.label).toBe('group list USD (usd): 10.00 USD off (10.00 USD × 0.9 EUR per USD (rate of 2026-01-01))');
    expect(line.lineFees[0]!.calculation).toBe('20.00 USD per line × 0.9 EUR per USD (rate of 2026-01-01) = 18.00');
  });

  it('an amount off never takes the price below zero', () => {
    const line = priceOne(bolt, { lists, rules: [rule('base', 'std', fixed('1.00')), rule('off', 'cl', amountOff('5.00'))] });
    expect(line.unitPrice).toBe('0.0000');
    expect(line.explanation.waterfall[1]).toMatchObject({ calculation: '1.0000 − 5.0000 = 0.0000 (capped: not below zero)', unitPriceBefore: '1.0000', capped: true });
    expect(line.explanation.waterfall[0]!.capped).toBeUndefined();
  });

  it('keeps a manual price and a manual discount, flagged, and notes what the rules would give', () => {
    const line = priceOne({ ...bolt, manualUnitPrice: '80', manualDiscounts: ['5'] }, { lists, rules: [rule('base', 'std', fixed('100.00')), rule('d10', 'cl', discount('10'))] });
    expect(steps(line)).toEqual(['base 100.0000 → 100.0000', 'discount -10.0000 → 90.0000', 'manual_price -10.0000 → 80.0000', 'manual_discount -4.0000 → 76.0000']);
    expect(line.manual).toEqual({ price: true, discount: true });
    expect(line.computedUnitPrice).toBe('90.0000');
    expect(line.unitPrice).toBe('76.0000');
    expect(line.explanation.waterfall[2]!.calculation).toBe('entered 80.0000 replaces the computed 90.0000');
    expect(line.explanation.notes).toEqual(['The rules give 90.0000; the manual price 80.0000 is kept.']);
  });

  it('re-pricing after the rules changed keeps the manual entries', () => {
    const entered = { ...bolt, manualUnitPrice: '80', manualDiscounts: ['5'] };
    const before = priceOne(entered, { lists, rules: [rule('base', 'std', fixed('100.00'))] });
    const after = priceOne(entered, { lists, rules: [rule('base', 'std', fixed('120.00'))] });
    expect(after.unitPrice).toBe(before.unitPrice);
    expect(after.computedUnitPrice).toBe('120.0000');
    expect(after.manual).toEqual({ price: true, discount: true });
  });

  it('a manual discount alone applies on top of the computed price', () => {
    const line = priceOne({ ...bolt, manualDiscounts: ['12.5'] }, { lists, rules: [rule('base', 'std', fixed('100.00'))] });
    expect(steps(line)).toEqual(['base 100.0000 → 100.0000', 'manual_discount -12.5000 → 87.5000']);
    expect(line.manual).toEqual({ price: false, discount: true });
    expect(line.computedUnitPrice).toBe('100.0000');
  });

  it('a manual price prices a line that the rules cannot', () => {
    const line = priceOne({ ...bolt, manualUnitPrice: '7.25' }, { lists });
    expect(line.status).toBe('priced');
    expect(line.computedUnitPrice).toBeUndefined();
    expect(steps(line)).toEqual(['manual_price 7.2500 → 7.2500']);
    expect(line.amount).toBe('72.50');
  });

  it('rounds each step to the unit-price precision, half-up, and the line amount to the currency', () => {
    const line = priceOne({ productId: 'prd_bolt', quantity: '7' }, { lists, rules: [rule('base', 'std', fixed('0.33333')), rule('d', 'cl', discount('3'))], structure: { unitPriceDecimals: 3 } });
    // 0.33333 → 0.333; 0.333 × 0.97 = 0.32301 → 0.323; 0.323 × 7 = 2.261 → 2.26
    expect(steps(line)).toEqual(['base 0.333 → 0.333', 'discount -0.010 → 0.323']);
    expect(line.amount).toBe('2.26');
    const yen = priceLines([{ productId: 'prd_bolt', quantity: '3' }], { lists: [list('jpy', 'standard_list', { currency: 'JPY' })], rules: [rule('base', 'jpy', fixed('333.5'))] }, { currency: 'JPY' });
    expect(yen.lines[0]!.amount).toBe('1001'); // 333.5 × 3 = 1000.5 → 1001
  });

  it('a free-text line takes its entered price, its VAT category and no rules', () => {
    const document = priceLines([{ description: 'Installation on site', quantity: '3', unit: 'h', manualUnitPrice: '65', vatCategory: 'reduced' }], { lists });
    const line = document.lines[0]!;
    expect(line).toMatchObject({ description: 'Installation on site', status: 'priced', unitPrice: '65.0000', amount: '195.00', vat: { category: 'reduced', rate: '5.5' } });
    expect(line.quantities.price).toEqual({ quantity: '3', unit: 'h' });
    expect(line.explanation.candidates).toEqual([]);
    expect(line.margin).toEqual({ basis: 'weightedAverage', unavailable: 'a free-text line has no cost' });
  });
});
