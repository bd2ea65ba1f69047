import { NotFoundError } from '../../domain/shared/errors.ts';
import type { Page } from '../../domain/shared/page.ts';
import type { HttpResult } from '../middleware/http-event.ts';

/** Success responses: JSON bodies, with the ETag of the resource's version when there is one. */
export function json(statusCode: number, body: unknown, options: { version?: number; location?: string } = {}): HttpResult {
  return {
    statusCode,
    headers: {
      'Content-Type': 'application/json',
      ...(options.version !== undefined ? { ETag: `"${options.version}"` } : {}),
      ...(options.location ? { Location: options.location } : {}),
    },
    body: JSON.stringify(body),
  };
}

/** A PDF, base64 in the Lambda's result (API Gateway passes binary media types through unchanged). */
export function pdf(bytes: Uint8Array, filename: string): HttpResult {
  // RFC 6266: an ASCII fallback, and the exact name in UTF-8 (RFC 5987).
  const ascii = filename.normalize('NFKD').replace(/[^\x20-\x7e]|["\\]/g, '_');
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}` },
    body: Buffer.from(bytes).toString('base64'),
    isBase64Encoded: true,
  };
}

export function noContent(): HttpResult {
  return { statusCode: 204, headers: {}, body: '' };
}

/** A list's body: `{ items, nextCursor }`, each item in its representation. */
export function pageOf<T, R>(page: Page<T>, map: (item: T) => R): { items: R[]; nextCursor: string | null } {
  return { items: page.items.map(map), nextCursor: page.nextCursor };
}

/**
 * The page an exact-match filter answers: the one item found, or none. Only a miss of `resource` makes the
 * empty page; any other error (a customer the caller may not see) still answers as it would.
 */
export async function pageOfMatch<T, R>(find: Promise<T>, resource: string, map: (item: T) => R): Promise<{ items: R[]; nextCursor: null }> {
  try {
    return { items: [map(await find)], nextCursor: null };
  } catch (error) {
    if (error instanceof NotFoundError && error.resource === resource) return { items: [], nextCursor: null };
    throw error;
  }
}
