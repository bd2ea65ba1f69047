import { createHash } from 'node:crypto';
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { HttpEvent, HttpResult } from './http-event.ts';
import { HttpProblem } from './http-problem.ts';

export interface StoredResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export type ClaimOutcome =
  | { readonly status: 'claimed' }
  | { readonly status: 'completed'; readonly fingerprint: string; readonly response: StoredResponse }
  | { readonly status: 'in_progress'; readonly fingerprint: string };

/** Where keys live for 24 h, scoped to the caller. */
export interface IdempotencyStore {
  /** Takes the key for this request, or says who has it. */
  claim(scope: string, key: string, fingerprint: string): Promise<ClaimOutcome>;
  complete(scope: string, key: string, fingerprint: string, response: StoredResponse): Promise<void>;
  release(scope: string, key: string): Promise<void>;
}

const KEY_PATTERN = /^[\x21-\x7E]{1,255}$/;

/** Marks the event as a replay so the router answers with the stored response instead of running again. */
export interface IdempotentEvent {
  idempotentReplay?: StoredResponse;
}

/**
 * `Idempotency-Key` on POST: the same key and body replay the first successful response, the same key
 * with another body is a 422, a retry while the first is still running is a 409. Failed requests release
 * the key (they wrote nothing: every write is one transaction), so the client may retry them.
 */
export function idempotency(store: () => IdempotencyStore): MiddlewareObj<HttpEvent & IdempotentEvent, HttpResult, Error, Context, { idempotencyKey?: string }> {
  const keyOf = (event: HttpEvent) => (event.httpMethod === 'POST' ? event.normalizedHeaders['idempotency-key'] : undefined);
  return {
    async before(request) {
      const event = request.event;
      const key = keyOf(event);
      if (key === undefined) return;
      if (!KEY_PATTERN.test(key)) {
        throw new HttpProblem(400, 'invalid_idempotency_key', 'The Idempotency-Key must be 1 to 255 visible ASCII characters', [
          { pointer: '/header/Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' },
        ]);
      }
      const fingerprint = fingerprintOf(event);
      const outcome = await store().claim(event.actor.id, key, fingerprint);
      request.internal.idempotencyKey = key;
      if (outcome.status === 'claimed') return;
      request.internal.idempotencyKey = undefined;
      if (outcome.fingerprint !== fingerprint) {
        throw new HttpProblem(422, 'idempotency_key_reused', 'This Idempotency-Key was already used with another request; use a new key for a new request', [
          { pointer: '/header/Idempotency-Key', message: 'was already used with a different body or path' },
        ]);
      }
      if (outcome.status === 'in_progress') {
        throw new HttpProblem(409, 'idempotent_request_in_progress', 'The first request with this Idempotency-Key is still running; retry in a moment', [], { 'Retry-After': '1' });
      }
      event.idempotentReplay = outcome.response;
    },
    async after(request) {
      const key = request.internal.idempotencyKey;
      const response = request.response;
      if (key === undefined || !response) return;
      if (response.statusCode >= 200 && response.statusCode < 300) {
        await store().complete(request.event.actor.id, key, fingerprintOf(request.event), {
          statusCode: response.statusCode,
          headers: Object.fromEntries(Object.entries(response.headers ?? {}).map(([name, value]) => [name, String(value)])),
          body: response.body,
        });
      } else {
        await store().release(request.event.actor.id, key);
      }
    },
    async onError(request) {
      const key = request.internal.idempotencyKey;
      if (key !== undefined) await store().release(request.event.actor.id, key);
    },
  };
}

/** What makes two requests "the same": the operation's path and the JSON body, whatever its formatting. */
function fingerprintOf(event: HttpEvent): string {
  return createHash('sha256').update(`${event.httpMethod} ${event.path}\n${canonicalJson(event.json)}`).digest('base64url');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
