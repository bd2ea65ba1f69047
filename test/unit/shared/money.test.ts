import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec, minorUnits, moneyIssue, normalizeMoney, roundToCurrency, zeroMoney } from '../../../domain/shared/money.ts';

describe('money', () => {
  it('rounds half-up (away from zero) to the minor unit of the currency', () => {
    expect(roundToCurrency('2.345', 'EUR')).toBe('2.35');
    expect(roundToCurrency('2.344999', 'EUR')).toBe('2.34');
    expect(roundToCurrency('-2.345', 'EUR')).toBe('-2.35');
    expect(roundToCurrency('2.5', 'JPY')).toBe('3');
    expect(roundToCurrency('1.2345', 'KWD')).toBe('1.235');
    expect(zeroMoney('JPY')).toEqual({ amount: '0', currency: 'JPY' });
  });

  it('explains what is wrong with an amount', () => {
    expect(moneyIssue({ amount: '10', currency: 'EUR' })).toBeNull();
    expect(moneyIssue({ amount: '1e3', currency: 'EUR' })).toMatch(/not a decimal number/);
    expect(moneyIssue({ amount: '-1', currency: 'EUR' })).toBe('must not be negative');
    expect(moneyIssue({ amount: '1.5', currency: 'JPY' })).toBe('JPY amounts have at most 0 decimals');
    expect(moneyIssue({ amount: '1', currency: 'XXX' })).toMatch(/not an ISO 4217/);
  });

  it('property: rounding is within half a minor unit, idempotent, and exact in decimals', () => {
    const currencies = fc.constantFrom('EUR', 'JPY', 'KWD', 'USD', 'CHF');
    const amounts = fc.tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 8 })).map(([units, scale]) => new Dec(units.toString()).dividedBy(new Dec(10).pow(scale)).toFixed());
    fc.assert(
      fc.property(amounts, currencies, (amount, currency) => {
        const rounded = roundToCurrency(amount, currency);
        const halfUnit = new Dec(1).dividedBy(new Dec(10).pow(minorUnits(currency))).dividedBy(2);
        expect(new Dec(rounded).minus(amount).abs().lessThanOrEqualTo(halfUnit)).toBe(true);
        expect(roundToCurrency(rounded, currency)).toBe(rounded);
        expect(rounded.split('.')[1]?.length ?? 0).toBe(minorUnits(currency));
      }),
    );
  });

  it('property: normalizing an acceptable amount keeps its value', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.constantFrom('EUR', 'JPY', 'KWD'), (units, currency) => {
        const amount = new Dec(units.toString()).dividedBy(new Dec(10).pow(minorUnits(currency))).toFixed();
        expect(moneyIssue({ amount, currency })).toBeNull();
        expect(new Dec(normalizeMoney({ amount, currency }).amount).equals(amount)).toBe(true);
      }),
    );
  });
});
