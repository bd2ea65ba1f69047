import { Dec } from '../shared/money.ts';
import { counterValue, DELAY_BOUNDS, DELAY_COUNTERS, type Counters } from './counters.ts';

/** What one acceptance adds to the delay counters: its days, once to the sum and once to its bucket. */
export function delayCounters(days: number): Counters {
  const bucket = DELAY_BOUNDS.findIndex((bound) => days <= bound);
  return { acceptanceDaysSum: String(days), acceptanceDaysCount: '1', [DELAY_COUNTERS[bucket === -1 ? DELAY_BOUNDS.length : bucket]!]: '1' };
}

/** A bucket of the histogram: `toDays` is null for the open one (longer than the last bound). */
export interface DelayRange {
  readonly fromDays: number;
  readonly toDays: number | null;
}

/**
 * The median delay to acceptance, as the histogram's bucket that holds it (not interpolated: the bucket is exact, a
 * value inside it would be a guess): the bucket of the ⌈n/2⌉-th shortest delay, the lower median when n is even.
 * Null without any delay.
 */
export function medianDelay(counters: Counters): DelayRange | null {
  const rank = counterValue(counters, 'acceptanceDaysCount').div(2).ceil();
  if (rank.isZero()) return null;
  let seen = new Dec(0);
  for (const [index, counter] of DELAY_COUNTERS.entries()) {
    seen = seen.plus(counterValue(counters, counter));
    if (rank.lte(seen)) return { fromDays: index === 0 ? 0 : DELAY_BOUNDS[index - 1]! + 1, toDays: DELAY_BOUNDS[index] ?? null };
  }
  // The buckets hold every delay the sum counts: a median beyond them is a corrupt aggregate.
  throw new Error(`The delay histogram holds ${seen.toFixed()} acceptances, fewer than its count ${counterValue(counters, 'acceptanceDaysCount').toFixed()}`);
}
