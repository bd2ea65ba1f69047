import { Dec, minorUnits, type DecimalValue } from '../shared/money.ts';

/** A percentage as a fraction (10 → 0.1): a multiplication, exact, and much cheaper than dividing by 100. */
export function fraction(percent: DecimalValue): Dec {
  return new Dec(percent).times(HUNDREDTH);
}

const HUNDREDTH = new Dec('0.01');

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

  /** Rounded and written with exactly the minor unit's decimals (toFixed rounds, half-up as asked). */
  text(value: DecimalValue): string {
    return (Dec.isDecimal(value) ? (value as Dec) : new Dec(value)).toFixed(this.decimals, Dec.ROUND_HALF_UP);
  }
}
