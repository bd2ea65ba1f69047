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

/** Each project runs its global setup; they all share this one process while any of them runs. */
let shared: Promise<DynamoDbLocal> | undefined;
let projects = 0;

export async function setup(project: Pick<TestProject, 'provide'>): Promise<void> {
  projects++;
  shared ??= startDynamoDbLocal({ inMemory: true });
  project.provide('dynamodbEndpoint', (await shared).endpoint);
  // The workers inherit these: the SDK clients that tests build with no credentials of their own sign with them.
  process.env.AWS_REGION ??= LOCAL_REGION;
  process.env.AWS_ACCESS_KEY_ID ??= LOCAL_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY ??= LOCAL_CREDENTIALS.secretAccessKey;
}

export async function teardown(): Promise<void> {
  if (projects === 0 || --projects > 0 || !shared) return;
  const dynamodb = shared;
  shared = undefined;
  await dynamodb.then((started) => started.stop(), () => {}); // a failed start was reported by setup already
}
