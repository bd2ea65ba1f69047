import type { MiddlewareObj } from '@middy/core';
import { pointer } from '../../domain/shared/validation.ts';
import type { HttpEvent, HttpResult } from './http-event.ts';
import { HttpProblem } from './http-problem.ts';

/** Bodies are small documents; a bigger one is a mistake or an attack. */
export const MAX_BODY_BYTES = 256 * 1024;
/** Deeper than any document of the contract; checked before anything recursive (zod, fingerprints) walks it. */
export const MAX_JSON_DEPTH = 32;
/** More members than any array or object of the contract holds (documents of up to 5,000 lines). */
export const MAX_JSON_MEMBERS = 10_000;
const JSON_MEDIA_TYPES = ['application/json', 'application/merge-patch+json'];
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses JSON bodies into `event.json`: the media type must be JSON, the charset UTF-8 (or unsaid), the bytes
 * valid UTF-8, the document well formed and within the size, depth and breadth limits.
 */
export function jsonBody(): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    before(request) {
      const event = request.event;
      event.json = undefined;
      if (event.body === null || event.body === undefined || event.body === '') return;
      const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
      if (bytes.length > MAX_BODY_BYTES) {
        throw new HttpProblem(413, 'body_too_large', `The body must be at most ${MAX_BODY_BYTES / 1024} KiB`);
      }
      checkMediaType(event.normalizedHeaders['content-type'] ?? '');
      let text: string;
      try {
        text = strictUtf8.decode(bytes);
      } catch {
        throw new HttpProblem(400, 'invalid_utf8', 'The body is not valid UTF-8', [{ pointer: '', message: 'must be encoded in UTF-8' }]);
      }
      try {
        event.json = JSON.parse(text);
      } catch (error) {
        throw new HttpProblem(400, 'malformed_json', 'The body is not valid JSON', [{ pointer: '', message: (error as Error).message }]);
      }
      checkShape(event.json);
    },
  };
}

function checkMediaType(contentType: string): void {
  const [type, ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (!JSON_MEDIA_TYPES.includes(type ?? '')) {
    throw new HttpProblem(415, 'unsupported_media_type', `The body must be sent as ${JSON_MEDIA_TYPES.join(' or ')}`, [
      { pointer: '/header/Content-Type', message: `must be ${JSON_MEDIA_TYPES.join(' or ')}` },
    ]);
  }
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length).replace(/^"(.*)"$/, '$1');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new HttpProblem(415, 'unsupported_charset', 'JSON bodies are UTF-8 (RFC 8259): send charset=utf-8 or no charset', [
      { pointer: '/header/Content-Type', message: 'must have no charset or charset=utf-8' },
    ]);
  }
}

interface Node {
  readonly value: unknown;
  readonly depth: number;
  readonly parent?: Node;
  readonly key?: string | number;
}

/** Walks the parsed document without recursion, so that a hostile nesting cannot exhaust the stack. */
function checkShape(document: unknown): void {
  const pending: Node[] = [{ value: document, depth: 0 }];
  while (pending.length > 0) {
    const node = pending.pop()!;
    const { value, depth } = node;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) {
      throw new HttpProblem(400, 'body_too_deep', `The body nests deeper than ${MAX_JSON_DEPTH} levels`, [{ pointer: pointerOf(node), message: `nests deeper than ${MAX_JSON_DEPTH} levels` }]);
    }
    const members = Array.isArray(value) ? value.entries() : Object.entries(value);
    let count = 0;
    for (const [key, member] of members) {
      if (++count > MAX_JSON_MEMBERS) {
        throw new HttpProblem(400, 'body_too_wide', `An array or object of the body has more than ${MAX_JSON_MEMBERS} members`, [
          { pointer: pointerOf(node), message: `has more than ${MAX_JSON_MEMBERS} members` },
        ]);
      }
      pending.push({ value: member, depth: depth + 1, parent: node, key });
    }
  }
}

/** The JSON pointer of a node, built only for the one a problem names. */
function pointerOf(node: Node): string {
  const path: (string | number)[] = [];
  for (let at: Node | undefined = node; at?.parent; at = at.parent) path.unshift(at.key!);
  return pointer(path);
}
