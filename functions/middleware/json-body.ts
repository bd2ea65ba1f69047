import type { MiddlewareObj } from '@middy/core';
import type { HttpEvent, HttpResult } from './http-event.ts';
import { HttpProblem } from './http-problem.ts';

/** Bodies are small documents; a bigger one is a mistake or an attack. */
export const MAX_BODY_BYTES = 256 * 1024;
const JSON_MEDIA_TYPES = ['application/json', 'application/merge-patch+json'];

/** Parses JSON bodies into `event.json`, refusing other media types, oversized and malformed bodies. */
export function jsonBody(): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    before(request) {
      const event = request.event;
      event.json = undefined;
      if (event.body === null || event.body === undefined || event.body === '') return;
      const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
      if (Buffer.byteLength(raw) > MAX_BODY_BYTES) {
        throw new HttpProblem(413, 'body_too_large', `The body must be at most ${MAX_BODY_BYTES / 1024} KiB`);
      }
      const mediaType = (event.normalizedHeaders['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!JSON_MEDIA_TYPES.includes(mediaType)) {
        throw new HttpProblem(415, 'unsupported_media_type', `The body must be sent as ${JSON_MEDIA_TYPES.join(' or ')}`, [
          { pointer: '/header/Content-Type', message: `must be ${JSON_MEDIA_TYPES.join(' or ')}` },
        ]);
      }
      try {
        event.json = JSON.parse(raw);
      } catch (error) {
        throw new HttpProblem(400, 'malformed_json', 'The body is not valid JSON', [{ pointer: '', message: (error as Error).message }]);
      }
    },
  };
}
