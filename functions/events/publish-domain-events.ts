import middy from '@middy/core';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { EVENT_PK_PREFIX, eventFromItem } from '../adapters/dynamodb/event-items.ts';
import { eventPublisher, logger } from '../composition.ts';

/**
 * The outbox relay: domain events are stored in the same transaction as the change they describe;
 * this stream consumer forwards the new ones to the event bus. At-least-once: consumers dedupe on `id`.
 */
export async function publishDomainEvents(event: DynamoDBStreamEvent): Promise<{ published: number }> {
  const events = event.Records.flatMap((record) => {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image) return [];
    const item = unmarshall(image as Record<string, AttributeValue>);
    return typeof item.pk === 'string' && item.pk.startsWith(EVENT_PK_PREFIX) ? [eventFromItem(item)] : [];
  });
  await eventPublisher().publish(events);
  logger.info('published domain events', { count: events.length, types: [...new Set(events.map((e) => e.type))] });
  return { published: events.length };
}

export const handler = middy<DynamoDBStreamEvent, { published: number }>().handler(publishDomainEvents);
