import { Dec, minorUnits, type DecimalValue } from '../shared/money.ts';

/** A percentage as a fraction (10 → 0.1): a multiplication, exact, and much cheaper than dividing by 100. */
export function fraction(percent: DecimalValue): Dec {
  return new Dec(percent).times(HUNDREDTH);
}

const HUNDREDTH = new Dec('0.01');

/**
 * `part / whole` as a percentage with two decimals, half-up: both are amounts of one currency, so the division is
 * done exactly on whole minor units (BigInt) rather than with a 40-digit decimal division.
 */
export function percentage(part: Dec, whole: Dec, decimals: number): string {
  const units = (value: Dec) => BigInt(value.toFixed(decimals, Dec.ROUND_HALF_UP).replace('.', ''));
  const numerator = units(part) * 10_000n;
  const denominator = units(whole);
  const negative = numerator < 0n !== denominator < 0n;
  const [n, d] = [numerator < 0n ? -numerator : numerator, denominator < 0n ? -denominator : denominator];
  const hundredths = n / d + (2n * (n % d) >= d ? 1n : 0n);
  return new Dec(`${negative ? -hundredths : hundredths}e-2`).toFixed(2);
}

/** Half-up (away from zero) to a number of decimals: the one rounding of the engine. */
export function roundHalfUp(value: Dec, decimals: number): Dec {
  return value.toDecimalPlaces(decimals, Dec.ROUND_HALF_UP);
}

/**
 * Amounts of the document's currency, rounded half-up to its minor unit — `roundToCurrency` with the minor unit
 * looked up once per document rather than for every amount (the lookup dominated the engine's time per line).
 */
export class CurrencyRounding {
  readonly decimals: number;

  constructor(readonly currency: string) {
    this.decimals = minorUnits(currency);
  }

  round(value: DecimalValue): Dec {
    return roundHalfUp(Dec.isDecimal(value) ? (value as Dec) : new Dec(value), this.decimals);
  }

  /** Rounded, then written with exactly the minor unit's decimals (rounding first: −0.001 is "0.00", not "-0.00"). */
  text(value: DecimalValue): string {
    return this.round(value).toFixed(this.decimals);
  }
}
