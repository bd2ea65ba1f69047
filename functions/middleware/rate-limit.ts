import type { MiddlewareObj } from '@middy/core';
import type { RateLimit, RateLimiter } from '../adapters/dynamodb/rate-limits.ts';
import type { HttpEvent, HttpResult } from './http-event.ts';
import { HttpProblem } from './http-problem.ts';

/**
 * Public routes answer a client's address at most `limit` times a window (on top of API Gateway's throttling, which
 * is per stage, not per client): past it, a 429 with Retry-After.
 */
export function rateLimited(limiter: () => RateLimiter, limit: RateLimit): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    async before(request) {
      const address = request.event.requestContext?.identity?.sourceIp ?? 'unknown';
      const retryAfter = await limiter().hit(limit, address, new Date());
      if (retryAfter === null) return;
      throw new HttpProblem(429, 'too_many_requests', `Too many requests from this address: try again in ${retryAfter} s`, [], { 'Retry-After': String(retryAfter) });
    },
  };
}
