import { randomBytes, randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { cursorKeyFrom } from '../../functions/adapters/dynamodb/cursors.ts';
import { createDocumentClient, type Table } from '../../functions/adapters/dynamodb/client.ts';
import { createLocalDynamoDbClient, ensureTable, LOCAL_REGION } from '../../infra/local/dynamodb-local.ts';

/** A cursor key of this test file's own: cursors are only ever resumed by the process that made them. */
export const testCursorKey = (() => {
  const key = cursorKeyFrom(randomBytes(32).toString('base64url'));
  return async () => key;
})();

/**
 * Where a local system of this test file's own keeps its data: a new table in its worker's DynamoDB Local
 * (startLocalSystem creates it), so that no other file's data ever shows up in its lists and counts.
 */
export function ownTableInSharedDynamoDb(purpose: string): { dynamodbEndpoint: string; tableName: string } {
  const endpoints = inject('dynamodbEndpoints');
  // VITEST_POOL_ID numbers the worker running this file, from 1.
  const worker = Number(process.env.VITEST_POOL_ID ?? 1) - 1;
  return { dynamodbEndpoint: endpoints[worker % endpoints.length]!, tableName: `comptoir-${purpose}-${randomUUID().slice(0, 8)}` };
}

/** A table of this test file's own in the run's DynamoDB Local, made from the stack's definition. */
export async function testTable(purpose = 'test'): Promise<Table> {
  const { dynamodbEndpoint: endpoint, tableName: name } = ownTableInSharedDynamoDb(purpose);
  const client = createLocalDynamoDbClient(endpoint);
  try {
    await ensureTable(client, name);
  } finally {
    client.destroy();
  }
  return { name, client: createDocumentClient({ tableName: name, endpoint, region: LOCAL_REGION }), cursorKey: testCursorKey };
}
