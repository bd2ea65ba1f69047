import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ConflictError, NotFoundError, WriteConflictError, type DomainError } from '../../../domain/shared/errors.ts';
import type { DomainEvent } from '../../../domain/shared/events.ts';
import type { Table } from './client.ts';
import type { Item } from './items.ts';
import { eventItem } from './event-items.ts';

const MAX_TRANSACTION_ITEMS = 100;

/**
 * One item of a transaction and what its failed condition means to the caller.
 * `create` must not exist, `replace` and `remove` must still be at `expectedVersion` (the version the use case
 * read), `check` writes nothing but requires the item to be still at `expectedVersion` (a ConditionCheck), `claim`
 * is a uniqueness marker (its failure is `conflict`), `release` drops such a marker, `update` changes attributes
 * of an item that many writers share without reading it (a look-up item), on its condition if any (whose failure
 * is `conflict`). `id` names the resource in a NotFoundError (the sort key when absent).
 */
export type TableWrite =
  | { kind: 'create'; item: Item; resource: string }
  | { kind: 'replace'; item: Item; expectedVersion: number; resource: string; id?: string }
  | { kind: 'remove'; key: Item; expectedVersion: number; resource: string; id?: string }
  | { kind: 'check'; key: Item; expectedVersion: number; resource: string; id?: string }
  | { kind: 'claim'; item: Item; conflict: DomainError }
  | { kind: 'release'; key: Item }
  | { kind: 'update'; key: Item; update: AttributeUpdate; conflict?: DomainError };

/** An UpdateItem's expressions (names and values as placeholders), with its optional condition. */
export interface AttributeUpdate {
  readonly expression: string;
  readonly condition?: string;
  readonly names: Readonly<Record<string, string>>;
  readonly values: Readonly<Record<string, unknown>>;
}

/** Writes the changes and their domain events atomically: the events are the outbox the stream publishes. */
export async function transact(table: Table, writes: readonly TableWrite[], events: readonly DomainEvent[]): Promise<void> {
  const all = [...writes, ...events.map((event): TableWrite => ({ kind: 'create', item: eventItem(event), resource: 'Event' }))];
  if (all.length > MAX_TRANSACTION_ITEMS) {
    throw new ConflictError('change_too_large', `This change touches ${all.length} records; at most ${MAX_TRANSACTION_ITEMS} change together`);
  }
  try {
    await table.client.send(new TransactWriteCommand({ TransactItems: all.map((write) => toTransactItem(table.name, write)) }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw explain(error, all);
    throw error;
  }
}

/** The optimistic-concurrency condition: the item must still be at the version the caller read. */
function atVersion(expectedVersion: number) {
  return { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } };
}

function toTransactItem(tableName: string, write: TableWrite) {
  const onFailure = { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const };
  switch (write.kind) {
    case 'create':
    case 'claim':
      return { Put: { TableName: tableName, Item: write.item, ConditionExpression: 'attribute_not_exists(pk)', ...onFailure } };
    case 'replace':
      return { Put: { TableName: tableName, Item: write.item, ...atVersion(write.expectedVersion), ...onFailure } };
    case 'remove':
      return { Delete: { TableName: tableName, Key: write.key, ...atVersion(write.expectedVersion), ...onFailure } };
    case 'check':
      return { ConditionCheck: { TableName: tableName, Key: write.key, ...atVersion(write.expectedVersion), ...onFailure } };
    case 'release':
      return { Delete: { TableName: tableName, Key: write.key } };
    case 'update': {
      const { expression, condition, names, values } = write.update;
      return {
        Update: {
          TableName: tableName,
          Key: write.key,
          UpdateExpression: expression,
          ...(condition ? { ConditionExpression: condition } : {}),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          // Its conflict says it all: no need to ship a look-up item of up to 400 KB back.
        },
      };
    }
  }
}

/** Turns the first failed condition into the domain error it stands for. */
function explain(error: TransactionCanceledException, writes: readonly TableWrite[]): DomainError | Error {
  const reasons = error.CancellationReasons ?? [];
  for (const [index, reason] of reasons.entries()) {
    const write = writes[index];
    if (reason.Code !== 'ConditionalCheckFailed' || !write) continue;
    const old = reason.Item ? unmarshall(reason.Item as never) : undefined;
    switch (write.kind) {
      case 'claim':
        return write.conflict;
      case 'update':
        if (write.conflict) return write.conflict;
        continue;
      case 'create':
        return new ConflictError('already_exists', `${write.resource} already exists`);
      case 'replace':
      case 'remove':
      case 'check': {
        const id = write.id ?? String((write.kind === 'replace' ? write.item : write.key).sk);
        if (!old) return new NotFoundError(write.resource, id);
        // Moved on since the use case read it: the client's own If-Match was checked against that read, so this is
        // a lost race, which running the request again settles (a 412 then, if the client's version is gone).
        return new WriteConflictError();
      }
    }
  }
  if (reasons.some((reason) => reason.Code === 'TransactionConflict')) {
    return new WriteConflictError();
  }
  return error;
}
