import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { parseAllowedOrigins } from '../../functions/middleware/cors.ts';
import { DEFAULT_TABLE_NAME } from '../table-definition.ts';
import { lambdaContext } from './api-gateway-event.ts';
import { loadOrCreateCursorSecret } from './cursor-secret.ts';
import { DEV_ISSUER, loadOrCreateDevKey, publicJwks } from './dev-auth.ts';
import { createLocalDynamoDbClient, ensureTable, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from './dynamodb-local.ts';
import { subscribeEventConsumers } from './event-consumers.ts';
import { createLocalServer } from './http-server.ts';
import { runtimeLog, type LogLine } from './log.ts';
import { startScheduleClock } from './schedule-clock.ts';
import { createScheduleRoutes } from './schedule-routes.ts';
import { SES_PATH } from './ses-outbox.ts';
import { defaultDataDir, PROJECT_ROOT } from './paths.ts';
import { startStreamPoller, type StreamPoller } from './stream-poller.ts';
import { claimDataDir } from './system-file.ts';

export interface LocalSystemOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Database files, signing key and e-mail outbox; defaults to `.data/` (or COMPTOIR_DATA_DIR). */
  dataDir?: string;
  /** Keep the database in memory (tests, benchmarks) instead of under `dataDir`. */
  inMemory?: boolean;
  /**
   * An already-running DynamoDB Local (the test run shares one): the system creates its table there and leaves
   * the database running when it stops, instead of starting a Java process of its own.
   */
  dynamodbEndpoint?: string;
  tableName?: string;
  log?: LogLine;
  /** Fire the schedules at their cron times (`npm start`); off by default, so that no test expires its quotes at midnight. */
  scheduleClock?: boolean;
}

export interface LocalSystem {
  baseUrl: string;
  dynamodbEndpoint: string;
  /** Where the local SES endpoint writes the messages sent, listed at `<baseUrl>/_local/outbox`. */
  outboxDir: string;
  stop(): Promise<void>;
}

const EVENT_RELAY_MODULE = join(PROJECT_ROOT, 'functions', 'events', 'publish-domain-events.ts');

/**
 * The whole back office in one process: DynamoDB Local, the HTTP handlers behind a local API Gateway, the schedules'
 * targets on demand, the stream consumer that relays domain events and the consumers of those, all wired the way the
 * deployed stack wires them. One system per data directory.
 */
export async function startLocalSystem(options: LocalSystemOptions = {}): Promise<LocalSystem> {
  const dataDir = options.dataDir ?? defaultDataDir();
  const tableName = options.tableName ?? DEFAULT_TABLE_NAME;
  const log = options.log ?? runtimeLog();
  // Local frontends run on any localhost port; checked before anything starts.
  const corsAllowedOrigins = process.env.CORS_ALLOWED_ORIGINS ?? '*';
  const allowedOrigins = parseAllowedOrigins(corsAllowedOrigins, 'CORS_ALLOWED_ORIGINS');
  const cleanups: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };

  try {
    // Before DynamoDB Local starts on the directory: a second system there fails here (DataDirInUseError).
    const claim = await claimDataDir(dataDir);
    cleanups.push(claim.release);
    const [dynamodb, key, cursorSecret] = await Promise.all([
      options.dynamodbEndpoint ? { endpoint: options.dynamodbEndpoint } : startDynamoDbLocal(options.inMemory ? { inMemory: true } : { dbPath: join(dataDir, 'dynamodb') }),
      loadOrCreateDevKey(dataDir),
      process.env.CURSOR_SECRET ?? loadOrCreateCursorSecret(dataDir),
    ]);
    if ('stop' in dynamodb) cleanups.push(dynamodb.stop);
    const client = createLocalDynamoDbClient(dynamodb.endpoint);
    await ensureTable(client, tableName).finally(() => client.destroy());
    const outboxDir = join(dataDir, 'outbox');
    const filesDir = join(dataDir, 'files');
    await Promise.all([mkdir(outboxDir, { recursive: true }), mkdir(filesDir, { recursive: true })]);

    // The composition root reads the environment when the first handler loads, as in a Lambda container:
    // it must be complete before any handler or consumer module is imported.
    Object.assign(process.env, {
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: dynamodb.endpoint,
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AUTH_ISSUER: DEV_ISSUER,
      AUTH_JWKS: JSON.stringify(publicJwks(key)),
      COMPTOIR_RUNTIME: 'local',
      OUTBOX_DIR: outboxDir,
      FILES_DIR: filesDir,
      MAIL_FROM: 'devis@comptoir.local',
      MAIL_FROM_NAME: 'Comptoir',
      SES_CONFIGURATION_SET: 'comptoir-local',
      CORS_ALLOWED_ORIGINS: corsAllowedOrigins,
      CURSOR_SECRET: cursorSecret,
    });

    const schedules = createScheduleRoutes();
    const server = createLocalServer({ log, allowedOrigins, outboxDir, schedules });
    const baseUrl = await server.listen(options.port ?? 0);
    await claim.announce(baseUrl);
    cleanups.push(server.close);
    // The port is known only now; no handler has loaded yet (the first request loads them).
    process.env.SES_ENDPOINT = `${baseUrl}${SES_PATH}`;

    if (options.scheduleClock) {
      const clock = startScheduleClock(schedules, log);
      cleanups.push(async () => clock.stop());
    }
    const unsubscribe = await subscribeEventConsumers(log);
    cleanups.push(async () => unsubscribe());
    const relay = await startEventRelay(dynamodb.endpoint, tableName, log);
    if (relay) cleanups.push(relay.stop);
    return { baseUrl, dynamodbEndpoint: dynamodb.endpoint, outboxDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Locally the outbox relay reads DynamoDB Local's stream through a poller instead of an event source mapping. */
async function startEventRelay(endpoint: string, tableName: string, log: LogLine): Promise<StreamPoller | undefined> {
  if (!existsSync(EVENT_RELAY_MODULE)) {
    log({ level: 'info', message: 'no domain event relay yet; domain events stay in the table', module: EVENT_RELAY_MODULE });
    return undefined;
  }
  const relay = (await import(pathToFileURL(EVENT_RELAY_MODULE).href)) as {
    handler: (event: DynamoDBStreamEvent, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;
  };
  return startStreamPoller({
    endpoint,
    tableName,
    onRecords: (event) => relay.handler(event, lambdaContext('publish-domain-events')),
    log,
  });
}
