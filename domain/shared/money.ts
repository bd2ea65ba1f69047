import { Decimal } from 'decimal.js';
import currencyCodes from 'currency-codes';

/**
 * Money and decimal quantities. Amounts travel as decimal strings ("123.45") and are computed with
 * decimal.js, never with JavaScript numbers. Rounding is explicit: half-up to the currency's minor unit.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;
export type DecimalValue = Decimal.Value;

export interface Money {
  readonly amount: string;
  readonly currency: string;
}

/** A plain decimal literal: optional minus, digits, optional fraction. No exponent, no spaces. */
export const DECIMAL_PATTERN = /^-?(0|[1-9]\d{0,17})(\.\d{1,10})?$/;

export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && code !== 'XXX' && currencyCodes.code(code) !== undefined;
}

/** ISO 4217 minor unit: 2 for EUR, 0 for JPY, 3 for KWD. */
export function minorUnits(currency: string): number {
  const entry = currencyCodes.code(currency);
  if (!entry) throw new RangeError(`Unknown currency ${currency}`);
  return entry.digits;
}

/** Rounds half-up to the currency's minor unit and renders with exactly that many decimals. */
export function roundToCurrency(value: DecimalValue, currency: string): string {
  return new Dec(value).toDecimalPlaces(minorUnits(currency), Dec.ROUND_HALF_UP).toFixed(minorUnits(currency));
}

/** Why an amount is not acceptable for a currency, or null when it is. */
export function moneyIssue(money: Money, options: { allowNegative?: boolean } = {}): string | null {
  if (!isCurrencyCode(money.currency)) return `${money.currency} is not an ISO 4217 currency code`;
  if (!DECIMAL_PATTERN.test(money.amount)) return `${money.amount} is not a decimal number such as "1250.00"`;
  const value = new Dec(money.amount);
  if (!options.allowNegative && value.isNegative()) return 'must not be negative';
  if (value.decimalPlaces() > minorUnits(money.currency)) {
    return `${money.currency} amounts have at most ${minorUnits(money.currency)} decimals`;
  }
  return null;
}

/** Canonical form: rounded and padded to the currency's decimals ("12.5" EUR → "12.50"). */
export function normalizeMoney(money: Money): Money {
  return { amount: roundToCurrency(money.amount, money.currency), currency: money.currency };
}

export function zeroMoney(currency: string): Money {
  return { amount: roundToCurrency(0, currency), currency };
}
