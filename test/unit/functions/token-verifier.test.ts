import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { HttpProblem } from '../../../functions/middleware/http-problem.ts';
import { createTokenVerifier, type TokenVerifier } from '../../../functions/middleware/token-verifier.ts';

const issuer = 'https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_test';
let sign: (claims: Record<string, unknown>, options?: { expiresIn?: string; issuer?: string }) => Promise<string>;
let verifier: TokenVerifier;

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  verifier = createTokenVerifier({ issuer, keys: { jwks: { keys: [jwk] } } });
  sign = (claims, options = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(options.issuer ?? issuer)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '1h')
      .sign(privateKey);
});

async function problemOf(promise: Promise<unknown>): Promise<HttpProblem> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(HttpProblem);
  return error as HttpProblem;
}

describe('token verifier', () => {
  it('maps Cognito groups to the highest role, and the integration scopes to integration, scopes kept', async () => {
    expect(await verifier.verify(await sign({ sub: 'u1', token_use: 'access', 'cognito:groups': ['agent', 'manager'] }))).toEqual({ id: 'u1', role: 'manager' });
    expect(await verifier.verify(await sign({ sub: 'u2', token_use: 'id', 'cognito:groups': ['agent'] }))).toEqual({ id: 'u2', role: 'agent' });
    expect(await verifier.verify(await sign({ sub: 'shop', token_use: 'access', scope: 'comptoir/integration' }))).toEqual({ id: 'shop', role: 'integration', scopes: ['comptoir/integration'] });
    expect(await verifier.verify(await sign({ sub: 'edi', token_use: 'access', scope: 'comptoir/read' }))).toEqual({ id: 'edi', role: 'integration', scopes: ['comptoir/read'] });
    expect(await verifier.verify(await sign({ sub: 'form', token_use: 'access', scope: 'comptoir/quote-requests' }))).toEqual({ id: 'form', role: 'integration', scopes: ['comptoir/quote-requests'] });
    expect(await verifier.verify(await sign({ sub: 'ada', token_use: 'id', 'cognito:groups': ['agent'], name: 'Ada Martin', email: 'ada@comptoir.example' }))).toEqual({ id: 'ada', role: 'agent', name: 'Ada Martin', email: 'ada@comptoir.example' });
  });

  it('answers 401 for expired, foreign or malformed tokens, 403 for a caller with no role', async () => {
    expect((await problemOf(verifier.verify(await sign({ sub: 'u', token_use: 'access' }, { expiresIn: '-1m' })))).detail).toBe('The bearer token has expired');
    expect((await problemOf(verifier.verify(await sign({ sub: 'u', token_use: 'access', 'cognito:groups': ['admin'] }, { issuer: 'https://evil' })))).status).toBe(401);
    expect((await problemOf(verifier.verify('not.a.jwt'))).status).toBe(401);
    expect((await problemOf(verifier.verify(await sign({ sub: 'u', token_use: 'access', 'cognito:groups': ['visitors'] })))).status).toBe(403);
  });

  it('refuses a token signed by another key even with the same kid', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ sub: 'u', token_use: 'access', 'cognito:groups': ['admin'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuer)
      .setExpirationTime('1h')
      .sign(privateKey);
    expect((await problemOf(verifier.verify(forged))).status).toBe(401);
  });
});
