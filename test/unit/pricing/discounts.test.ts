import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateProRata, amountStep, percentageSteps } from '../../../domain/pricing/discounts.ts';
import { Dec } from '../../../domain/shared/money.ts';

const d = (value: string | number) => new Dec(value);
const values = (steps: { value: Dec }[]) => steps.map((step) => step.value.toFixed(2));

describe('discount combination', () => {
  it('cascade: 10 % then 5 % of 100.00 → 90.00 → 85.50', () => {
    const steps = percentageSteps(d('100.00'), [d(10), d(5)], 'cascade', 2);
    expect(values(steps)).toEqual(['90.00', '85.50']);
    expect(steps.map((s) => s.change.toFixed(2))).toEqual(['-10.00', '-4.50']);
    expect(steps.map((s) => s.calculation)).toEqual(['100.00 × 0.9 = 90.00', '100.00 × 0.9 × 0.95 = 85.50']);
  });

  it('cumulative: 10 % + 5 % of 100.00 → 90.00 → 85.00', () => {
    const steps = percentageSteps(d('100.00'), [d(10), d(5)], 'cumulative', 2);
    expect(values(steps)).toEqual(['90.00', '85.00']);
    expect(steps.map((s) => s.calculation)).toEqual(['100.00 × (1 − 0.1) = 90.00', '100.00 × (1 − 0.1 − 0.05) = 85.00']);
  });

  it('rounds each running value half-up once, from the start', () => {
    // 0.05 × 0.5 = 0.025 → 0.03 (half-up)
    expect(values(percentageSteps(d('0.05'), [d(50)], 'cascade', 2))).toEqual(['0.03']);
    // 1.01 × 0.88 × 0.95 = 0.84436 → 0.84 in either order; rounding at every step would give 0.89 → 0.85 one way
    // (12 % then 5 %) and 0.96 → 0.84 the other.
    expect(values(percentageSteps(d('1.01'), [d(12), d(5)], 'cascade', 2))).toEqual(['0.89', '0.84']);
    expect(values(percentageSteps(d('1.01'), [d(5), d(12)], 'cascade', 2))).toEqual(['0.96', '0.84']);
  });

  it('never goes below zero, and says so', () => {
    const cumulative = percentageSteps(d('100'), [d(60), d(60)], 'cumulative', 2);
    expect(values(cumulative)).toEqual(['40.00', '0.00']);
    expect(cumulative[1]!.capped).toBe(true);
    expect(cumulative[1]!.calculation).toBe('100.00 × (1 − 0.6 − 0.6) = 0.00 (capped: not below zero)');
    const amount = amountStep(d('5'), d('7.5'), 2);
    expect(amount.value.toFixed(2)).toBe('0.00');
    expect(amount.change.toFixed(2)).toBe('-5.00');
    expect(amount.calculation).toBe('5.00 − 7.50 = 0.00 (capped: not below zero)');
    expect(amountStep(d('85.5'), d('2'), 4).calculation).toBe('85.5000 − 2.0000 = 83.5000');
    expect(amountStep(d('-10'), d('2'), 2).value.toFixed(2)).toBe('-10.00'); // a return keeps its value
  });
});

describe('pro rata allocation', () => {
  it('splits exactly, the missing cents going to the largest remainders', () => {
    expect(allocateProRata(d('10.00'), [d(1), d(1), d(1)], 2).map((p) => p.toFixed(2))).toEqual(['3.34', '3.33', '3.33']);
    expect(allocateProRata(d('5.13'), [d('256.50')], 2).map((p) => p.toFixed(2))).toEqual(['5.13']);
    expect(allocateProRata(d('1.00'), [d('10'), d('30'), d('60')], 2).map((p) => p.toFixed(2))).toEqual(['0.10', '0.30', '0.60']);
    expect(allocateProRata(d('0.05'), [d('2'), d('1')], 2).map((p) => p.toFixed(2))).toEqual(['0.03', '0.02']);
    expect(allocateProRata(d('3'), [d(0), d(0)], 0).map((p) => p.toFixed(0))).toEqual(['0', '0']);
  });
});

describe('properties', () => {
  const price = fc.integer({ min: 0, max: 10 ** 9 }).map((cents) => d(cents).dividedBy(100));
  const percent = fc.integer({ min: 0, max: 10000 }).map((hundredths) => d(hundredths).dividedBy(100));
  const percents = fc.array(percent, { minLength: 1, maxLength: 5 });
  const decimals = fc.integer({ min: 0, max: 6 });

  it('cascade never gives less than cumulative for the same percentages', () => {
    fc.assert(
      fc.property(price, percents, decimals, (start, ps, places) => {
        const cascade = percentageSteps(start, ps, 'cascade', places).at(-1)!.value;
        const cumulative = percentageSteps(start, ps, 'cumulative', places).at(-1)!.value;
        expect(cascade.greaterThanOrEqualTo(cumulative)).toBe(true);
      }),
    );
  });

  it('the order of the discounts does not change the result, in cascade or cumulative', () => {
    fc.assert(
      fc.property(price, percents, decimals, fc.constantFrom('cascade' as const, 'cumulative' as const), (start, ps, places, mode) => {
        const result = percentageSteps(start, ps, mode, places).at(-1)!.value;
        expect(percentageSteps(start, [...ps].reverse(), mode, places).at(-1)!.value.equals(result)).toBe(true);
        expect(percentageSteps(start, [...ps.slice(1), ps[0]!], mode, places).at(-1)!.value.equals(result)).toBe(true);
      }),
    );
  });

  it('every running value is the exact value rounded half-up: within half a unit, at the precision, never below zero', () => {
    fc.assert(
      fc.property(price, percents, decimals, fc.constantFrom('cascade' as const, 'cumulative' as const), (start, ps, places, mode) => {
        const steps = percentageSteps(start, ps, mode, places);
        const half = d(10).pow(-places).dividedBy(2);
        let factor = d(1);
        let total = d(0);
        ps.forEach((p, i) => {
          factor = mode === 'cascade' ? factor.times(d(1).minus(p.dividedBy(100))) : factor;
          total = total.plus(p);
          const exact = mode === 'cascade' ? start.times(factor) : start.times(Dec.max(0, d(1).minus(total.dividedBy(100))));
          const value = steps[i]!.value;
          expect(value.minus(exact).abs().lessThanOrEqualTo(half)).toBe(true);
          expect(value.decimalPlaces()).toBeLessThanOrEqual(places);
          expect(value.isNegative()).toBe(false);
        });
        // The changes add up to the difference between the start and the result.
        const changes = steps.reduce((sum, step) => sum.plus(step.change), d(0));
        expect(start.toDecimalPlaces(places, Dec.ROUND_HALF_UP).plus(changes).equals(steps.at(-1)!.value)).toBe(true);
      }),
    );
  });

  it('allocation parts add up to the total exactly, each within one unit of its exact share', () => {
    const weights = fc.array(fc.integer({ min: 0, max: 10 ** 7 }).map((cents) => d(cents).dividedBy(100)), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(price, weights, decimals, (total, ws, places) => {
        const sum = ws.reduce((acc, w) => acc.plus(w), d(0));
        fc.pre(!sum.isZero());
        const amount = total.toDecimalPlaces(places, Dec.ROUND_HALF_UP);
        const parts = allocateProRata(amount, ws, places);
        expect(parts.reduce((acc, p) => acc.plus(p), d(0)).equals(amount)).toBe(true);
        const unit = d(10).pow(-places);
        parts.forEach((part, i) => expect(part.minus(amount.times(ws[i]!).dividedBy(sum)).abs().lessThan(unit)).toBe(true));
      }),
    );
  });
});
