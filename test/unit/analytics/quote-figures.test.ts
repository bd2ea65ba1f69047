import { describe, expect, it } from 'vitest';
import { delayCounters, medianDelay } from '../../../domain/analytics/acceptance-delays.ts';
import { addCounters, type Counters } from '../../../domain/analytics/counters.ts';
import { quoteFigures } from '../../../domain/analytics/quote-figures.ts';

const delays = (...days: number[]): Counters => days.map(delayCounters).reduce(addCounters, {});

describe('the figures of summed counters', () => {
  it('rounds amounts half-up to the currency and rates to 2 decimals, per 100 quoted', () => {
    const figures = quoteFigures({ quotedCount: '3', quotedAmount: '1000.005', acceptedCount: '1', acceptedAmount: '333.335', convertedCount: '2', convertedAmount: '0.1' }, 'EUR');
    expect(figures.quoted).toEqual({ count: 3, amount: { amount: '1000.01', currency: 'EUR' } });
    expect(figures.accepted).toEqual({ count: 1, amount: { amount: '333.34', currency: 'EUR' } });
    expect(figures.declined).toEqual({ count: 0, amount: { amount: '0.00', currency: 'EUR' } });
    expect(figures.rates).toEqual({ accepted: '33.33', converted: '66.67' });
    expect(quoteFigures({ quotedCount: '8', acceptedCount: '1' }, 'EUR').rates.accepted).toBe('12.50');
    expect(quoteFigures({ quotedAmount: '1234.5' }, 'JPY').quoted.amount).toEqual({ amount: '1235', currency: 'JPY' });
  });

  it('has no rate without anything quoted, and may exceed 100 when earlier quotes are accepted in the period', () => {
    expect(quoteFigures({ acceptedCount: '2' }, 'EUR').rates).toEqual({ accepted: null, converted: null });
    expect(quoteFigures({ quotedCount: '2', acceptedCount: '3' }, 'EUR').rates.accepted).toBe('150.00');
  });

  it('gives the mean delay with 1 decimal, half-up, and none without acceptances', () => {
    expect(quoteFigures(delays(1, 2, 2), 'EUR').daysToAcceptance).toMatchObject({ count: 3, mean: '1.7' });
    expect(quoteFigures(delays(0, 1, 1, 1), 'EUR').daysToAcceptance.mean).toBe('0.8');
    expect(quoteFigures(delays(2, 3), 'EUR').daysToAcceptance.mean).toBe('2.5');
    expect(quoteFigures({}, 'EUR').daysToAcceptance).toEqual({ count: 0, mean: null, median: null });
  });
});

describe('the median delay', () => {
  it("is the histogram's bucket holding the middle delay", () => {
    expect(medianDelay(delays(0))).toEqual({ fromDays: 0, toDays: 0 });
    expect(medianDelay(delays(0, 4, 5))).toEqual({ fromDays: 4, toDays: 5 });
    expect(medianDelay(delays(1, 9, 12, 40, 200))).toEqual({ fromDays: 11, toDays: 14 });
    expect(medianDelay(delays(91, 120, 3))).toEqual({ fromDays: 91, toDays: null });
  });

  it('is the lower median for an even count', () => {
    expect(medianDelay(delays(1, 2, 30, 60))).toEqual({ fromDays: 2, toDays: 2 });
  });

  it('puts each delay in the bucket of its bounds, both included', () => {
    const buckets = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 14, 15, 21, 22, 30, 31, 45, 46, 60, 61, 90, 91].map((days) => medianDelay(delayCounters(days)));
    expect(buckets.map((range) => `${range!.fromDays}-${range!.toDays ?? '∞'}`)).toEqual([
      '0-0', '1-1', '2-2', '3-3', '4-5', '4-5', '6-7', '6-7', '8-10', '8-10', '11-14', '11-14', '15-21', '15-21', '22-30', '22-30', '31-45', '31-45', '46-60', '46-60', '61-90', '61-90', '91-∞',
    ]);
  });

  it('refuses a histogram that holds fewer delays than it counts (a corrupt aggregate)', () => {
    expect(() => medianDelay({ acceptanceDaysCount: '4', acceptedWithin3Days: '1' })).toThrow(/holds 1 acceptances, fewer than its count 4/);
  });
});
