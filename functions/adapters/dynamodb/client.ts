import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CursorKey } from './cursors.ts';

export interface TableConfig {
  readonly tableName: string;
  /** Set for DynamoDB Local; absent in AWS. */
  readonly endpoint?: string;
  readonly region?: string;
}

/** Document client with plain JS values; undefined fields are dropped rather than rejected. */
export function createDocumentClient(config: TableConfig): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.region ? { region: config.region } : {}),
    maxAttempts: 3,
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

export interface Table {
  readonly client: DynamoDBDocumentClient;
  readonly name: string;
  /** Seals the cursors of this table's lists (`cursors.ts`). */
  readonly cursorKey: CursorKey;
}
