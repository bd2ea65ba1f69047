import { Dec } from '../shared/money.ts';
import { fraction, roundHalfUp } from './rounding.ts';
import type { DiscountCombination } from './structure.ts';

/**
 * Discount arithmetic shared by the lines' waterfalls and the document discounts (PRC-3, PRC-10).
 *
 * Percentages: each step's running value is the starting value times the combined factor so far, rounded once
 * (cascade: 100 × 0.9 × 0.95 = 85.50; cumulative: 100 × (1 − 0.10 − 0.05) = 85.00). Rounding once from the start,
 * rather than at every step, makes the result independent of the order of the discounts and keeps
 * cascade ≥ cumulative exact. Fixed amounts come after the percentages and never take a value below zero.
 */

export interface DiscountStep {
  /** Running value after the step, rounded half-up to the given decimals. */
  readonly value: Dec;
  /** Signed change from the previous running value. */
  readonly change: Dec;
  readonly calculation: string;
  /** The step did not go as far as asked (below zero). */
  readonly capped: boolean;
}

const ONE = new Dec(1);
const ZERO = new Dec(0);

function atLeastZero(value: Dec): Dec {
  return value.isNegative() ? ZERO : value;
}

/** Percentages off `start`, combined in cascade or cumulatively; one step per percentage. */
export function percentageSteps(start: Dec, percents: readonly Dec[], mode: DiscountCombination, decimals: number): DiscountStep[] {
  const steps: DiscountStep[] = [];
  let factor = ONE;
  let total = ZERO;
  let previous = roundHalfUp(start, decimals);
  const startText = start.toFixed(decimals);
  const factors: string[] = [];
  for (const percent of percents) {
    let capped: boolean;
    if (mode === 'cascade') {
      const own = atLeastZero(ONE.minus(fraction(percent)));
      capped = own.isZero() && percent.greaterThan(100);
      factor = factor.times(own);
      factors.push(own.toFixed());
    } else {
      total = total.plus(percent);
      capped = total.greaterThan(100);
      factor = atLeastZero(ONE.minus(fraction(total)));
      factors.push(fraction(percent).toFixed());
    }
    const value = roundHalfUp(start.times(factor), decimals);
    const formula = mode === 'cascade' ? factors.join(' × ') : `(1 − ${factors.join(' − ')})`;
    steps.push({
      value,
      change: value.minus(previous),
      calculation: `${startText} × ${formula} = ${value.toFixed(decimals)}${capped ? ' (capped: not below zero)' : ''}`,
      capped,
    });
    previous = value;
  }
  return steps;
}

/** An amount off a running value; a positive value never goes below zero. */
export function amountStep(running: Dec, amount: Dec, decimals: number): DiscountStep {
  const wanted = roundHalfUp(running.minus(amount), decimals);
  const floor = Dec.min(running, 0);
  const capped = wanted.lessThan(floor);
  const value = capped ? floor : wanted;
  return {
    value,
    change: value.minus(running),
    calculation: `${running.toFixed(decimals)} − ${amount.toFixed(decimals)} = ${value.toFixed(decimals)}${capped ? ' (capped: not below zero)' : ''}`,
    capped,
  };
}

/**
 * Splits `total` over the weights pro rata, at `decimals`, so that the parts add up to `total` exactly: each part
 * is rounded down, then the missing units go to the largest remainders (the earliest first on a tie). Decimals
 * become whole numbers of their smallest unit, so that the arithmetic is exact and cheap (BigInt).
 */
export function allocateProRata(total: Dec, weights: readonly Dec[], decimals: number): Dec[] {
  const units = (value: Dec, places: number) => BigInt(value.toFixed(places, Dec.ROUND_HALF_UP).replace('.', ''));
  const weightPlaces = weights.reduce((max, weight) => Math.max(max, weight.decimalPlaces()), 0);
  let sum = 0n;
  const weightUnits = weights.map((weight) => {
    const value = units(weight, weightPlaces);
    sum += value;
    return value;
  });
  if (sum === 0n) return weights.map(() => ZERO);
  // Dividing by a positive sum keeps the floor and the remainders simple.
  const sign = sum < 0n ? -1n : 1n;
  const divisor = sum * sign;
  const totalUnits = units(total, decimals);
  let missing = totalUnits;
  const shares = weightUnits.map((weight, i) => {
    const product = totalUnits * weight * sign;
    let floor = product / divisor;
    let remainder = product % divisor;
    if (remainder < 0n) {
      floor -= 1n;
      remainder += divisor;
    }
    missing -= floor;
    return { i, floor, remainder };
  });
  const order = [...shares].sort((a, b) => (a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1));
  for (const share of order.slice(0, Number(missing))) share.floor += 1n;
  return shares.map((share) => new Dec(`${share.floor}e-${decimals}`));
}
