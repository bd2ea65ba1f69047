import { availableParallelism } from 'node:os';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { DescribeTableCommand, DescribeTimeToLiveCommand, GetItemCommand, ListTablesCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalDynamoDbClient, ensureTable, startDynamoDbLocal } from '../../../infra/local/dynamodb-local.ts';
import { JavaUnavailableError, parseJavaMajorVersion, requireJava } from '../../../infra/local/java.ts';
import { PROJECT_ROOT } from '../../../infra/local/paths.ts';
import { GLOBAL_INDEXES, TTL_ATTRIBUTE } from '../../../infra/table-definition.ts';
import { isProcessGone, waitUntilGone } from './process-probe.ts';

type GlobalSetup = typeof import('../../support/dynamodb-local.ts');

describe('DynamoDB Local, as the vitest global setup starts it', () => {
  /** Each project that needs DynamoDB loads the global setup as a module of its own: two of them, as api and fuzz. */
  const asSecondProject = '../../support/dynamodb-local.ts?as-a-second-project';
  const projects: GlobalSetup[] = [];
  const provided: Record<string, unknown>[] = [{}, {}];
  const savedEnvironment = { ...process.env };
  let endpoints: string[];
  let endpoint: string;
  let client: DynamoDBClient;

  beforeAll(async () => {
    projects.push(await import('../../support/dynamodb-local.ts'), (await import(asSecondProject)) as GlobalSetup);
    for (const [index, project] of projects.entries()) await project.setup({ provide: (key, value) => void (provided[index]![key] = value) });
    endpoints = provided[0]!.dynamodbEndpoints as string[];
    endpoint = endpoints[0]!;
    client = createLocalDynamoDbClient(endpoint, { maxAttempts: 1 });
  });

  afterAll(async () => {
    client?.destroy();
    for (const project of projects) await project.teardown();
    process.env = savedEnvironment;
  });

  it('provides one endpoint per worker, the same ones to every project that needs DynamoDB', async () => {
    expect(projects[0]).not.toBe(projects[1]);
    expect(endpoints).toHaveLength(availableParallelism());
    expect(new Set(endpoints).size).toBe(endpoints.length);
    for (const each of endpoints) expect(each).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(provided[1]).toEqual({ dynamodbEndpoints: endpoints });
    for (const each of endpoints) {
      const other = createLocalDynamoDbClient(each, { maxAttempts: 1 });
      await expect(other.send(new ListTablesCommand({}))).resolves.toBeDefined();
      other.destroy();
    }
  });

  it('creates the table from the shared definition, with its indexes, stream and TTL', async () => {
    await ensureTable(client, 'comptoir-shape');

    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'comptoir-shape' }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(GLOBAL_INDEXES.map((index) => index.indexName));
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: 'comptoir-shape' }));
    expect(TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: TTL_ATTRIBUTE });
  });

  it('leaves an existing table and its items alone', async () => {
    await ensureTable(client, 'comptoir-again');
    await client.send(new PutItemCommand({ TableName: 'comptoir-again', Item: { pk: { S: 'KEEP' }, sk: { S: 'ME' } } }));

    await ensureTable(client, 'comptoir-again');

    const { Item } = await client.send(new GetItemCommand({ TableName: 'comptoir-again', Key: { pk: { S: 'KEEP' }, sk: { S: 'ME' } } }));
    expect(Item).toBeDefined();
  });

  it('keeps DynamoDB Local running until the last of those projects tears down', async () => {
    await projects[0]!.teardown();
    await expect(client.send(new ListTablesCommand({}))).resolves.toBeDefined();

    await projects[1]!.teardown();

    await expect(client.send(new ListTablesCommand({}))).rejects.toThrow();
  });

  it('does not outlive a parent killed with SIGKILL', async () => {
    const moduleUrl = pathToFileURL(join(PROJECT_ROOT, 'infra/local/dynamodb-local.ts')).href;
    const script = `
      const { startDynamoDbLocal } = await import(${JSON.stringify(moduleUrl)});
      const dynamodb = await startDynamoDbLocal({ inMemory: true });
      console.log(JSON.stringify({ pid: dynamodb.pid }));
      setInterval(() => {}, 60_000);`;
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const { value: firstLine } = await createInterface({ input: parent.stdout! })[Symbol.asyncIterator]().next();
      expect(firstLine).toMatch(/^\{"pid":\d+\}$/);
      const javaPid = (JSON.parse(firstLine as string) as { pid: number }).pid;
      expect(isProcessGone(javaPid)).toBe(false);

      parent.kill('SIGKILL');

      expect(await waitUntilGone(javaPid)).toBe(true);
    } finally {
      parent.kill('SIGKILL');
    }
  });
});

describe('DynamoDB Local with a database directory', () => {
  let dbPath: string;

  beforeAll(async () => {
    dbPath = await mkdtemp(join(tmpdir(), 'comptoir-dynamodb-'));
  });

  afterAll(async () => {
    await rm(dbPath, { recursive: true, force: true });
  });

  it('keeps the data across a restart, and stop() ends the Java process', async () => {
    const first = await startDynamoDbLocal({ dbPath });
    const firstClient = createLocalDynamoDbClient(first.endpoint);
    await ensureTable(firstClient, 'comptoir');
    await firstClient.send(new PutItemCommand({ TableName: 'comptoir', Item: { pk: { S: 'PERSISTED' }, sk: { S: 'ITEM' } } }));
    firstClient.destroy();
    await first.stop();
    expect(isProcessGone(first.pid)).toBe(true);

    const second = await startDynamoDbLocal({ dbPath });
    const secondClient = createLocalDynamoDbClient(second.endpoint);
    try {
      const { Item } = await secondClient.send(new GetItemCommand({ TableName: 'comptoir', Key: { pk: { S: 'PERSISTED' }, sk: { S: 'ITEM' } } }));
      expect(Item?.pk?.S).toBe('PERSISTED');
    } finally {
      secondClient.destroy();
      await second.stop();
    }
    expect(isProcessGone(second.pid)).toBe(true);
  });
});

describe('the Java check', () => {
  it('reads modern and legacy version strings', () => {
    expect(parseJavaMajorVersion('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaMajorVersion('openjdk version "21" 2023-09-19')).toBe(21);
    expect(parseJavaMajorVersion('java version "1.8.0_402"')).toBe(8);
    expect(parseJavaMajorVersion('no version here')).toBeUndefined();
  });

  it('fails fast with how to install Java when there is none', async () => {
    const savedJavaHome = process.env.JAVA_HOME;
    process.env.JAVA_HOME = join(tmpdir(), 'no-java-here');
    try {
      const failure = requireJava();
      await expect(failure).rejects.toBeInstanceOf(JavaUnavailableError);
      await expect(failure).rejects.toThrow(/apt-get install openjdk-17-jre-headless/);
    } finally {
      if (savedJavaHome === undefined) delete process.env.JAVA_HOME;
      else process.env.JAVA_HOME = savedJavaHome;
    }
  });
});
