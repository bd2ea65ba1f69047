import { Dec, roundToCurrency, type Money } from '../shared/money.ts';
import { medianDelay, type DelayRange } from './acceptance-delays.ts';
import { counterValue, OUTCOMES, type CounterName, type Counters, type Outcome } from './counters.ts';

export interface OutcomeFigures {
  readonly count: number;
  readonly amount: Money;
}

/** The figures of a group in one currency, as the API answers them. */
export type QuoteFigures = Readonly<Record<Outcome, OutcomeFigures>> & {
  readonly currency: string;
  /** Accepted and converted quotes per 100 quoted, in the same period: percentages, 2 decimals, half-up. */
  readonly rates: { readonly accepted: string | null; readonly converted: string | null };
  readonly daysToAcceptance: {
    /** The acceptances whose first sending is known (the others wait for it). */
    readonly count: number;
    /** 1 decimal, half-up. */
    readonly mean: string | null;
    readonly median: DelayRange | null;
  };
};

const count = (counters: Counters, name: CounterName) => counterValue(counters, name).toNumber();

function rate(part: Dec, whole: Dec): string | null {
  return whole.isZero() ? null : part.times(100).div(whole).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2);
}

/** The figures of summed counters: counts, amounts rounded half-up to the currency, rates, mean and median delays. */
export function quoteFigures(counters: Counters, currency: string): QuoteFigures {
  const outcomes = Object.fromEntries(
    OUTCOMES.map((outcome) => [outcome, { count: count(counters, `${outcome}Count`), amount: { amount: roundToCurrency(counterValue(counters, `${outcome}Amount`), currency), currency } }]),
  ) as Record<Outcome, OutcomeFigures>;
  const quoted = counterValue(counters, 'quotedCount');
  const delays = counterValue(counters, 'acceptanceDaysCount');
  return {
    currency,
    ...outcomes,
    rates: { accepted: rate(counterValue(counters, 'acceptedCount'), quoted), converted: rate(counterValue(counters, 'convertedCount'), quoted) },
    daysToAcceptance: {
      count: count(counters, 'acceptanceDaysCount'),
      mean: delays.isZero() ? null : counterValue(counters, 'acceptanceDaysSum').div(delays).toDecimalPlaces(1, Dec.ROUND_HALF_UP).toFixed(1),
      median: medianDelay(counters),
    },
  };
}
