import { randomUUID } from 'node:crypto';
import { PutItemCommand, TransactWriteItemsCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLocalDynamoDbClient, ensureTable } from '../../../infra/local/dynamodb-local.ts';
import { startStreamPoller, type StreamPoller } from '../../../infra/local/stream-poller.ts';
import { ownTableInSharedDynamoDb } from '../../support/table.ts';

const { dynamodbEndpoint, tableName: TABLE } = ownTableInSharedDynamoDb('stream');

describe('the local stream poller', () => {
  let client: DynamoDBClient;
  let poller: StreamPoller;
  const batches: DynamoDBStreamEvent[] = [];
  const received = () => batches.flatMap((batch) => batch.Records);
  const logLines: Record<string, unknown>[] = [];
  let failNextBatch = false;
  const writtenBeforeStart = `EVENT#${randomUUID()}`;

  beforeAll(async () => {
    client = createLocalDynamoDbClient(dynamodbEndpoint);
    await ensureTable(client, TABLE);
    await putEvent(writtenBeforeStart);
    poller = await startStreamPoller({
      endpoint: dynamodbEndpoint,
      tableName: TABLE,
      intervalMs: 50,
      log: (entry) => void logLines.push(entry),
      onRecords: async (event) => {
        if (failNextBatch) {
          failNextBatch = false;
          throw new Error('relay down');
        }
        batches.push(event);
      },
    });
  });

  afterAll(async () => {
    await poller?.stop();
    client?.destroy();
  });

  function putEvent(pk: string, extra: Record<string, object> = {}) {
    return client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: pk }, sk: { S: 'EVENT' }, type: { S: 'quote.sent' }, ...extra } }));
  }

  function waitForRecord(pk: string): Promise<DynamoDBRecord> {
    return vi.waitFor(
      () => {
        const record = received().find((candidate) => candidate.dynamodb?.NewImage?.pk?.S === pk);
        if (!record) throw new Error(`No stream record for ${pk} yet`);
        return record;
      },
      { timeout: 10_000, interval: 25 },
    );
  }

  it('hands a new domain-event item over as a Lambda stream event', async () => {
    const pk = `EVENT#${randomUUID()}`;
    await putEvent(pk, {
      payload: { M: { total: { N: '12.50' }, lines: { L: [{ S: 'a' }, { BOOL: true }, { NULL: true }] }, tags: { SS: ['x', 'y'] } } },
      signature: { B: Buffer.from([1, 2, 255]) },
    });

    const record = await waitForRecord(pk);

    expect(record).toMatchObject({
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      eventID: expect.any(String),
      eventSourceARN: expect.stringContaining(`table/${TABLE}/stream/`),
      dynamodb: {
        Keys: { pk: { S: pk }, sk: { S: 'EVENT' } },
        NewImage: {
          pk: { S: pk },
          type: { S: 'quote.sent' },
          payload: { M: { total: { N: '12.50' }, lines: { L: [{ S: 'a' }, { BOOL: true }, { NULL: true }] }, tags: { SS: ['x', 'y'] } } },
          signature: { B: Buffer.from([1, 2, 255]).toString('base64') },
        },
        SequenceNumber: expect.any(String),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
    expect(record.dynamodb?.ApproximateCreationDateTime).toBeGreaterThan(Date.now() / 1000 - 600);
  });

  it('relays an event written in the same transaction as its change, and nothing else', async () => {
    const quote = `QUOTE#${randomUUID()}`;
    const event = `EVENT#${randomUUID()}`;
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: TABLE, Item: { pk: { S: quote }, sk: { S: 'QUOTE' }, state: { S: 'sent' } } } },
          { Put: { TableName: TABLE, Item: { pk: { S: event }, sk: { S: 'EVENT' }, type: { S: 'quote.sent' } } } },
        ],
      }),
    );
    await client.send(new UpdateItemCommand({
      TableName: TABLE,
      Key: { pk: { S: event }, sk: { S: 'EVENT' } },
      UpdateExpression: 'SET relayed = :yes',
      ExpressionAttributeValues: { ':yes': { BOOL: true } },
    }));
    const marker = `EVENT#${randomUUID()}`;
    await putEvent(marker);

    await waitForRecord(marker);

    expect(received().filter((record) => record.dynamodb?.NewImage?.pk?.S === event).map((record) => record.eventName)).toEqual(['INSERT']);
    expect(received().some((record) => record.dynamodb?.NewImage?.pk?.S === quote)).toBe(false);
  });

  it('starts at the end of the stream: events written before it started are not replayed', () => {
    expect(received().some((record) => record.dynamodb?.NewImage?.pk?.S === writtenBeforeStart)).toBe(false);
  });

  it('logs a failing batch and goes on with the next ones', async () => {
    failNextBatch = true;
    const lost = `EVENT#${randomUUID()}`;
    await putEvent(lost);
    await vi.waitFor(() => expect(logLines.map((line) => line.level)).toContain('error'), { timeout: 10_000, interval: 25 });

    const next = `EVENT#${randomUUID()}`;
    await putEvent(next);

    await waitForRecord(next);
    expect(received().some((record) => record.dynamodb?.NewImage?.pk?.S === lost)).toBe(false);
    expect(logLines).toContainEqual(expect.objectContaining({ level: 'error', eventIds: [expect.any(String)], error: expect.objectContaining({ message: 'relay down' }) }));
  });
});
