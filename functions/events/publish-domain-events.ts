import middy from '@middy/core';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { EVENT_PK_PREFIX, eventFromItem } from '../adapters/dynamodb/event-items.ts';
import { eventPublisher, logger } from '../composition.ts';

/**
 * The outbox relay: domain events are stored in the same transaction as the change they describe;
 * this stream consumer forwards the new ones to the event bus. At-least-once: consumers dedupe on `id`.
 * Events the bus refused are reported as partial batch failures: the stream retries from the first of them,
 * and the records before it are not sent again.
 */
export async function publishDomainEvents(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const published = event.Records.flatMap((record) => {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image) return [];
    const item = unmarshall(image as Record<string, AttributeValue>);
    return typeof item.pk === 'string' && item.pk.startsWith(EVENT_PK_PREFIX) ? [{ record, domainEvent: eventFromItem(item) }] : [];
  });
  const failed = new Set(await eventPublisher().publish(published.map(({ domainEvent }) => domainEvent)));
  const batchItemFailures = published
    .filter(({ domainEvent }) => failed.has(domainEvent.id))
    .map(({ record }) => ({ itemIdentifier: record.dynamodb!.SequenceNumber! }));
  logger.info('published domain events', { count: published.length - failed.size, failed: failed.size, types: [...new Set(published.map(({ domainEvent }) => domainEvent.type))] });
  return { batchItemFailures };
}

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>().handler(publishDomainEvents);
