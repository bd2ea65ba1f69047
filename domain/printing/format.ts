import { minorUnits } from '../shared/money.ts';
import type { PrintLanguage } from './printable-document.ts';

/**
 * Numbers as a reader of the document's language writes them, from the decimal strings the domain computed. The
 * digits are only regrouped and padded, never parsed into a JavaScript number, so nothing can be rounded on the way;
 * Intl is asked for the locale's symbols and where the currency goes (by formatting 1, which loses nothing).
 */

export const LOCALES: Readonly<Record<PrintLanguage, string>> = { fr: 'fr-FR', en: 'en-GB' };

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

interface Pattern {
  readonly group: string;
  readonly decimal: string;
  /** What comes before and after the digits: `€` in English, a no-break space and `€` in French. */
  readonly prefix: string;
  readonly suffix: string;
}

const patterns = new Map<string, Pattern>();

function patternOf(language: PrintLanguage, options: Intl.NumberFormatOptions, key: string): Pattern {
  const cacheKey = `${language}:${key}`;
  let pattern = patterns.get(cacheKey);
  if (pattern === undefined) {
    const parts = new Intl.NumberFormat(LOCALES[language], { ...options, minimumFractionDigits: 1, useGrouping: 'always' }).formatToParts(1000);
    const digits = parts.map((part) => ['integer', 'group', 'decimal', 'fraction'].includes(part.type));
    const first = digits.indexOf(true);
    const last = digits.lastIndexOf(true);
    const join = (from: number, to: number) => parts.slice(from, to).map((part) => part.value).join('');
    pattern = {
      group: parts.find((part) => part.type === 'group')!.value,
      decimal: parts.find((part) => part.type === 'decimal')!.value,
      prefix: join(0, first),
      suffix: join(last + 1, parts.length),
    };
    patterns.set(cacheKey, pattern);
  }
  return pattern;
}

/**
 * `value` with its integer part grouped by thousands, its fraction trimmed of trailing zeros down to `minDecimals`
 * and padded up to it. Throws on anything but a plain decimal: the domain hands over only those.
 */
function digits(value: string, pattern: Pattern, minDecimals: number): { sign: string; text: string } {
  const match = DECIMAL.exec(value);
  if (match === null) throw new TypeError(`${JSON.stringify(value)} is not a decimal number`);
  const [, sign = '', integer = '', fraction = ''] = match;
  const decimals = fraction.replace(/0+$/, '').padEnd(minDecimals, '0');
  const grouped = integer.replace(/\B(?=(\d{3})+$)/g, pattern.group);
  return { sign, text: decimals === '' ? grouped : `${grouped}${pattern.decimal}${decimals}` };
}

function format(value: string, pattern: Pattern, minDecimals: number): string {
  const { sign, text } = digits(value, pattern, minDecimals);
  return `${sign}${pattern.prefix}${text}${pattern.suffix}`;
}

/** `-1234.5` EUR → fr `-1 234,50 €` (narrow no-break space, no-break space), en `-€1,234.50`; finer prices keep their decimals. */
export function formatAmount(amount: string, currency: string, language: PrintLanguage): string {
  return format(amount, patternOf(language, { style: 'currency', currency }, currency), minorUnits(currency));
}

/** An amount taken off a total (a document discount, given positive): with a minus sign in front. */
export function formatDeduction(amount: string, currency: string, language: PrintLanguage): string {
  return formatAmount(amount.startsWith('-') ? amount : `-${amount}`, currency, language);
}

/** `2.500` → fr `2,5`, en `2.5`; `1500` → fr `1 500`. */
export function formatQuantity(quantity: string, language: PrintLanguage): string {
  return format(quantity, patternOf(language, {}, 'decimal'), 0);
}

/** `20.00` → fr `20 %`, en `20%`. The value is already a percentage: only the sign is added. */
export function formatPercent(rate: string, language: PrintLanguage): string {
  return format(rate, patternOf(language, { style: 'percent' }, 'percent'), 0);
}

/** `2027-03-01` → fr `1er mars 2027`, en `1 March 2027`: the calendar date as written, whatever the time zone. */
export function formatDate(isoDate: string, language: PrintLanguage): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const parts = DATE_FORMATS[language].formatToParts(Date.UTC(year, month - 1, day));
  return parts.map((part) => (part.type === 'day' && part.value === '1' && language === 'fr' ? '1er' : part.value)).join('');
}

const DATE_FORMATS: Readonly<Record<PrintLanguage, Intl.DateTimeFormat>> = {
  fr: new Intl.DateTimeFormat(LOCALES.fr, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat(LOCALES.en, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

const REGION_NAMES: Readonly<Record<PrintLanguage, Intl.DisplayNames>> = {
  fr: new Intl.DisplayNames(LOCALES.fr, { type: 'region' }),
  en: new Intl.DisplayNames(LOCALES.en, { type: 'region' }),
};

/** `BE` → fr `Belgique`, en `Belgium`. */
export function countryName(countryCode: string, language: PrintLanguage): string {
  return REGION_NAMES[language].of(countryCode) ?? countryCode;
}
