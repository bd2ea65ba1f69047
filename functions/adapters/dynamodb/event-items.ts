import type { DomainEvent } from '../../../domain/shared/events.ts';
import type { Item } from './items.ts';

/** Outbox items live a week: long enough for the stream consumer and for replays after an incident. */
const EVENT_RETENTION_SECONDS = 7 * 24 * 3600;

export const EVENT_PK_PREFIX = 'EVENT#';

export function eventItem(event: DomainEvent): Item {
  return {
    pk: `${EVENT_PK_PREFIX}${event.id}`,
    sk: 'EVENT',
    entity: 'event',
    ...event,
    expiresAt: Math.floor(Date.parse(event.occurredAt) / 1000) + EVENT_RETENTION_SECONDS,
  };
}

export function eventFromItem(item: Item): DomainEvent {
  const { id, type, version, occurredAt, actorId, subject, data } = item as unknown as DomainEvent;
  return { id, type, version, occurredAt, actorId, subject, data };
}
