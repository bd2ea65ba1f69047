import { describe, expect, it } from 'vitest';
import { RatesOnDate } from '../../../domain/pricing/exchange-rates.ts';
import type { ExchangeRate } from '../../../domain/pricing/model.ts';

const rate = (from: string, to: string, value: string, validFrom: string): ExchangeRate => ({ from, to, rate: value, validFrom });
const into = (rates: ExchangeRate[], date: string) => new RatesOnDate(rates, 'EUR', date).into('USD');

describe('the exchange rate in force on the document date', () => {
  it('is the latest of both directions: a newer inverse rate beats an older direct one, and the other way round', () => {
    const oldDirect = rate('USD', 'EUR', '0.90', '2026-01-01');
    const newInverse = rate('EUR', 'USD', '1.25', '2026-06-01');
    expect(into([oldDirect, newInverse], '2026-07-01')).toMatchObject({ description: '1 / 1.25 EUR per USD (rate of 2026-06-01, EUR→USD inverted)' });
    expect(into([oldDirect, newInverse], '2026-07-01')!.rate.toFixed()).toBe('0.8');
    // Before the inverse was entered, the direct rate was the one in force.
    expect(into([oldDirect, newInverse], '2026-05-31')!.rate.toFixed()).toBe('0.9');
    const newDirect = rate('USD', 'EUR', '0.95', '2026-09-01');
    expect(into([oldDirect, newInverse, newDirect], '2026-09-01')!.description).toBe('0.95 EUR per USD (rate of 2026-09-01)');
  });

  it('prefers the rate quoted into the document currency when both directions start the same day, and knows none before any', () => {
    const rates = [rate('EUR', 'USD', '1.25', '2026-06-01'), rate('USD', 'EUR', '0.81', '2026-06-01')];
    expect(into(rates, '2026-06-01')!.rate.toFixed()).toBe('0.81');
    expect(into(rates, '2026-05-31')).toBeNull();
  });
});
