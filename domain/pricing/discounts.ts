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

/** Percentages off `start`, combined in cascade or cumulatively; one step per percentage. */
export function percentageSteps(start: Dec, percents: readonly Dec[], mode: DiscountCombination, decimals: number): DiscountStep[] {
  const steps: DiscountStep[] = [];
  let factor = new Dec(1);
  let total = new Dec(0);
  let previous = roundHalfUp(start, decimals);
  const factors: string[] = [];
  for (const percent of percents) {
    let capped: boolean;
    if (mode === 'cascade') {
      const own = Dec.max(0, new Dec(1).minus(fraction(percent)));
      capped = own.isZero() && percent.greaterThan(100);
      factor = factor.times(own);
      factors.push(own.toFixed());
    } else {
      total = total.plus(percent);
      capped = total.greaterThan(100);
      factor = Dec.max(0, new Dec(1).minus(fraction(total)));
      factors.push(fraction(percent).toFixed());
    }
    const value = roundHalfUp(start.times(factor), decimals);
    const formula = mode === 'cascade' ? factors.join(' × ') : `(1 − ${factors.join(' − ')})`;
    steps.push({
      value,
      change: value.minus(previous),
      calculation: `${start.toFixed(decimals)} × ${formula} = ${value.toFixed(decimals)}${capped ? ' (capped: not below zero)' : ''}`,
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
 * is rounded down, then the missing units go to the largest remainders (the earliest first on a tie).
 */
export function allocateProRata(total: Dec, weights: readonly Dec[], decimals: number): Dec[] {
  const sum = weights.reduce((acc, weight) => acc.plus(weight), new Dec(0));
  if (sum.isZero()) return weights.map(() => new Dec(0));
  const unit = new Dec(10).pow(-decimals);
  const exact = weights.map((weight) => total.times(weight).dividedBy(sum));
  const parts = exact.map((share) => share.toDecimalPlaces(decimals, Dec.ROUND_FLOOR));
  let missing = total.minus(parts.reduce((acc, part) => acc.plus(part), new Dec(0))).dividedBy(unit).round().toNumber();
  const order = exact.map((share, i) => ({ i, remainder: share.minus(parts[i]!) })).sort((a, b) => b.remainder.comparedTo(a.remainder) || a.i - b.i);
  for (const { i } of order) {
    if (missing <= 0) break;
    parts[i] = parts[i]!.plus(unit);
    missing -= 1;
  }
  return parts;
}
