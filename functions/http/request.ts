import * as z from 'zod';
import { ValidationError } from '../../domain/shared/errors.ts';
import { ID_PREFIXES, idPattern, type IdKind } from '../../domain/shared/ids.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type PageRequest } from '../../domain/shared/page.ts';
import { parseWith, pointer } from '../../domain/shared/validation.ts';
import type { HttpEvent } from '../middleware/http-event.ts';
import { HttpProblem } from '../middleware/http-problem.ts';

/** Reading the parts of a request that are not the body: path ids, query, If-Match. */

/** "must be a price list id (prl_…)": the kind in words, and the prefix that tells it. */
const idMessage = (kind: IdKind) => `must be a ${kind.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`)} id (${ID_PREFIXES[kind]}_…)`;

export function pathId(event: HttpEvent, name: string, kind: IdKind): string {
  const value = event.pathParameters?.[name] ?? '';
  if (!idPattern(kind).test(value)) throw ValidationError.field(`/path/${name}`, idMessage(kind));
  return value;
}

/** Query filters shared by the lists: an id (`?familyId=fam_…`), a sync point (`?updatedSince=`). */
export const idFilter = (kind: IdKind) => z.string().regex(idPattern(kind), idMessage(kind)).optional();

/** UTC, normalised to the stored form (milliseconds) so that it compares with stored timestamps as text. */
export const updatedSinceFilter = z.iso
  .datetime({ offset: false, message: 'must be a UTC timestamp such as "2026-11-27T10:00:00Z"' })
  .transform((value) => new Date(value).toISOString())
  .optional();

const pageSchema = z.strictObject({
  limit: z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`)
    .default(DEFAULT_PAGE_SIZE),
  cursor: z.string().min(1).max(2048).optional(),
});

/**
 * The query parameters, each given once: none of the contract's parameters is an array, and a repeated one
 * (`?limit=1&limit=2`) would otherwise be read as its last value. A value with U+FFFD came from bytes that
 * were not UTF-8.
 */
function queryParameters(event: HttpEvent): Record<string, string | undefined> {
  const issues = Object.entries(event.multiValueQueryStringParameters ?? {}).flatMap(([name, values]) => {
    const at = pointer([name], '/query');
    if ((values ?? []).length > 1) return [{ pointer: at, message: 'must be given once' }];
    return (values ?? []).some((value) => value.includes('\uFFFD')) ? [{ pointer: at, message: 'must be percent-encoded UTF-8' }] : [];
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return event.queryStringParameters ?? {};
}

/** Parses the query string with the page parameters and the operation's own filters; unknown parameters are refused. */
export function parseQuery<S extends z.ZodRawShape>(event: HttpEvent, filters: S): { page: PageRequest; filters: z.output<z.ZodObject<S>> } {
  const { limit, cursor, ...rest } = queryParameters(event);
  const page = parseWith(pageSchema, { limit, cursor }, '/query');
  return {
    page: { limit: page.limit, ...(page.cursor ? { cursor: page.cursor } : {}) },
    filters: parseWith(z.strictObject(filters), rest, '/query'),
  };
}

/** Parses the query string of an operation that does not page; unknown parameters are refused. */
export function parseQueryParams<S extends z.ZodRawShape>(event: HttpEvent, shape: S): z.output<z.ZodObject<S>> {
  return parseWith(z.strictObject(shape), queryParameters(event), '/query');
}

/**
 * An exact-match filter (`?code=`) finds one item: with other filters or a cursor it is refused rather than
 * half-applied.
 */
export function assertSoleFilter(name: string, filters: Readonly<Record<string, unknown>>, page: PageRequest): void {
  const others = [...Object.keys(filters).filter((key) => key !== name && filters[key] !== undefined), ...(page.cursor ? ['cursor'] : [])];
  if (others.length > 0) throw ValidationError.field(`/query/${name}`, `finds one item and cannot be combined with ${others.join(', ')}`);
}

/** The version the client last read, from `If-Match: "3"`; required on every change to an existing resource. */
export function expectedVersion(event: HttpEvent): number {
  const value = event.normalizedHeaders['if-match'];
  if (value === undefined) {
    throw new HttpProblem(428, 'if_match_required', 'Send If-Match with the ETag you last read, so that concurrent changes are not overwritten', [
      { pointer: '/header/If-Match', message: 'is required' },
    ]);
  }
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(value.trim());
  if (!match) {
    throw new HttpProblem(400, 'invalid_if_match', 'If-Match must be the ETag returned by a read, such as "3"', [
      { pointer: '/header/If-Match', message: 'must be an ETag such as "3"' },
    ]);
  }
  return Number(match[1]);
}
