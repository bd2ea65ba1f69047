import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cursorKeyFrom } from '../../../functions/adapters/dynamodb/cursors.ts';

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-3:123456789012:secret:CursorSecret-abc';
const SECRET = 'G3n3rat3dBySecretsManagerG3n3rat3dBySecretsManagerG3n3rat3dBySM12';
const secrets = mockClient(SecretsManagerClient);

/** A fresh composition root, as in a new Lambda container. */
async function coldStart() {
  vi.resetModules();
  return (await import('../../../functions/composition.ts')).table();
}

describe('the cursor key of the composition root', () => {
  beforeEach(() => {
    secrets.reset();
    vi.stubEnv('TABLE_NAME', 'comptoir');
    vi.stubEnv('AWS_REGION', 'eu-west-3');
    vi.stubEnv('CURSOR_SECRET', undefined);
    vi.stubEnv('CURSOR_SECRET_ARN', SECRET_ARN);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('in AWS, is derived from the generated secret, fetched once per container, a failed fetch being retried', async () => {
    secrets.on(GetSecretValueCommand, { SecretId: SECRET_ARN }).rejectsOnce(new Error('throttled')).resolves({ SecretString: SECRET });
    const table = await coldStart();

    await expect(table.cursorKey()).rejects.toThrow('throttled');
    const key = await table.cursorKey();
    await table.cursorKey();

    expect(key.equals(cursorKeyFrom(SECRET))).toBe(true);
    expect(key).toHaveLength(32);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('locally, is derived from CURSOR_SECRET without calling Secrets Manager', async () => {
    vi.stubEnv('CURSOR_SECRET', SECRET.toLowerCase());
    const table = await coldStart();

    expect((await table.cursorKey()).equals(cursorKeyFrom(SECRET.toLowerCase()))).toBe(true);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });

  it('refuses a short secret, and different secrets give different keys', () => {
    expect(() => cursorKeyFrom('short')).toThrow(/at least 32/);
    expect(cursorKeyFrom(SECRET).equals(cursorKeyFrom(`${SECRET}x`))).toBe(false);
  });
});
