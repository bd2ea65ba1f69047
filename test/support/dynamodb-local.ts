import type { TestProject } from 'vitest/node';
import { createLocalDynamoDbClient, ensureTable, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal, type DynamoDbLocal } from '../../infra/local/dynamodb-local.ts';

/**
 * Vitest global setup: one in-memory DynamoDB Local for the whole run, with the table created from the
 * same definition as the stack. Tests share it and keep apart by unique ids; they read the endpoint
 * with `inject('dynamodbEndpoint')` (or the DYNAMODB_ENDPOINT / TABLE_NAME variables the workers inherit).
 */
declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    tableName: string;
  }
}

export const TEST_TABLE_NAME = 'comptoir-test';

let dynamodb: DynamoDbLocal | undefined;

export async function setup(project: Pick<TestProject, 'provide'>): Promise<void> {
  dynamodb = await startDynamoDbLocal({ inMemory: true });
  const client = createLocalDynamoDbClient(dynamodb.endpoint);
  try {
    await ensureTable(client, TEST_TABLE_NAME);
  } finally {
    client.destroy();
  }
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  project.provide('tableName', TEST_TABLE_NAME);
  process.env.DYNAMODB_ENDPOINT = dynamodb.endpoint;
  process.env.TABLE_NAME = TEST_TABLE_NAME;
  process.env.AWS_REGION ??= LOCAL_REGION;
  process.env.AWS_ACCESS_KEY_ID ??= LOCAL_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY ??= LOCAL_CREDENTIALS.secretAccessKey;
}

export async function teardown(): Promise<void> {
  await dynamodb?.stop();
  dynamodb = undefined;
}
