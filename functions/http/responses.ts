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

export function noContent(): HttpResult {
  return { statusCode: 204, headers: {}, body: '' };
}
