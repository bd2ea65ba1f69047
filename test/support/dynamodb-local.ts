import { availableParallelism } from 'node:os';
import type { TestProject } from 'vitest/node';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal, type DynamoDbLocal } from '../../infra/local/dynamodb-local.ts';

/**
 * Vitest global setup of the projects that need DynamoDB (integration, api, fuzz): one in-memory DynamoDB Local
 * per worker for the whole run, however many of these projects run, and none for a run of the unit project alone.
 * One per worker: with one for both, the DB-bound files of two workers took 177 s instead of 166 s (measured on 2 cores).
 * Tests read the endpoints with `inject('dynamodbEndpoints')`, a file takes its worker's (test/support/table.ts)
 * and creates a table of its own there, so that no file ever sees another's data.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoints: string[];
  }
}

/**
 * Each project that lists this file loads it as a module of its own, all in Vitest's main process: the one
 * DynamoDB Local they share, and how many of them still use it, are therefore kept on that process.
 */
const SHARED = Symbol.for('comptoir.test.dynamodbLocal');
const processWide = globalThis as { [SHARED]?: { started: Promise<DynamoDbLocal[]>; projects: number } };
/** As many as Vitest's workers (vitest.config.ts: maxWorkers). */
const INSTANCES = availableParallelism();

export async function setup(project: Pick<TestProject, 'provide'>): Promise<void> {
  const shared = (processWide[SHARED] ??= { started: startAll(), projects: 0 });
  shared.projects++;
  project.provide('dynamodbEndpoints', (await shared.started).map((dynamodb) => dynamodb.endpoint));
  // The workers inherit these: the SDK clients that tests build with no credentials of their own sign with them.
  process.env.AWS_REGION ??= LOCAL_REGION;
  process.env.AWS_ACCESS_KEY_ID ??= LOCAL_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY ??= LOCAL_CREDENTIALS.secretAccessKey;
}

export async function teardown(): Promise<void> {
  const shared = processWide[SHARED];
  if (!shared || --shared.projects > 0) return;
  delete processWide[SHARED];
  await shared.started.then((instances) => Promise.all(instances.map((dynamodb) => dynamodb.stop())), () => {}); // a failed start was reported by setup
}

/** All or none: when one fails to start, those that did are stopped. */
async function startAll(): Promise<DynamoDbLocal[]> {
  const started = await Promise.allSettled(Array.from({ length: INSTANCES }, () => startDynamoDbLocal({ inMemory: true })));
  const failed = started.find((result) => result.status === 'rejected');
  if (!failed) return started.map((result) => (result as PromiseFulfilledResult<DynamoDbLocal>).value);
  await Promise.all(started.map((result) => (result.status === 'fulfilled' ? result.value.stop() : undefined)));
  throw failed.reason;
}
