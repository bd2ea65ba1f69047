import middy from '@middy/core';
import { retryWriteConflicts } from '../../domain/shared/write-retry.ts';
import type { Context } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import { authenticate } from '../middleware/authenticate.ts';
import { cors, type AllowedOrigins } from '../middleware/cors.ts';
import { httpContext } from '../middleware/http-context.ts';
import type { HttpEvent, HttpResult } from '../middleware/http-event.ts';
import { HttpProblem } from '../middleware/http-problem.ts';
import { idempotency, type IdempotencyStore, type IdempotentEvent } from '../middleware/idempotency.ts';
import { jsonBody } from '../middleware/json-body.ts';
import { problemResponses } from '../middleware/problem-responses.ts';
import type { TokenVerifier } from '../middleware/token-verifier.ts';

/** One operation of the contract: parse → use case → map. */
export type Operation = (event: HttpEvent) => Promise<HttpResult>;

export interface HttpPlatform {
  readonly logger: Logger;
  readonly verifier: () => TokenVerifier;
  readonly idempotency: () => IdempotencyStore;
  readonly allowedOrigins: () => AllowedOrigins;
}

/**
 * The Lambda handler of one bounded context: the cross-cutting middlewares, then the operation that
 * API Gateway names by its operationId (`requestContext.operationName`).
 */
export function contextHandler(operations: Record<string, Operation>, platform: HttpPlatform) {
  const route = async (event: HttpEvent & IdempotentEvent): Promise<HttpResult> => {
    if (event.idempotentReplay) {
      return { ...event.idempotentReplay, headers: { ...event.idempotentReplay.headers, 'Idempotent-Replayed': 'true' } };
    }
    const operationName = event.requestContext?.operationName;
    const operation = operationName ? operations[operationName] : undefined;
    if (!operation) throw new HttpProblem(404, 'unknown_operation', `No operation ${operationName ?? '(none)'} here`);
    // An operation is parse → one use case (reads, then one transaction) → map: a write that lost a race wrote
    // nothing, so the whole operation runs again on what is stored then (the client's If-Match checked anew).
    return retryWriteConflicts(() => operation(event));
  };
  return middy<HttpEvent, HttpResult, Error, Context>()
    .use(httpContext(platform.logger))
    // Used before problemResponses so that its onError runs after it, on the problem response.
    .use(cors(platform.allowedOrigins))
    .use(problemResponses(platform.logger))
    .use(authenticate(platform.verifier))
    .use(jsonBody())
    .use(idempotency(platform.idempotency))
    .handler(route);
}
