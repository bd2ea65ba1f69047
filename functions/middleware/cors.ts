import type { MiddlewareObj } from '@middy/core';
import { header, type HttpEvent, type HttpResult } from './http-event.ts';

/**
 * CORS for browser frontends on other origins. They authenticate with `Authorization: Bearer`, never cookies,
 * so no response ever carries `Access-Control-Allow-Credentials`. The Lambdas, the local server and API
 * Gateway (preflights and its own errors) all build their headers from this one policy.
 */
export const CORS_POLICY = {
  allowedMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
  allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'Idempotency-Key', 'X-Correlation-Id'],
  exposedHeaders: ['ETag', 'Location', 'X-Correlation-Id', 'Idempotent-Replayed', 'Retry-After', 'WWW-Authenticate'],
  maxAgeSeconds: 600,
} as const;

/** `*` (any origin), or the origins allowed, exactly as browsers send them in `Origin`; empty: none. */
export type AllowedOrigins = '*' | readonly string[];

// Lower case, default port omitted, no path: what browsers send. Nothing else, so an origin is safe to quote in VTL.
const ORIGIN = /^https?:\/\/([a-z0-9.-]+|\[[0-9a-f:.]+\])(:\d{1,5})?$/;

/** Reads a comma-separated list of origins, or `*`; unset or empty allows none. `setting` names the source in errors. */
export function parseAllowedOrigins(value: string | undefined, setting: string): AllowedOrigins {
  const entries = (value ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  if (entries.length === 1 && entries[0] === '*') return '*';
  for (const entry of entries) {
    // Anything else would silently never match the Origin header.
    if (!ORIGIN.test(entry) || URL.parse(entry)?.origin !== entry) {
      throw new Error(`${setting}: "${entry}" is not an origin as browsers send it (http[s]://host[:port], lower case, no path), nor * alone`);
    }
  }
  return entries;
}

/** Access-Control-Allow-Origin for a request from `origin`, or undefined when that origin is not allowed. */
function allowOrigin(allowed: AllowedOrigins, origin: string | undefined): string | undefined {
  if (allowed === '*') return '*';
  return origin !== undefined && allowed.includes(origin) ? origin : undefined;
}

/** With a list, every answer depends on the request's Origin, allowed or not: caches must know (Fetch standard, CORS and HTTP caches). */
function varyOnOrigin(allowed: AllowedOrigins): Record<string, string> {
  return allowed === '*' ? {} : { Vary: 'Origin' };
}

/** What every API response carries for a request from `origin`. */
export function corsResponseHeaders(allowed: AllowedOrigins, origin: string | undefined): Record<string, string> {
  const allowedOrigin = allowOrigin(allowed, origin);
  if (allowedOrigin === undefined) return varyOnOrigin(allowed);
  return { ...varyOnOrigin(allowed), 'Access-Control-Allow-Origin': allowedOrigin, 'Access-Control-Expose-Headers': CORS_POLICY.exposedHeaders.join(', ') };
}

/** The preflight headers that do not depend on the origin, for a path whose operations use `methods`. */
export function preflightPolicyHeaders(methods: readonly string[]): Record<string, string> {
  const allowedMethods: readonly string[] = CORS_POLICY.allowedMethods;
  const pathMethods = methods.map((method) => method.toUpperCase()).filter((method) => allowedMethods.includes(method) && method !== 'OPTIONS');
  return {
    'Access-Control-Allow-Methods': [...pathMethods, 'OPTIONS'].join(', '),
    'Access-Control-Allow-Headers': CORS_POLICY.allowedHeaders.join(', '),
    'Access-Control-Max-Age': String(CORS_POLICY.maxAgeSeconds),
  };
}

/** The answer to a preflight from `origin` for a path whose operations use `methods`. */
export function preflightHeaders(allowed: AllowedOrigins, origin: string | undefined, methods: readonly string[]): Record<string, string> {
  const allowedOrigin = allowOrigin(allowed, origin);
  if (allowedOrigin === undefined) return varyOnOrigin(allowed);
  return { ...varyOnOrigin(allowed), 'Access-Control-Allow-Origin': allowedOrigin, ...preflightPolicyHeaders(methods) };
}

/**
 * Errors made by the gateway itself (unknown route, authorizer, throttling…) allow any origin as soon as one is
 * allowed, so that a frontend can read them: an API Gateway gateway response cannot choose its headers by the
 * request's origin, and these errors hold no data while bearer tokens make no credentials ride along.
 */
export function gatewayErrorHeaders(allowed: AllowedOrigins): Record<string, string> {
  return allowed === '*' || allowed.length > 0 ? { 'Access-Control-Allow-Origin': '*' } : {};
}

/**
 * Adds the CORS headers to every response, errors included. `.use` it before `problemResponses`:
 * `after` and `onError` run in reverse order, so it then sees the problem response that one sets.
 */
export function cors(allowedOrigins: () => AllowedOrigins): MiddlewareObj<HttpEvent, HttpResult> {
  const addHeaders = (request: { event: HttpEvent; response: HttpResult | null | undefined }) => {
    if (!request.response) return;
    request.response.headers = { ...request.response.headers, ...corsResponseHeaders(allowedOrigins(), header(request.event, 'origin')) };
  };
  return { after: addHeaders, onError: addHeaders };
}
