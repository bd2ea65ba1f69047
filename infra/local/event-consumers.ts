import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import type { DomainEvent } from '../../domain/shared/events.ts';
import { eventBridgeEntry } from '../../functions/adapters/eventbridge/event-publisher.ts';
import { EVENT_CONSUMERS } from '../event-consumers.ts';
import { lambdaContext, LOCAL_ACCOUNT } from './api-gateway-event.ts';
import { LOCAL_REGION } from './dynamodb-local.ts';
import type { LogLine } from './log.ts';
import { PROJECT_ROOT } from './paths.ts';

type ConsumerHandler = (event: EventBridgeEvent<string, unknown>, context: Context) => Promise<unknown>;

/** The event EventBridge delivers to a rule's target for an event the relay put on the bus. */
function delivered(event: DomainEvent): EventBridgeEvent<string, unknown> {
  const entry = eventBridgeEntry(event);
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': entry.DetailType,
    source: entry.Source,
    account: LOCAL_ACCOUNT,
    time: entry.Time.toISOString(),
    region: LOCAL_REGION,
    resources: [],
    detail: JSON.parse(entry.Detail) as unknown,
  };
}

/**
 * Subscribes each consumer of infra/event-consumers.ts to the in-process bus for its event types, as the stack's rules
 * do on the bus, and resolves to what unsubscribes them. Imported once the environment is set (the composition root
 * reads it at first use). A consumer's failure is logged: AWS would retry it, then keep it in its dead-letter queue;
 * it fails neither the relay nor the other consumers.
 */
export async function subscribeEventConsumers(log: LogLine): Promise<() => void> {
  const moduleUrl = (path: string) => pathToFileURL(join(PROJECT_ROOT, path)).href;
  const { localBus } = (await import(moduleUrl('functions/composition.ts'))) as typeof import('../../functions/composition.ts');
  const unsubscribes: (() => unknown)[] = [];
  for (const consumer of EVENT_CONSUMERS) {
    const { handler } = (await import(moduleUrl(consumer.module))) as { handler: ConsumerHandler };
    const consume = async (event: DomainEvent) => {
      try {
        await handler(delivered(event), lambdaContext(consumer.name));
      } catch (error) {
        log({ level: 'error', message: `event consumer ${consumer.name} failed`, eventId: event.id, type: event.type, error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) });
      }
    };
    for (const type of consumer.eventTypes) unsubscribes.push(localBus().subscribe(type, consume));
  }
  return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
}
