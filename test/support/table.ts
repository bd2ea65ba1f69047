import { inject } from 'vitest';
import { createDocumentClient, type Table } from '../../functions/adapters/dynamodb/client.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    tableName: string;
  }
}

/** The DynamoDB Local table the global setup started for this run; tests keep apart by unique ids. */
export function testTable(): Table {
  const name = inject('tableName');
  return { name, client: createDocumentClient({ tableName: name, endpoint: inject('dynamodbEndpoint'), region: 'eu-west-3' }) };
}
