import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Records every DynamoDB write that succeeded, in this process, by the partition key it touched: the local
 * system runs the handlers in the test's process, so the harness sees what a request really committed.
 * A condition that failed or a cancelled transaction wrote nothing and is not recorded.
 */

const WRITES = new Set(['PutCommand', 'UpdateCommand', 'DeleteCommand', 'TransactWriteCommand', 'BatchWriteCommand', 'PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand']);

type Sendable = { send(command: unknown, ...rest: unknown[]): Promise<unknown> };

export interface WriteRecorder {
  /** Partition keys written since the last call, and forgets them. */
  take(): string[];
  restore(): void;
}

export function recordWrites(): WriteRecorder {
  let written: string[] = [];
  const patched = [DynamoDBDocumentClient.prototype, DynamoDBClient.prototype] as unknown as Sendable[];
  const originals = patched.map((prototype) => Object.getOwnPropertyDescriptor(prototype, 'send'));
  for (const prototype of patched) {
    const send = prototype.send;
    prototype.send = async function (this: unknown, command: unknown, ...rest: unknown[]) {
      const result = await send.call(this, command, ...rest);
      const name = (command as { constructor: { name: string } }).constructor.name;
      if (WRITES.has(name)) written.push(...partitionKeys((command as { input: unknown }).input));
      return result;
    };
  }
  return {
    take() {
      const taken = written;
      written = [];
      return taken;
    },
    restore() {
      patched.forEach((prototype, index) => {
        const original = originals[index];
        if (original) Object.defineProperty(prototype, 'send', original);
        else delete (prototype as Partial<Sendable>).send;
      });
    },
  };
}

/** Every `pk` named in a write's input, marshalled (`{ S: … }`) or not. */
function partitionKeys(input: unknown): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'pk') found.push(typeof value === 'string' ? value : String((value as { S?: string }).S));
      else if (key !== 'ExpressionAttributeValues') visit(value);
    }
  };
  visit(input);
  return found;
}
