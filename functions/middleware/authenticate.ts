import type { MiddlewareObj } from '@middy/core';
import type { HttpEvent, HttpResult } from './http-event.ts';
import { unauthorized, type TokenVerifier } from './token-verifier.ts';

/** Every operation needs a bearer token; the verified caller becomes `event.actor`. */
export function authenticate(verifier: () => TokenVerifier): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    async before(request) {
      const authorization = request.event.normalizedHeaders.authorization;
      if (!authorization) throw unauthorized('A bearer token is required (Authorization: Bearer <token>)');
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match) throw unauthorized('The Authorization header must be "Bearer <token>"');
      request.event.actor = await verifier().verify(match[1]!);
    },
  };
}
