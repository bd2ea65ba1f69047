import * as z from 'zod';
import { AlreadyExistsError, ValidationError } from '../../domain/shared/errors.ts';
import { ID_PREFIXES, idPattern, type IdKind } from '../../domain/shared/ids.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type PageRequest } from '../../domain/shared/page.ts';
import { parseWith, pointer } from '../../domain/shared/validation.ts';
import type { ExpectedVersion } from '../../domain/shared/versioning.ts';
import type { HttpEvent } from '../middleware/http-event.ts';
import { HttpProblem } from '../middleware/http-problem.ts';

/** Reading the parts of a request that are not the body: path ids, query, If-Match. */

/** "price list": an id kind in words. */
const kindInWords = (kind: IdKind) => kind.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`);

/** "must be a price list id (prl_…)": the kind in words, and the prefix that tells it. */
const idMessage = (kind: IdKind) => `must be a ${kindInWords(kind)} id (${ID_PREFIXES[kind]}_…)`;

/**
 * A path parameter that names a resource. One that cannot name any (`/customers/abc`, a 5,000-character id) is a 404,
 * as an unknown one is: a path names a resource or nothing, whatever its shape. `accepts` is the shape the keys can
 * hold, checked before any read, so that DynamoDB is never asked for a key it would refuse.
 */
export function pathPart(event: HttpEvent, name: string, what: string, accepts: (value: string) => boolean): string {
  const value = event.pathParameters?.[name] ?? '';
  if (!accepts(value)) throw new HttpProblem(404, 'not_found', `No ${what} is found at this path: its ${name} names none`);
  return value;
}

export function pathId(event: HttpEvent, name: string, kind: IdKind): string {
  return pathPart(event, name, kindInWords(kind), (value) => idPattern(kind).test(value));
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

/**
 * What `If-Match` expects (RFC 9110 §13.1.1): `*` (any current representation) or the versions its entity tags name.
 * Required on every change to an existing resource (428 without it). Comparison is strong: a weak tag (`W/"3"`), or
 * one that is not an ETag of ours (`"abc"`, `"03"`, `xyz`), names no version, so it matches nothing and the change
 * is a 412 once the resource is found — never a 400: a precondition that fails is not a malformed request.
 */
export function expectedVersion(event: HttpEvent): ExpectedVersion {
  const value = event.normalizedHeaders['if-match']?.trim();
  if (!value) {
    throw new HttpProblem(428, 'if_match_required', 'Send If-Match with the ETag you last read, so that concurrent changes are not overwritten', [
      { pointer: '/header/If-Match', message: 'is required' },
    ]);
  }
  if (value === '*') return '*';
  return listElements(value).flatMap((tag) => {
    const match = OUR_ETAG.exec(tag);
    return match ? [Number(match[1])] : [];
  });
}

/** The strong ETags responses carry: a version as written by `responses.ts#json`, without leading zeros. */
const OUR_ETAG = /^"(0|[1-9]\d{0,14})"$/;

/** The elements of a header list (RFC 9110 §5.6.1): split on commas outside quoted strings, blanks dropped. */
function listElements(value: string): string[] {
  return (value.match(/(?:[^,"]|"[^"]*"?)+/g) ?? []).map((element) => element.trim()).filter((element) => element !== '');
}

/**
 * A create whose identity the client chooses (a unit's code, a rate's natural key, a customer's code) with
 * `If-None-Match: *` (RFC 9110 §13.1.2): "only if nothing is there yet". A resource already there is then a 412, the
 * precondition the client asked for, instead of the 409 a plain create gets. Nothing that does not exist yet has an
 * ETag to compare, so any other value is a 400.
 */
export async function createUnlessExists<T>(event: HttpEvent, create: () => Promise<T>): Promise<T> {
  const value = event.normalizedHeaders['if-none-match']?.trim();
  if (value !== undefined && value !== '*') {
    throw ValidationError.field('/header/If-None-Match', 'must be * (create only if it does not exist yet): a resource not created yet has no ETag to compare');
  }
  try {
    return await create();
  } catch (error) {
    if (value === '*' && error instanceof AlreadyExistsError) throw new HttpProblem(412, error.code, `${error.message} (If-None-Match: *)`);
    throw error;
  }
}

/**
 * The base URL clients reach this API at, from the request itself (a Lambda cannot be told its API's URL without a
 * dependency cycle): the stage prefix on an execute-api domain (`/prod`), none behind a custom domain or locally.
 */
export function apiBaseUrl(event: HttpEvent): string {
  const host = event.normalizedHeaders.host ?? event.requestContext.domainName ?? 'localhost';
  const local = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host);
  const proto = event.normalizedHeaders['x-forwarded-proto'] ?? (local ? 'http' : 'https');
  const fullPath = event.requestContext.path ?? event.path;
  const stage = host.includes('.execute-api.') && fullPath.endsWith(event.path) ? fullPath.slice(0, fullPath.length - event.path.length) : '';
  return `${proto}://${host}${stage}`;
}
