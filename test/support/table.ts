import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { cursorKeyFrom } from '../../functions/adapters/dynamodb/cursors.ts';
import { createDocumentClient, type Table } from '../../functions/adapters/dynamodb/client.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    tableName: string;
  }
}

/** A cursor key of this test file's own: cursors are only ever resumed by the process that made them. */
export const testCursorKey = (() => {
  const key = cursorKeyFrom(randomBytes(32).toString('base64url'));
  return async () => key;
})();

/** The DynamoDB Local table the global setup started for this run; tests keep apart by unique ids. */
export function testTable(): Table {
  const name = inject('tableName');
  return { name, client: createDocumentClient({ tableName: name, endpoint: inject('dynamodbEndpoint'), region: 'eu-west-3' }), cursorKey: testCursorKey };
}
