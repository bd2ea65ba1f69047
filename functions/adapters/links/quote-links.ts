import { hkdfSync } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { AcceptanceGrant, AcceptanceLinks } from '../../../domain/quotes/ports.ts';

/**
 * Links to a quote's version for a customer without an account (QUO-6 online acceptance): an HS256 JWT (jose) naming
 * the quote, the version number and its content hash, expiring. The key is derived from the service secret for this
 * one use (HKDF), so a list cursor's key never signs a link. `pageUrl` is the company's acceptance page with `{token}`
 * in it, where the e-mail sends the customer; without one, the API's own public view.
 */
const AUDIENCE = 'comptoir:quote-link';
const ALGORITHM = 'HS256';

export function linkKeyFrom(secret: string): Uint8Array {
  if (secret.length < 32) throw new Error('The service secret must be at least 32 characters');
  return new Uint8Array(hkdfSync('sha256', secret, '', 'comptoir quote link v1', 32));
}

export function createQuoteLinks(options: { key: () => Promise<Uint8Array>; pageUrl?: string }): AcceptanceLinks {
  return {
    async issue(grant) {
      return new SignJWT({ v: grant.number, h: grant.contentHash })
        .setProtectedHeader({ alg: ALGORITHM })
        .setSubject(grant.quoteId)
        .setAudience(AUDIENCE)
        .setExpirationTime(Math.floor(Date.parse(grant.expiresAt) / 1000))
        .sign(await options.key());
    },
    async open(token): Promise<AcceptanceGrant | null> {
      try {
        const { payload } = await jwtVerify(token, await options.key(), { algorithms: [ALGORITHM], audience: AUDIENCE });
        if (typeof payload.sub !== 'string' || typeof payload.v !== 'number' || typeof payload.h !== 'string' || typeof payload.exp !== 'number') return null;
        return { quoteId: payload.sub, number: payload.v, contentHash: payload.h, expiresAt: new Date(payload.exp * 1000).toISOString() };
      } catch (error) {
        if (error instanceof errors.JOSEError) return null;
        throw error;
      }
    },
    url(token, apiBaseUrl) {
      return options.pageUrl ? options.pageUrl.replace('{token}', encodeURIComponent(token)) : `${apiBaseUrl}/public/quotes/${encodeURIComponent(token)}`;
    },
  };
}
