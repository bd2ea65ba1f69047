import middy from '@middy/core';
import { ValidationError } from '../../domain/shared/errors.ts';
import { pointer } from '../../domain/shared/validation.ts';
import { retryWriteConflicts } from '../../domain/shared/write-retry.ts';
import type { Context } from 'aws-lambda';
import type * as z from 'zod';
import type { Logger } from '@aws-lambda-powertools/logger';
import { acceptable } from '../middleware/accept.ts';
import { authenticate } from '../middleware/authenticate.ts';
import { cors, type AllowedOrigins } from '../middleware/cors.ts';
import { httpContext } from '../middleware/http-context.ts';
import type { HttpEvent, HttpResult } from '../middleware/http-event.ts';
import { HttpProblem } from '../middleware/http-problem.ts';
import { idempotency, type IdempotencyStore, type IdempotentEvent } from '../middleware/idempotency.ts';
import { jsonBody } from '../middleware/json-body.ts';
import { problemResponses } from '../middleware/problem-responses.ts';
import { rateLimited } from '../middleware/rate-limit.ts';
import type { RateLimit, RateLimiter } from '../adapters/dynamodb/rate-limits.ts';
import { INTEGRATION_SCOPES, type TokenVerifier } from '../middleware/token-verifier.ts';
import { operationToRun } from './head.ts';

/** One operation of the contract: parse → use case → map. */
export type Operation = (event: HttpEvent) => Promise<HttpResult>;

const READS_QUERY = Symbol('readsQuery');

/**
 * Marks an operation that reads the query string (through `parseQuery` or `parseQueryParams`); every other
 * operation refuses any query parameter before it runs, since it would silently ignore it.
 */
export function readsQuery(operation: Operation): Operation {
  return Object.assign(operation, { [READS_QUERY]: true });
}

export function isQueryReader(operation: Operation): boolean {
  return READS_QUERY in operation;
}

const BODY_SCHEMA = Symbol('bodySchema');

/**
 * Declares the zod schema the operation's use case parses its JSON body with. The contract tests compare it with
 * the operation's `requestBody`, found by operationId; an operation that declares none refuses any body.
 */
export function readsBody(schema: z.ZodType, operation: Operation): Operation {
  return Object.assign(operation, { [BODY_SCHEMA]: schema });
}

export function bodySchemaOf(operation: Operation): z.ZodType | undefined {
  return (operation as Operation & { [BODY_SCHEMA]?: z.ZodType })[BODY_SCHEMA];
}

const FOR_NARROW_SCOPE = Symbol('forNarrowScope');

/** Marks the one operation a client holding only the quote-request scope may call (a web form asking for a quote). */
export function forQuoteRequestScope(operation: Operation): Operation {
  return Object.assign(operation, { [FOR_NARROW_SCOPE]: true });
}

/** API Gateway checks the scopes in AWS; the handler checks them again, so that the local runtime refuses the same. */
function refuseNarrowScope(event: HttpEvent, operation: Operation): void {
  const scopes = event.actor?.scopes;
  if (!scopes || scopes.some((scope) => INTEGRATION_SCOPES.includes(scope)) || FOR_NARROW_SCOPE in operation) return;
  throw new HttpProblem(403, 'forbidden', 'This client may only ask for quotes (POST /quote-requests)');
}

const ANSWERS_WITH = Symbol('answersWith');

/** Marks an operation whose success is not JSON (a PDF): content negotiation offers that type instead. */
export function answersWith(mediaType: string, operation: Operation): Operation {
  return Object.assign(operation, { [ANSWERS_WITH]: mediaType });
}

function successTypeOf(operation: Operation | undefined): string {
  return (operation as (Operation & { [ANSWERS_WITH]?: string }) | undefined)?.[ANSWERS_WITH] ?? 'application/json';
}

/** What a Lambda may return to API Gateway: the whole result as JSON, the body escaped, 6 MB. */
export const LAMBDA_RESPONSE_LIMIT_BYTES = 6 * 1024 * 1024;

/**
 * An answer over the limit would reach the client as API Gateway's bare 502 (and locally as an answer AWS would never
 * give): it becomes a problem that says so and what to ask for instead, before the idempotency record stores it.
 */
function refuseOversizedResult(result: HttpResult): HttpResult {
  // A UTF-16 unit escapes to at most 6 bytes of JSON: below this, the result surely fits, without serialising it.
  if (result.body.length * 6 < LAMBDA_RESPONSE_LIMIT_BYTES - 64 * 1024) return result;
  const bytes = Buffer.byteLength(JSON.stringify(result));
  if (bytes <= LAMBDA_RESPONSE_LIMIT_BYTES) return result;
  const megabytes = (bytes / 1024 / 1024).toFixed(1);
  throw new HttpProblem(
    422,
    'response_too_large',
    `The answer would take ${megabytes} MB, more than the 6 MB the API can return: ask for less (fewer lines, a smaller page, or a lighter explain level where the operation has one)`,
  );
}

function refuseQuery(event: HttpEvent): void {
  const names = Object.keys(event.multiValueQueryStringParameters ?? event.queryStringParameters ?? {});
  if (names.length > 0) throw new ValidationError(names.map((name) => ({ pointer: pointer([name], '/query'), message: 'is not a parameter of this operation' })));
}

export interface HttpPlatform {
  readonly logger: Logger;
  readonly verifier: () => TokenVerifier;
  readonly idempotency: () => IdempotencyStore;
  readonly allowedOrigins: () => AllowedOrigins;
  readonly rateLimiter: () => RateLimiter;
  /** What one client address may ask of the public routes. */
  readonly publicRateLimit: RateLimit;
}

/**
 * The Lambda handler of one bounded context: the cross-cutting middlewares, then the operation that
 * API Gateway names by its operationId (`requestContext.operationName`). `public` serves the routes the contract
 * leaves without security (`security: []`), which API Gateway lets through without a token.
 */
export function contextHandler(operations: Record<string, Operation>, platform: HttpPlatform, access: 'authenticated' | 'public' = 'authenticated') {
  const operationOf = (event: HttpEvent): Operation | undefined => {
    const operationName = event.requestContext?.operationName;
    return operationName ? operations[operationToRun(event.httpMethod, operationName)] : undefined;
  };
  const route = async (event: HttpEvent & IdempotentEvent): Promise<HttpResult> => {
    if (event.idempotentReplay) {
      return { ...event.idempotentReplay, headers: { ...event.idempotentReplay.headers, 'Idempotent-Replayed': 'true' } };
    }
    const operation = operationOf(event);
    if (!operation) throw new HttpProblem(404, 'unknown_operation', `No operation ${event.requestContext?.operationName ?? '(none)'} here`);
    refuseNarrowScope(event, operation);
    if (!isQueryReader(operation)) refuseQuery(event);
    // A body the operation does not read would be silently ignored.
    if (event.json !== undefined && !bodySchemaOf(operation)) throw ValidationError.field('', 'this operation takes no request body');
    // An operation is parse → one use case (reads, then one transaction) → map: a write that lost a race wrote
    // nothing, so the whole operation runs again on what is stored then (the client's If-Match checked anew).
    return refuseOversizedResult(await retryWriteConflicts(() => operation(event)));
  };
  const handler = middy<HttpEvent, HttpResult, Error, Context>()
    .use(httpContext(platform.logger))
    // Used before problemResponses so that its onError runs after it, on the problem response.
    .use(cors(platform.allowedOrigins))
    .use(problemResponses(platform.logger));
  if (access === 'public') {
    // No token and no Idempotency-Key (a link's answers are idempotent themselves): a limit per client address instead.
    return handler
      .use(rateLimited(platform.rateLimiter, platform.publicRateLimit))
      .use(acceptable((event) => successTypeOf(operationOf(event))))
      .use(jsonBody())
      .handler(route);
  }
  return handler
    .use(authenticate(platform.verifier))
    // After authentication, as in AWS where the authorizer answers before the Lambda runs.
    .use(acceptable((event) => successTypeOf(operationOf(event))))
    .use(jsonBody())
    .use(idempotency(platform.idempotency))
    .handler(route);
}
