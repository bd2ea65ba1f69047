import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { QUOTE_REQUEST_SCOPE, type Actor, type Role } from '../../domain/shared/actor.ts';
import { HttpProblem } from './http-problem.ts';

export interface TokenVerifier {
  /** The caller behind a bearer token; throws a 401 or 403 HttpProblem. */
  verify(token: string): Promise<Actor>;
}

export type KeySource = { jwksUrl: string } | { jwks: JSONWebKeySet };

/** Highest role wins when a user is in several groups. */
const USER_ROLES: readonly Role[] = ['admin', 'manager', 'agent'];
/** Client-credentials scopes of the `comptoir` resource server; either makes the caller an integration. */
export const INTEGRATION_SCOPES = ['comptoir/integration', 'comptoir/read'];

/**
 * Verifies Cognito-shaped JWTs (RS256, issuer, expiry) with jose: against the user pool's JWKS in AWS,
 * against the local development key set under `npm start`.
 */
export function createTokenVerifier(options: { issuer: string; keys: KeySource }): TokenVerifier {
  const keySet = 'jwksUrl' in options.keys ? createRemoteJWKSet(new URL(options.keys.jwksUrl)) : createLocalJWKSet(options.keys.jwks);
  return {
    async verify(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keySet, { issuer: options.issuer, algorithms: ['RS256'], clockTolerance: 5 }));
      } catch (error) {
        const reason = error instanceof errors.JWTExpired ? 'The bearer token has expired' : 'The bearer token is not valid';
        throw unauthorized(reason);
      }
      return actorFrom(payload);
    },
  };
}

export function actorFrom(claims: JWTPayload): Actor {
  if (typeof claims.sub !== 'string' || claims.sub.length === 0) throw unauthorized('The bearer token has no subject');
  if (claims.token_use !== 'access' && claims.token_use !== 'id') throw unauthorized('The bearer token is not an access or ID token');
  const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as unknown[]) : [];
  const role = USER_ROLES.find((candidate) => groups.includes(candidate));
  if (role) return { id: claims.sub, role, ...personOf(claims) };
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
  if (scopes.some((scope) => INTEGRATION_SCOPES.includes(scope) || scope === QUOTE_REQUEST_SCOPE)) return { id: claims.sub, role: 'integration', scopes };
  throw new HttpProblem(403, 'no_role', 'The caller belongs to no Comptoir group (admin, manager, agent) and has no integration scope');
}

/** The standard OpenID claims `name` and `email`, when the token has them. */
function personOf(claims: JWTPayload): Pick<Actor, 'name' | 'email'> {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' && value.length <= 254 ? value : undefined);
  const name = text(claims.name);
  const email = text(claims.email);
  return { ...(name === undefined ? {} : { name }), ...(email === undefined ? {} : { email }) };
}

export function unauthorized(detail: string): HttpProblem {
  return new HttpProblem(401, 'unauthorized', detail, [], { 'WWW-Authenticate': 'Bearer realm="comptoir"' });
}
