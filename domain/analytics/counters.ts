import { Dec } from '../shared/money.ts';

/** What the analytics count of quotes (QUO-7), each as a count and an amount (the net of the version concerned). */
export const OUTCOMES = ['quoted', 'accepted', 'converted', 'declined', 'expired'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * The delays to acceptance, in whole days, are counted in a histogram (the median needs more than a sum): each bucket
 * holds the delays up to its bound, inclusive, and above the bound before it; the last holds what is longer.
 */
export const DELAY_BOUNDS = [0, 1, 2, 3, 5, 7, 10, 14, 21, 30, 45, 60, 90] as const;
type DelayBound = (typeof DELAY_BOUNDS)[number];
type LastDelayBound = typeof DELAY_BOUNDS extends readonly [...unknown[], infer Last extends number] ? Last : never;
export type DelayCounter = `acceptedWithin${DelayBound}Days` | `acceptedAfter${LastDelayBound}Days`;

export const DELAY_COUNTERS: readonly DelayCounter[] = [
  ...DELAY_BOUNDS.map((bound) => `acceptedWithin${bound}Days` as const),
  `acceptedAfter${DELAY_BOUNDS[DELAY_BOUNDS.length - 1] as LastDelayBound}Days`,
];

export type CounterName = `${Outcome}Count` | `${Outcome}Amount` | 'acceptanceDaysSum' | 'acceptanceDaysCount' | DelayCounter;

export const COUNTER_NAMES: readonly CounterName[] = [
  ...OUTCOMES.flatMap((outcome) => [`${outcome}Count`, `${outcome}Amount`] as const),
  // Only the acceptances whose first sending is known have a delay: these two give its mean.
  'acceptanceDaysSum',
  'acceptanceDaysCount',
  ...DELAY_COUNTERS,
];

/** Counter values as decimal strings (amounts are money); an absent counter is 0. */
export type Counters = Readonly<Partial<Record<CounterName, string>>>;

/** The sum of both, counter by counter; the counters that come to 0 are left out. */
export function addCounters(a: Counters, b: Counters): Counters {
  const sum: Partial<Record<CounterName, string>> = {};
  for (const name of COUNTER_NAMES) {
    const value = new Dec(a[name] ?? 0).plus(b[name] ?? 0);
    if (!value.isZero()) sum[name] = value.toFixed();
  }
  return sum;
}

export function negateCounters(counters: Counters): Counters {
  return Object.fromEntries(Object.entries(counters).map(([name, value]) => [name, new Dec(value ?? 0).negated().toFixed()]));
}

export const counterValue = (counters: Counters, name: CounterName) => new Dec(counters[name] ?? 0);
