import * as z from 'zod';
import { ValidationError } from '../../domain/shared/errors.ts';
import { idPattern, type IdKind } from '../../domain/shared/ids.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type PageRequest } from '../../domain/shared/page.ts';
import { parseWith } from '../../domain/shared/validation.ts';
import type { HttpEvent } from '../middleware/http-event.ts';
import { HttpProblem } from '../middleware/http-problem.ts';

/** Reading the parts of a request that are not the body: path ids, query, If-Match. */

const ID_EXAMPLES: Record<IdKind, string> = { customer: 'cus_…', address: 'adr_…', contact: 'con_…', event: 'evt_…', product: 'prd_…', family: 'fam_…', reference: 'ref_…' };

export function pathId(event: HttpEvent, name: string, kind: IdKind): string {
  const value = event.pathParameters?.[name] ?? '';
  if (!idPattern(kind).test(value)) throw ValidationError.field(`/path/${name}`, `must be a ${kind} id (${ID_EXAMPLES[kind]})`);
  return value;
}

const pageSchema = z.strictObject({
  limit: z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`)
    .default(DEFAULT_PAGE_SIZE),
  cursor: z.string().min(1).max(2048).optional(),
});

/** Parses the query string with the page parameters and the operation's own filters; unknown parameters are refused. */
export function parseQuery<S extends z.ZodRawShape>(event: HttpEvent, filters: S): { page: PageRequest; filters: z.output<z.ZodObject<S>> } {
  const { limit, cursor, ...rest } = event.queryStringParameters ?? {};
  const page = parseWith(pageSchema, { limit, cursor }, '/query');
  return {
    page: { limit: page.limit, ...(page.cursor ? { cursor: page.cursor } : {}) },
    filters: parseWith(z.strictObject(filters), rest, '/query'),
  };
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
