import type { TestProject } from 'vitest/node';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal, type DynamoDbLocal } from '../../infra/local/dynamodb-local.ts';

/**
 * Vitest global setup of the projects that need DynamoDB (integration, api, fuzz): one in-memory DynamoDB Local
 * for the whole run, however many of them run, and none for a run of the unit project alone. Tests read its
 * endpoint with `inject('dynamodbEndpoint')`, and each test file creates a table of its own there
 * (test/support/table.ts), so that no file ever sees another's data.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

/**
 * Each project that lists this file loads it as a module of its own, all in Vitest's main process: the one
 * DynamoDB Local they share, and how many of them still use it, are therefore kept on that process.
 */
const SHARED = Symbol.for('comptoir.test.dynamodbLocal');
const processWide = globalThis as { [SHARED]?: { started: Promise<DynamoDbLocal>; projects: number } };

export async function setup(project: Pick<TestProject, 'provide'>): Promise<void> {
  const shared = (processWide[SHARED] ??= { started: startDynamoDbLocal({ inMemory: true }), projects: 0 });
  shared.projects++;
  project.provide('dynamodbEndpoint', (await shared.started).endpoint);
  // The workers inherit these: the SDK clients that tests build with no credentials of their own sign with them.
  process.env.AWS_REGION ??= LOCAL_REGION;
  process.env.AWS_ACCESS_KEY_ID ??= LOCAL_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY ??= LOCAL_CREDENTIALS.secretAccessKey;
}

export async function teardown(): Promise<void> {
  const shared = processWide[SHARED];
  if (!shared || --shared.projects > 0) return;
  delete processWide[SHARED];
  await shared.started.then((dynamodb) => dynamodb.stop(), () => {}); // a failed start was reported by setup
}
