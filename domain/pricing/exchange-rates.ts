import { Dec } from '../shared/money.ts';
import type { ExchangeRate } from './model.ts';

/** A rate into the document's currency, and how it was found (for the explanation). */
export interface Conversion {
  readonly from: string;
  readonly rate: Dec;
  /** "0.92 EUR per USD (rate of 2026-01-01)"; empty when no conversion is needed. */
  readonly description: string;
}

/**
 * The exchange rates into one currency valid on one date (the document's), resolved once per currency.
 * The latest rate from on or before the date wins, in either direction; a rate quoted the other way round is inverted.
 */
export class RatesOnDate {
  private readonly byPair = new Map<string, ExchangeRate[]>();
  private readonly resolved = new Map<string, Conversion | null>();

  constructor(
    rates: readonly ExchangeRate[],
    readonly currency: string,
    readonly date: string,
  ) {
    for (const rate of rates) {
      if (rate.validFrom > date || (rate.to !== currency && rate.from !== currency)) continue;
      const key = `${rate.from}>${rate.to}`;
      const list = this.byPair.get(key);
      if (list) list.push(rate);
      else this.byPair.set(key, [rate]);
    }
  }

  /** The conversion of `from` amounts into the document's currency, or null when no rate is known on the date. */
  into(from: string): Conversion | null {
    if (from === this.currency) return { from, rate: new Dec(1), description: '' };
    let conversion = this.resolved.get(from);
    if (conversion === undefined) {
      conversion = this.resolve(from);
      this.resolved.set(from, conversion);
    }
    return conversion;
  }

  /** The rate in force on the date, whichever way it was quoted: the latest of both directions (direct on a tie). */
  private resolve(from: string): Conversion | null {
    const direct = latest(this.byPair.get(`${from}>${this.currency}`));
    const inverse = latest(this.byPair.get(`${this.currency}>${from}`));
    if (direct && (!inverse || direct.validFrom >= inverse.validFrom)) {
      return { from, rate: new Dec(direct.rate), description: `${direct.rate} ${this.currency} per ${from} (rate of ${direct.validFrom})` };
    }
    if (inverse) {
      return { from, rate: new Dec(1).dividedBy(inverse.rate), description: `1 / ${inverse.rate} ${this.currency} per ${from} (rate of ${inverse.validFrom}, ${this.currency}→${from} inverted)` };
    }
    return null;
  }
}

function latest(rates: readonly ExchangeRate[] | undefined): ExchangeRate | undefined {
  return rates?.reduce((best, rate) => (rate.validFrom > best.validFrom ? rate : best));
}
