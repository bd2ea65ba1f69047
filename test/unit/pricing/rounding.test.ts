import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CurrencyRounding, fraction, percentage } from '../../../domain/pricing/rounding.ts';
import { Dec, roundToCurrency } from '../../../domain/shared/money.ts';

describe('rounding helpers', () => {
  it('percentages become fractions exactly', () => {
    expect(fraction('12.5').toFixed()).toBe('0.125');
    expect(fraction('5.5').toFixed()).toBe('0.055');
  });

  it('a percentage of two amounts, two decimals, half-up', () => {
    expect(percentage(new Dec('74.38'), new Dec('374.38'), 2)).toBe('19.87');
    expect(percentage(new Dec('1'), new Dec('8'), 2)).toBe('12.50');
    expect(percentage(new Dec('1'), new Dec('-3'), 2)).toBe('-33.33');
    expect(percentage(new Dec('-2'), new Dec('3'), 0)).toBe('-66.67');
    expect(percentage(new Dec('0.00'), new Dec('5.00'), 2)).toBe('0.00');
  });

  it('property: the currency rounding is roundToCurrency; the percentage is the decimal quotient rounded half-up', () => {
    const cents = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).map((n) => new Dec(n.toString()).dividedBy(100));
    fc.assert(
      fc.property(cents, cents.filter((d) => !d.isZero()), fc.constantFrom('EUR', 'JPY', 'KWD'), (a, b, currency) => {
        const money = new CurrencyRounding(currency);
        expect(money.text(a.dividedBy(7))).toBe(roundToCurrency(a.dividedBy(7), currency));
        expect(percentage(a, b, 2)).toBe(a.dividedBy(b).times(100).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2));
      }),
    );
  });
});
