import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ISSUER, loadOrCreateDevKey, signDevToken } from '../../../infra/local/dev-auth.ts';
import { createLocalDynamoDbClient } from '../../../infra/local/dynamodb-local.ts';
import { startLocalSystem, type LocalSystem } from '../../../infra/local/system.ts';
import { ownTableInSharedDynamoDb } from '../../support/table.ts';

describe('the local system', () => {
  let dataDir: string;
  let system: LocalSystem;
  const savedEnvironment = { ...process.env };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'comptoir-system-'));
    system = await startLocalSystem({ port: 0, dataDir, inMemory: true, log: () => {} });
  });

  afterAll(async () => {
    await system?.stop();
    await rm(dataDir, { recursive: true, force: true });
    process.env = savedEnvironment;
  });

  it('serves HTTP on a free port', async () => {
    expect(system.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${system.baseUrl}/health`);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('creates the table in DynamoDB Local', async () => {
    const client = createLocalDynamoDbClient(system.dynamodbEndpoint);
    const { TableNames } = await client.send(new ListTablesCommand({}));
    client.destroy();
    expect(TableNames).toContain('comptoir');
  });

  it('gives the handlers the environment of the deployed functions, with the local key set', async () => {
    expect(process.env).toMatchObject({
      TABLE_NAME: 'comptoir',
      DYNAMODB_ENDPOINT: system.dynamodbEndpoint,
      AWS_REGION: 'eu-west-3',
      AUTH_ISSUER: DEV_ISSUER,
      COMPTOIR_RUNTIME: 'local',
      OUTBOX_DIR: join(dataDir, 'outbox'),
      CORS_ALLOWED_ORIGINS: savedEnvironment.CORS_ALLOWED_ORIGINS ?? '*',
    });
    const token = await signDevToken(await loadOrCreateDevKey(dataDir), { role: 'agent', sub: 'usr_7' });
    const keys = createLocalJWKSet(JSON.parse(process.env.AUTH_JWKS as string) as JSONWebKeySet);
    const { payload } = await jwtVerify(token, keys, { issuer: process.env.AUTH_ISSUER });
    expect(payload.sub).toBe('usr_7');
  });

  it('stops everything: the port is closed afterwards', async () => {
    const baseUrl = system.baseUrl;

    await system.stop();

    await expect(fetch(`${baseUrl}/health`)).rejects.toThrow();
  });
});

describe('the local system on a DynamoDB Local already running (as tests share one)', () => {
  it('creates its table there and leaves the database running when it stops', async () => {
    const { dynamodbEndpoint, tableName } = ownTableInSharedDynamoDb('system');
    const dataDir = await mkdtemp(join(tmpdir(), 'comptoir-system-'));
    const savedEnvironment = { ...process.env };
    const system = await startLocalSystem({ port: 0, dataDir, dynamodbEndpoint, tableName, log: () => {} });
    try {
      expect(system.dynamodbEndpoint).toBe(dynamodbEndpoint);
      expect(process.env.TABLE_NAME).toBe(tableName);
      expect((await fetch(`${system.baseUrl}/health`)).status).toBe(200);
    } finally {
      await system.stop();
      await rm(dataDir, { recursive: true, force: true });
      process.env = savedEnvironment;
    }

    const client = createLocalDynamoDbClient(dynamodbEndpoint);
    try {
      const { TableNames } = await client.send(new ListTablesCommand({}));
      expect(TableNames).toContain(tableName);
    } finally {
      client.destroy();
    }
  });
});
