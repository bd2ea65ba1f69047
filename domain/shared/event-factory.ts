import type { z } from 'zod';
import type { Actor } from './actor.ts';
import type { Clock } from './clock.ts';
import type { DomainEvent } from './events.ts';
import { newId } from './ids.ts';

type EventCatalog = Record<string, { version: number; data: z.ZodType }>;

/** Builds events of a context's catalog, checking each payload against its schema as it is made. */
export function eventFactory<C extends EventCatalog>(catalog: C) {
  return function makeEvent<T extends keyof C & string>(
    type: T,
    data: z.input<C[T]['data']>,
    context: { actor: Actor; clock: Clock; subject: string },
  ): DomainEvent<z.output<C[T]['data']>> {
    const entry = catalog[type]!;
    return {
      id: newId('event'),
      type,
      version: entry.version,
      occurredAt: context.clock.now().toISOString(),
      actorId: context.actor.id,
      subject: context.subject,
      data: entry.data.parse(data) as z.output<C[T]['data']>,
    };
  };
}
