import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { DomainEvent } from '../../../domain/shared/events.ts';

/** Where domain events go once stored: EventBridge in AWS, an in-process bus locally. */
export interface EventPublisher {
  /** Publishes in order; resolves to the ids of the events that were not published (none when all were). */
  publish(events: readonly DomainEvent[]): Promise<readonly string[]>;
}

/** The bus's source of an event: its context (`quote.sent` comes from `comptoir.quote`). */
export const eventSource = (type: string) => `comptoir.${type.split('.')[0]}`;

/** How an event is put on the bus: consumers receive it whole as the `detail`, its type as the `detail-type`. */
export function eventBridgeEntry(event: DomainEvent) {
  return { Source: eventSource(event.type), DetailType: event.type, Time: new Date(event.occurredAt), Detail: JSON.stringify(event) };
}

/** PutEvents takes at most 10 entries a call. */
const BATCH_SIZE = 10;

export function createEventBridgePublisher(busName: string, client = new EventBridgeClient({})): EventPublisher {
  return {
    async publish(events) {
      const failed: string[] = [];
      for (let start = 0; start < events.length; start += BATCH_SIZE) {
        const batch = events.slice(start, start + BATCH_SIZE);
        try {
          const result = await client.send(
            new PutEventsCommand({
              Entries: batch.map((event) => ({ EventBusName: busName, ...eventBridgeEntry(event) })),
            }),
          );
          // PutEvents answers entry by entry, in order: an entry with an ErrorCode was not put.
          result.Entries?.forEach((entry, index) => entry.ErrorCode && failed.push(batch[index]!.id));
        } catch {
          // The call itself failed: this batch and the ones after it are not published (the relay retries them).
          return [...failed, ...events.slice(start).map((event) => event.id)];
        }
      }
      return failed;
    },
  };
}
