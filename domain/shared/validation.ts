import * as z from 'zod';
import { DECIMAL_PATTERN, Dec, isCurrencyCode, moneyIssue } from './money.ts';
import { ValidationError, type FieldIssue } from './errors.ts';
import { isCountryCode, isLanguageTag } from './reference-data.ts';

/**
 * Zod building blocks shared by every context, and the one translation of zod issues into
 * field issues (JSON pointers + readable reasons).
 */

export function pointer(path: readonly PropertyKey[], base = ''): string {
  return base + path.map((segment) => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Fields the server owns: a client that sends them is told so, rather than "unknown field". */
const SERVER_OWNED = new Set(['id', 'version', 'state', 'createdAt', 'updatedAt', 'outstanding', 'customerId', 'convertedToCustomerId']);
export const SERVER_OWNED_MESSAGE = 'is set by the server and cannot be written';

/**
 * Translates zod issues into field issues. `fixed` names top-level fields a client may not send here
 * (such as a product's id on an update) with the reason to give instead of "is not a known field".
 */
export function issuesFrom(error: z.ZodError, base = '', fixed: Readonly<Record<string, string>> = {}): FieldIssue[] {
  return error.issues.flatMap((issue): FieldIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        pointer: pointer([...issue.path, key], base),
        // hasOwn: a key such as `constructor` must not find Object.prototype's.
        message: (issue.path.length === 0 && Object.hasOwn(fixed, key) ? fixed[key] : undefined) ?? (SERVER_OWNED.has(key) ? SERVER_OWNED_MESSAGE : 'is not a known field'),
      }));
    }
    return [{ pointer: pointer(issue.path, base), message: describe(issue) }];
  });
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return 'is required';
    return issue.expected === 'int' ? 'must be a whole number' : `must be ${article(issue.expected)}`;
  }
  return issue.message;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** Parses or throws a ValidationError naming every offending field (see issuesFrom for `fixed`). */
export function parseWith<T extends z.ZodType>(schema: T, input: unknown, base = '', fixed: Readonly<Record<string, string>> = {}): z.output<T> {
  // reportInput: zod 4 keeps the offending value only when asked, and "is required" must not be said of a wrong type.
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) throw new ValidationError(issuesFrom(result.error, base, fixed));
  return result.data;
}

/**
 * The names every JavaScript object already has (`constructor`, `toString`, `__proto__`…). A free-form map
 * refuses them as keys: read back they would be the built-in, not the client's value, and `__proto__` would be
 * dropped on the way in.
 */
export const RESERVED_KEYS: readonly string[] = Object.getOwnPropertyNames(Object.prototype).sort();

/** A map whose keys are the client's data (product parameters…): keys as `key` says, built-in names refused. */
export function freeFormMap<K extends z.ZodType<string>, V extends z.ZodType>(key: K, value: V, params?: Parameters<typeof z.record>[2]) {
  return z.preprocess((input, ctx) => {
    if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
      for (const name of Object.keys(input)) {
        if (RESERVED_KEYS.includes(name)) ctx.addIssue({ code: 'custom', path: [name], message: 'is a reserved name', input });
      }
    }
    return input;
  }, z.record(key, value, params));
}

/** A business code a person types and reads (customer code, price group): letters, digits, `.`, `-`, `_`. */
export const businessCode = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'must be 1 to 40 letters, digits, dots, dashes or underscores');

/** What no text holds: C0 and C1 controls, bidirectional embeddings, overrides and isolates, unpaired surrogates. */
const NOT_TEXT = String.raw`\p{Cc}\u202A-\u202E\u2066-\u2069\p{Cs}`;
/** Names, codes, labels: one line. The contract states the same patterns. */
export const SINGLE_LINE = new RegExp(`^[^${NOT_TEXT}]*$`, 'u');
/** Notes and descriptions: lines, separated by line feeds, and tabs. */
export const MULTI_LINE = new RegExp(String.raw`^(?:[\t\n]|[^${NOT_TEXT}])*$`, 'u');

/** Single-line text, trimmed, of 1 to `max` characters (code points, as the contract's maxLength counts). */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .regex(SINGLE_LINE, 'must be one line, without control characters or bidirectional overrides');

/** Multi-line text (notes): tabs and line feeds allowed, no other control character. */
export const note = (max: number) =>
  z.string().max(max, `must be at most ${max} characters`).regex(MULTI_LINE, 'may hold tabs and line feeds, but no other control character nor bidirectional override');

/** `abort`: the refinements chained on it (decimal comparisons) never see a value that is not a decimal. */
export const decimalString = z.string().regex(DECIMAL_PATTERN, { message: 'must be a decimal number written as a string, such as "12.50"', abort: true });

export const percentage = decimalString.refine((value) => {
  const n = new Dec(value);
  return !n.isNegative() && n.lessThanOrEqualTo(100);
}, 'must be between 0 and 100');

export const money = z
  .strictObject({
    amount: z.string(),
    currency: z.string(),
  })
  .superRefine((value, ctx) => {
    const issue = moneyIssue(value);
    if (issue) ctx.addIssue({ code: 'custom', message: issue, path: [DECIMAL_PATTERN.test(value.amount) ? 'currency' : 'amount'] });
  });

export const countryCode = z.string().refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code such as "FR"');

/** Not aborting, so that the object's own checks still report; those that read the currency check it first. */
export const currencyCode = z.string().refine(isCurrencyCode, 'must be an ISO 4217 currency code such as "EUR"');

export const languageTag = z.string().max(35).refine(isLanguageTag, 'must be a language tag such as "fr" or "fr-BE"');

export const isoDate = z.iso.date({ message: 'must be a date such as "2026-12-31"' });

export const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time such as "08:30"');

export const wholeNumber = (min: number, max: number) =>
  z.int({ message: 'must be a whole number' }).min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
