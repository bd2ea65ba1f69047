import type { MiddlewareObj } from '@middy/core';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { HttpEvent, HttpResult } from './http-event.ts';
import { toProblem } from './problem-details.ts';

/** Every error becomes an `application/problem+json` response; only unexpected ones are logged with their stack. */
export function problemResponses(logger: Logger): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    onError(request) {
      const { problem, headers, expected } = toProblem(request.error);
      if (!expected) logger.error('unexpected error', { error: request.error as Error });
      // Set, not returned: the middlewares after this one (idempotency release, request log) must still run.
      request.response = {
        statusCode: problem.status,
        headers: { 'Content-Type': 'application/problem+json', ...headers },
        body: JSON.stringify(problem),
      };
    },
  };
}
