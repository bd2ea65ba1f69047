import { retryWriteConflicts } from '../../shared/write-retry.ts';
import type { QuoteAnalyticsStore } from '../ports.ts';
import { countedQuoteEvent } from '../quote-events.ts';
import { quoteEventIncrements } from '../quote-increments.ts';

export type CountOutcome = 'counted' | 'duplicate' | 'ignored';

/**
 * QUO-7: counts one delivered quote event in the aggregates, once however often it is delivered.
 * Input: the domain event as the bus delivered it. Output: `counted`, `duplicate` (counted before: nothing changes)
 * or `ignored` (a type no figure depends on).
 * Steps: parse it; read what the aggregates remember of its quote; compute the increments and the new memory; apply
 * them in one write, on condition that the event was not counted and the memory did not move meanwhile (another event
 * of the same quote counted at the same time): a lost race computes again from what is stored then.
 */
export async function countQuoteEvent(deps: { readonly store: QuoteAnalyticsStore }, delivered: unknown): Promise<CountOutcome> {
  const event = countedQuoteEvent(delivered);
  if (!event) return 'ignored';
  return retryWriteConflicts(async () => {
    const memory = await deps.store.memory(event.data.quoteId);
    const change = quoteEventIncrements(event, memory ?? undefined);
    const outcome = await deps.store.apply({ eventId: event.id, memoryVersion: memory?.version ?? 0, ...change });
    return outcome === 'applied' ? 'counted' : 'duplicate';
  });
}
