import type { DomainEvent } from '../../../domain/shared/events.ts';
import type { EventPublisher } from './event-publisher.ts';

type Subscriber = (event: DomainEvent) => Promise<void> | void;

/** The local stand-in for EventBridge under `npm start` and in tests: subscribers by event type, or '*'. */
export function createInProcessBus(): EventPublisher & { subscribe(pattern: string, subscriber: Subscriber): () => void } {
  const subscribers = new Map<string, Set<Subscriber>>();
  return {
    subscribe(pattern, subscriber) {
      const set = subscribers.get(pattern) ?? new Set();
      set.add(subscriber);
      subscribers.set(pattern, set);
      return () => set.delete(subscriber);
    },
    async publish(events) {
      const failed: string[] = [];
      for (const event of events) {
        try {
          for (const subscriber of [...(subscribers.get(event.type) ?? []), ...(subscribers.get('*') ?? [])]) await subscriber(event);
        } catch {
          failed.push(event.id);
        }
      }
      return failed;
    },
  };
}
