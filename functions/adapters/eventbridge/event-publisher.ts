import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { DomainEvent } from '../../../domain/shared/events.ts';

/** Where domain events go once stored: EventBridge in AWS, an in-process bus locally. */
export interface EventPublisher {
  publish(events: readonly DomainEvent[]): Promise<void>;
}

/** PutEvents takes at most 10 entries a call. */
const BATCH_SIZE = 10;

export function createEventBridgePublisher(busName: string, client = new EventBridgeClient({})): EventPublisher {
  return {
    async publish(events) {
      for (let start = 0; start < events.length; start += BATCH_SIZE) {
        const batch = events.slice(start, start + BATCH_SIZE);
        const result = await client.send(
          new PutEventsCommand({
            Entries: batch.map((event) => ({
              EventBusName: busName,
              Source: `comptoir.${event.type.split('.')[0]}`,
              DetailType: event.type,
              Time: new Date(event.occurredAt),
              Detail: JSON.stringify(event),
            })),
          }),
        );
        // Throwing makes the stream batch retry; consumers deduplicate on the event id.
        if (result.FailedEntryCount) throw new Error(`EventBridge refused ${result.FailedEntryCount} of ${batch.length} events`);
      }
    },
  };
}
