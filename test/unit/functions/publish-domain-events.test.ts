import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventItem } from '../../../functions/adapters/dynamodb/event-items.ts';
import { createEventBridgePublisher } from '../../../functions/adapters/eventbridge/event-publisher.ts';
import type { DomainEvent } from '../../../domain/shared/events.ts';

const eventBridge = mockClient(EventBridgeClient);
afterEach(() => eventBridge.reset());

const domainEvent = (n: number): DomainEvent => ({
  id: `evt_${n}`,
  type: 'customer.updated',
  version: 1,
  occurredAt: '2026-12-03T08:00:00.000Z',
  actorId: 'alice',
  subject: 'cus_1',
  data: { customerId: 'cus_1', version: n, changedFields: ['name'] },
});

describe('the EventBridge publisher', () => {
  it('answers the ids of the entries EventBridge refused, in batches of 10', async () => {
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({
      FailedEntryCount: 1,
      Entries: input.Entries.map((_, index) => (index === 3 ? { ErrorCode: 'InternalFailure' } : { EventId: `e${index}` })),
    }));
    const events = Array.from({ length: 12 }, (_, n) => domainEvent(n));
    expect(await createEventBridgePublisher('comptoir', new EventBridgeClient({ region: 'eu-west-3' })).publish(events)).toEqual(['evt_3']);
    expect(eventBridge.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries!.length)).toEqual([10, 2]);
  });

  it('answers the events of a call that failed and of every later one as not published', async () => {
    eventBridge.on(PutEventsCommand).resolvesOnce({ FailedEntryCount: 0, Entries: Array(10).fill({ EventId: 'x' }) }).rejects(new Error('throttled'));
    const events = Array.from({ length: 25 }, (_, n) => domainEvent(n));
    const failed = await createEventBridgePublisher('comptoir', new EventBridgeClient({ region: 'eu-west-3' })).publish(events);
    expect(failed).toEqual(events.slice(10).map((event) => event.id));
  });
});

describe('the outbox relay', () => {
  let publishDomainEvents: typeof import('../../../functions/events/publish-domain-events.ts').publishDomainEvents;
  beforeAll(async () => {
    process.env.EVENT_BUS_NAME = 'comptoir';
    process.env.AWS_REGION ??= 'eu-west-3';
    ({ publishDomainEvents } = await import('../../../functions/events/publish-domain-events.ts'));
  });

  const record = (n: number): DynamoDBRecord => ({
    eventName: 'INSERT',
    dynamodb: {
      SequenceNumber: String(100 + n),
      NewImage: marshall(eventItem(domainEvent(n))) as never,
    },
  });

  it('reports the records whose events the bus refused, so that only they are retried', async () => {
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({
      FailedEntryCount: 1,
      Entries: input.Entries.map((_, index) => (index === 1 ? { ErrorCode: 'ThrottlingException' } : { EventId: 'ok' })),
    }));
    const answer = await publishDomainEvents({ Records: [record(1), record(2), record(3)] });
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: '102' }] });
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'ok' }] });
    expect(await publishDomainEvents({ Records: [record(4)] })).toEqual({ batchItemFailures: [] });
  });
});
