import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';

/**
 * Local stand-in for Cognito: tokens with the claims Cognito access tokens carry, signed with a key kept
 * under `.data/`, so the handlers' auth middleware runs unchanged (it trusts AUTH_ISSUER and AUTH_JWKS).
 */
export const DEV_ISSUER = 'https://comptoir.local/auth';
export const DEV_CLIENT_ID = 'comptoir-local-web';
export const USER_ROLES = ['admin', 'manager', 'agent'] as const;
export const DEV_ROLES = [...USER_ROLES, 'integration'] as const;
export type DevRole = (typeof DEV_ROLES)[number];
export const DEFAULT_TOKEN_TTL_SECONDS = 12 * 60 * 60;

const ALGORITHM = 'RS256';
const KEY_FILE = 'dev-signing-key.json';
const PRIVATE_JWK_MEMBERS = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth']);

export interface DevSigningKey {
  kid: string;
  privateKey: CryptoKey;
  /** The stored JWK, private members included. */
  privateJwk: JWK;
}

export interface DevTokenRequest {
  role: DevRole;
  sub: string;
  ttlSeconds?: number;
  /** An integration's scope: `comptoir/integration` by default; `comptoir/quote-requests` for a web form's client. */
  scope?: string;
}

/** Reuses the key stored in `dataDir`, or creates it: tokens printed earlier stay valid across restarts. */
export async function loadOrCreateDevKey(dataDir: string): Promise<DevSigningKey> {
  const path = join(dataDir, KEY_FILE);
  const stored = await readStoredJwk(path);
  if (stored) return fromJwk(stored);

  await mkdir(dataDir, { recursive: true });
  const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const jwk = await exportJWK(privateKey);
  const privateJwk: JWK = { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: ALGORITHM, use: 'sig' };
  // Written aside then linked into place: when two processes start at once, the first link wins whole,
  // and the other one reads that key instead of a half-written file.
  const draft = `${path}.${process.pid}.${randomUUID()}`;
  await writeFile(draft, `${JSON.stringify(privateJwk, null, 2)}\n`, { mode: 0o600 });
  try {
    await link(draft, path);
    return fromJwk(privateJwk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = await readStoredJwk(path);
    if (!winner) throw new Error(`The dev signing key at ${path} vanished while being created`, { cause: error });
    return fromJwk(winner);
  } finally {
    await rm(draft, { force: true });
  }
}

/** The JSON Web Key Set a verifier needs: the public half only. */
export function publicJwks(key: DevSigningKey): { keys: JWK[] } {
  const publicJwk = Object.fromEntries(Object.entries(key.privateJwk).filter(([name]) => !PRIVATE_JWK_MEMBERS.has(name)));
  return { keys: [{ ...publicJwk, kid: key.kid, alg: ALGORITHM, use: 'sig' }] };
}

/** Signs an access token shaped like Cognito's: user-pool users carry their group, integrations a scope. */
export async function signDevToken(key: DevSigningKey, request: DevTokenRequest): Promise<string> {
  const issuedAt = Math.floor(Date.now() / 1000);
  const common = {
    token_use: 'access',
    iss: DEV_ISSUER,
    iat: issuedAt,
    exp: issuedAt + (request.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS),
    jti: randomUUID(),
  };
  const claims =
    request.role === 'integration'
      ? { sub: request.sub, client_id: request.sub, scope: request.scope ?? 'comptoir/integration', ...common }
      : {
          sub: request.sub,
          'cognito:groups': [request.role],
          client_id: DEV_CLIENT_ID,
          scope: 'aws.cognito.signin.user.admin',
          username: request.sub,
          ...common,
        };
  return new SignJWT(claims).setProtectedHeader({ alg: ALGORITHM, kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
}

export function isDevRole(value: string): value is DevRole {
  return (DEV_ROLES as readonly string[]).includes(value);
}

async function fromJwk(privateJwk: JWK): Promise<DevSigningKey> {
  if (!privateJwk.kid || !privateJwk.d) throw new Error('The stored dev signing key is not a private JWK with a kid');
  const privateKey = await importJWK(privateJwk, ALGORITHM);
  if (privateKey instanceof Uint8Array) throw new Error('The stored dev signing key is not an RSA key');
  return { kid: privateJwk.kid, privateKey, privateJwk };
}

async function readStoredJwk(path: string): Promise<JWK | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`Cannot read the dev signing key at ${path} (delete it to get a new one): ${(error as Error).message}`, { cause: error });
  }
}
