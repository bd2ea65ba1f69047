import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ISSUER, loadOrCreateDevKey, publicJwks, signDevToken, type DevSigningKey } from '../../../infra/local/dev-auth.ts';
import { PROJECT_ROOT } from '../../../infra/local/paths.ts';

const run = promisify(execFile);

describe('the development signing key', () => {
  let dataDir: string;
  let key: DevSigningKey;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'comptoir-auth-'));
    key = await loadOrCreateDevKey(dataDir);
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  async function verify(token: string) {
    return jwtVerify(token, createLocalJWKSet(publicJwks(key)), { issuer: DEV_ISSUER, algorithms: ['RS256'] });
  }

  it('is stored readable by its owner only, and reused by later loads', async () => {
    const file = join(dataDir, 'dev-signing-key.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const again = await loadOrCreateDevKey(dataDir);

    expect(again.kid).toBe(key.kid);
    const token = await signDevToken(again, { role: 'admin', sub: 'usr_1' });
    await expect(verify(token)).resolves.toBeDefined();
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ kid: key.kid, kty: 'RSA', alg: 'RS256' });
  });

  it('gives the same key to concurrent first loads', async () => {
    const freshDir = join(dataDir, 'concurrent');
    const keys = await Promise.all([1, 2, 3, 4].map(() => loadOrCreateDevKey(freshDir)));

    expect(new Set(keys.map((candidate) => candidate.kid)).size).toBe(1);
    expect(keys.map((candidate) => candidate.kid)).toContain((await loadOrCreateDevKey(freshDir)).kid);
  });

  it('publishes only the public half', () => {
    const { keys } = publicJwks(key);

    expect(keys).toHaveLength(1);
    expect(keys[0]).toEqual({ kty: 'RSA', n: expect.any(String), e: 'AQAB', kid: key.kid, alg: 'RS256', use: 'sig' });
  });

  it.each(['admin', 'manager', 'agent'] as const)('signs a Cognito-shaped access token for a user in the %s group', async (role) => {
    const token = await signDevToken(key, { role, sub: 'usr_42' });

    const { payload, protectedHeader } = await verify(token);
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: key.kid });
    expect(payload).toEqual({
      sub: 'usr_42',
      'cognito:groups': [role],
      token_use: 'access',
      client_id: 'comptoir-local-web',
      scope: 'aws.cognito.signin.user.admin',
      username: 'usr_42',
      iss: DEV_ISSUER,
      iat: expect.any(Number),
      exp: expect.any(Number),
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect((payload.exp as number) - (payload.iat as number)).toBe(12 * 60 * 60);
  });

  it('signs a client-credentials token for an integration', async () => {
    const token = await signDevToken(key, { role: 'integration', sub: 'edi-partner', ttlSeconds: 60 });

    const { payload } = await verify(token);
    expect(payload).toEqual({
      sub: 'edi-partner',
      client_id: 'edi-partner',
      token_use: 'access',
      scope: 'comptoir/integration',
      iss: DEV_ISSUER,
      iat: expect.any(Number),
      exp: (payload.iat as number) + 60,
      jti: expect.any(String),
    });
    expect(payload).not.toHaveProperty('cognito:groups');
  });

  it('gives every token its own id', async () => {
    const [first, second] = await Promise.all([signDevToken(key, { role: 'agent', sub: 'a' }), signDevToken(key, { role: 'agent', sub: 'a' })]);

    expect((await verify(first)).payload.jti).not.toBe((await verify(second)).payload.jti);
  });
});

describe('npm run token', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'comptoir-token-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  function token(...args: string[]) {
    return run(process.execPath, ['--import', 'tsx', 'infra/local/token.ts', ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, COMPTOIR_DATA_DIR: dataDir },
    });
  }

  it('prints only a token, signed with the key under the data directory', async () => {
    const { stdout, stderr } = await token('--role', 'manager');

    expect(stderr).toBe('');
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const key = await loadOrCreateDevKey(dataDir);
    expect(decodeProtectedHeader(stdout.trim()).kid).toBe(key.kid);
    const { payload } = await jwtVerify(stdout.trim(), createLocalJWKSet(publicJwks(key)), { issuer: DEV_ISSUER });
    expect(payload).toMatchObject({ sub: 'local-manager', 'cognito:groups': ['manager'] });
  });

  it('takes a subject and a lifetime', async () => {
    const { stdout } = await token('--role', 'integration', '--sub', 'shop-42', '--ttl', '300');

    const key = await loadOrCreateDevKey(dataDir);
    const { payload } = await jwtVerify(stdout.trim(), createLocalJWKSet(publicJwks(key)), { issuer: DEV_ISSUER });
    expect(payload).toMatchObject({ sub: 'shop-42', client_id: 'shop-42', scope: 'comptoir/integration' });
    expect((payload.exp as number) - (payload.iat as number)).toBe(300);
  });

  it.each([[['--role', 'owner']], [[]], [['--role', 'admin', '--ttl', 'soon']], [['--role', 'admin', '--colour', 'blue']]])(
    'rejects %j with the usage on stderr and exit code 2',
    async (args) => {
      const failure = await token(...args).then(
        () => undefined,
        (error: { code: number; stdout: string; stderr: string }) => error,
      );

      expect(failure?.code).toBe(2);
      expect(failure?.stdout).toBe('');
      expect(failure?.stderr).toContain('Usage: npm run -s token');
    },
  );
});
