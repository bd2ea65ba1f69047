import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type AttributeValue as StreamAttributeValue,
  type _Record as StreamRecord,
  type Shard,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { createLocalDynamoDbClient, LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb-local.ts';
import type { LogLine } from './log.ts';

export interface StreamPollerOptions {
  /** DynamoDB Local's endpoint. */
  endpoint: string;
  tableName: string;
  /** Receives each batch of new domain-event items, shaped like the event Lambda gets from the stream. */
  onRecords(event: DynamoDBStreamEvent): Promise<unknown>;
  intervalMs?: number;
  log?: LogLine;
}

export interface StreamPoller {
  /** Resolves once the poll in flight, if any, has finished. */
  stop(): Promise<void>;
}

/** Domain events are stored as items under this partition-key prefix (the transactional outbox). */
export const EVENT_KEY_PREFIX = 'EVENT#';
const DEFAULT_INTERVAL_MS = 200;
/** Shards close and new ones open over time; looking for new ones this often is plenty locally. */
const SHARD_DISCOVERY_INTERVAL_MS = 5_000;

interface ShardCursor {
  iterator: string;
  lastSequenceNumber?: string;
}

/**
 * The local stand-in for the Lambda event source mapping on the table's stream: polls DynamoDB Local's
 * stream and hands new domain-event items to `onRecords`, as AWS hands them to the outbox relay.
 * Starts at the stream's end (LATEST): events written before the start are not replayed. A failing
 * batch is logged and skipped (AWS would retry it) so that one bad event cannot stall the local system.
 */
export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const log = options.log ?? (() => {});
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const streamArn = await latestStreamArn(options.endpoint, options.tableName);
  const streams = new DynamoDBStreamsClient({ endpoint: options.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });

  const cursors = new Map<string, ShardCursor>();
  /** Every shard seen, open or not, so that discovery only ever adds shards created since. */
  const seenShards = new Set<string>();

  async function iteratorFor(shardId: string, type: ShardIteratorType, sequenceNumber?: string): Promise<string | undefined> {
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: type, SequenceNumber: sequenceNumber }),
    );
    return ShardIterator;
  }

  async function discoverShards(startingType: ShardIteratorType): Promise<void> {
    for (const shard of await listShards(streams, streamArn)) {
      const shardId = shard.ShardId;
      if (!shardId || seenShards.has(shardId)) continue;
      seenShards.add(shardId);
      if (shard.SequenceNumberRange?.EndingSequenceNumber && startingType === 'LATEST') continue;
      const iterator = await iteratorFor(shardId, startingType);
      if (iterator) cursors.set(shardId, { iterator });
    }
  }

  async function pollShard(shardId: string, cursor: ShardCursor): Promise<void> {
    let response;
    try {
      response = await streams.send(new GetRecordsCommand({ ShardIterator: cursor.iterator, Limit: 1000 }));
    } catch (error) {
      if (!(error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException)) throw error;
      const iterator = cursor.lastSequenceNumber
        ? await iteratorFor(shardId, 'AFTER_SEQUENCE_NUMBER', cursor.lastSequenceNumber)
        : await iteratorFor(shardId, 'LATEST');
      if (iterator) cursors.set(shardId, { ...cursor, iterator });
      return;
    }
    const records = response.Records ?? [];
    const lastSequenceNumber = records.at(-1)?.dynamodb?.SequenceNumber ?? cursor.lastSequenceNumber;
    if (response.NextShardIterator) cursors.set(shardId, { iterator: response.NextShardIterator, lastSequenceNumber });
    else cursors.delete(shardId);

    const domainEvents = records.filter(isNewDomainEvent).map((record) => toLambdaRecord(record, streamArn));
    if (domainEvents.length === 0) return;
    try {
      const failures = ((await options.onRecords({ Records: domainEvents })) as { batchItemFailures?: unknown[] } | undefined)?.batchItemFailures ?? [];
      if (failures.length > 0) log({ level: 'error', message: 'domain events not published; skipped', failures });
    } catch (error) {
      log({
        level: 'error',
        message: 'domain event batch failed; skipped',
        eventIds: domainEvents.map((record) => record.eventID),
        error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
      });
    }
  }

  await discoverShards('LATEST');
  let lastDiscovery = Date.now();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  async function pollOnce(): Promise<void> {
    try {
      const shardCount = cursors.size;
      for (const [shardId, cursor] of [...cursors]) await pollShard(shardId, cursor);
      if (cursors.size < shardCount || Date.now() - lastDiscovery > SHARD_DISCOVERY_INTERVAL_MS) {
        lastDiscovery = Date.now();
        await discoverShards('TRIM_HORIZON');
      }
    } catch (error) {
      log({ level: 'warn', message: 'stream poll failed; retrying', error: error instanceof Error ? error.message : String(error) });
    }
  }

  function schedule(): void {
    timer = setTimeout(() => {
      inFlight = pollOnce().then(() => {
        if (!stopped) schedule();
      });
    }, intervalMs);
  }
  schedule();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
      streams.destroy();
    },
  };
}

async function latestStreamArn(endpoint: string, tableName: string): Promise<string> {
  const tables = createLocalDynamoDbClient(endpoint);
  try {
    const { Table } = await tables.send(new DescribeTableCommand({ TableName: tableName }));
    if (!Table?.LatestStreamArn) throw new Error(`Table ${tableName} has no stream; create it from infra/table-definition.ts`);
    return Table.LatestStreamArn;
  } finally {
    tables.destroy();
  }
}

async function listShards(streams: DynamoDBStreamsClient, streamArn: string): Promise<Shard[]> {
  const shards: Shard[] = [];
  let exclusiveStartShardId: string | undefined;
  do {
    const { StreamDescription } = await streams.send(
      new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStartShardId }),
    );
    shards.push(...(StreamDescription?.Shards ?? []));
    exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
  } while (exclusiveStartShardId);
  return shards;
}

function isNewDomainEvent(record: StreamRecord): boolean {
  const partitionKey = record.dynamodb?.NewImage?.pk?.S;
  return record.eventName === 'INSERT' && partitionKey !== undefined && partitionKey.startsWith(EVENT_KEY_PREFIX);
}

/** The SDK gives binaries as bytes and times as Dates; the Lambda event carries base64 and epoch seconds. */
function toLambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const stream = record.dynamodb ?? {};
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource ?? 'aws:dynamodb',
    awsRegion: record.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      ApproximateCreationDateTime: stream.ApproximateCreationDateTime && Math.floor(stream.ApproximateCreationDateTime.getTime() / 1000),
      Keys: stream.Keys && toLambdaImage(stream.Keys),
      NewImage: stream.NewImage && toLambdaImage(stream.NewImage),
      OldImage: stream.OldImage && toLambdaImage(stream.OldImage),
      SequenceNumber: stream.SequenceNumber,
      SizeBytes: stream.SizeBytes,
      StreamViewType: stream.StreamViewType,
    },
  };
}

function toLambdaImage(image: Record<string, StreamAttributeValue>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toLambdaAttribute(value)]));
}

function toLambdaAttribute(value: StreamAttributeValue): AttributeValue {
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((bytes) => Buffer.from(bytes).toString('base64')) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaAttribute) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M) };
  // S, N, SS, NS, BOOL and NULL have the same shape on both sides.
  return value as unknown as AttributeValue;
}
