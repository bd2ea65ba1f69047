import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { HttpEvent, HttpResult } from './http-event.ts';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Normalizes headers, picks the correlation id (the caller's `X-Correlation-Id` or the gateway's
 * request id), puts it on every log line and on the response, and logs one line per request.
 */
export function httpContext(logger: Logger): MiddlewareObj<HttpEvent, HttpResult, Error, Context, { startedAt?: number }> {
  const finish = (request: { event: HttpEvent; response: HttpResult | null | undefined; internal: { startedAt?: number } }) => {
    const response = request.response;
    if (response) response.headers = { ...response.headers, 'X-Correlation-Id': request.event.correlationId };
    logger.info('request', {
      method: request.event.httpMethod,
      path: request.event.path,
      operation: request.event.requestContext?.operationName,
      status: response?.statusCode,
      durationMs: Date.now() - Number(request.internal.startedAt),
      caller: request.event.actor?.id,
    });
    logger.resetKeys();
  };
  return {
    before(request) {
      // Per request, not per module: the local server may run concurrent requests through one handler.
      request.internal.startedAt = Date.now();
      const event = request.event;
      event.normalizedHeaders = Object.fromEntries(Object.entries(event.headers ?? {}).flatMap(([name, value]) => (value === undefined ? [] : [[name.toLowerCase(), value]])));
      const offered = event.normalizedHeaders['x-correlation-id'];
      event.correlationId = offered && CORRELATION_ID.test(offered) ? offered : event.requestContext?.requestId ?? request.context.awsRequestId;
      logger.appendKeys({ correlationId: event.correlationId });
    },
    after: finish,
    onError: finish,
  };
}
