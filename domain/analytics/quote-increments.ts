import { delayCounters } from './acceptance-delays.ts';
import { addCounters, negateCounters, type Counters, type Outcome } from './counters.ts';
import { calendarDaysBetween, monthOf, type Month } from './months.ts';
import type { CountedQuoteEvent } from './quote-events.ts';
import type { Occurrence, QuoteMemory } from './records.ts';

/** The customer key of the quotes made for prospects (no customer record). */
export const PROSPECT = 'prospect';

/** Whose figures an aggregate holds: everyone's (neither), an agent's, a customer's, or an agent's for a customer. */
export interface Scope {
  readonly agentId?: string;
  readonly customerKey?: string;
}

/** One aggregate item: a scope's figures in one month and one currency (amounts are never summed across currencies). */
export interface Bucket extends Scope {
  readonly month: Month;
  readonly currency: string;
}

export interface Increment {
  readonly bucket: Bucket;
  readonly counters: Counters;
}

/** Counters to add at the aggregates of an occurrence. */
interface Contribution {
  readonly at: Occurrence;
  readonly counters: Counters;
}

const OUTCOME_OF = { 'quote.accepted': 'accepted', 'quote.converted': 'converted', 'quote.declined': 'declined', 'quote.expired': 'expired' } as const satisfies Partial<Record<CountedQuoteEvent['type'], Outcome>>;

function occurrenceOf(event: CountedQuoteEvent): Occurrence {
  return {
    eventId: event.id,
    at: event.occurredAt,
    month: monthOf(new Date(event.occurredAt)),
    agentId: event.data.ownerAgentId,
    customerKey: event.data.customerId ?? PROSPECT,
    currency: event.data.currency,
    net: event.data.net,
  };
}

/** The earlier of two occurrences; the event id breaks a tie, so that any order of arrival keeps the same one. */
function earlier(known: Occurrence | undefined, candidate: Occurrence): Occurrence {
  if (!known) return candidate;
  const [a, b] = [Date.parse(known.at), Date.parse(candidate.at)];
  return a < b || (a === b && known.eventId <= candidate.eventId) ? known : candidate;
}

/**
 * What an event counts by itself. Every acceptance, conversion and refusal counts; an expiry counts when an offer
 * lapsed (from `sent`), not when a draft nobody received did. Sending counts through the memory (once per quote).
 */
function ownCounters(event: CountedQuoteEvent, at: Occurrence): Contribution[] {
  if (event.type === 'quote.sent') return [];
  if (event.type === 'quote.expired' && event.data.from !== 'sent') return [];
  const outcome = OUTCOME_OF[event.type];
  return [{ at, counters: { [`${outcome}Count`]: '1', [`${outcome}Amount`]: at.net } }];
}

/**
 * What a quote's memory contributes: its quoting, where it was first sent, and once both ends are known, its delay to
 * acceptance, where it was accepted. Computed from the memory as a whole, so that an event that changes it (an
 * earlier sending arriving late, a sending arriving after the acceptance) takes back the old contribution and adds
 * the new one.
 */
function remembered(memory: QuoteMemory | undefined): Contribution[] {
  const sent = memory?.firstSent;
  if (!sent) return [];
  const quoted: Contribution = { at: sent, counters: { quotedCount: '1', quotedAmount: sent.net } };
  const accepted = memory.accepted;
  if (!accepted) return [quoted];
  // A clock set wrong could put the acceptance before the sending: no negative delay.
  const days = Math.max(0, calendarDaysBetween(new Date(sent.at), new Date(accepted.at)));
  return [quoted, { at: accepted, counters: delayCounters(days) }];
}

function remember(memory: QuoteMemory | undefined, event: CountedQuoteEvent, at: Occurrence): QuoteMemory {
  const { firstSent, accepted } = memory ?? {};
  return {
    quoteId: event.data.quoteId,
    version: (memory?.version ?? 0) + 1,
    ...(event.type === 'quote.sent' ? { firstSent: earlier(firstSent, at) } : firstSent ? { firstSent } : {}),
    ...(event.type === 'quote.accepted' ? { accepted: earlier(accepted, at) } : accepted ? { accepted } : {}),
  };
}

/** Every aggregate a figure counts in: everyone's, its agent's, its customer's, and its agent's for that customer. */
function bucketsOf(at: Occurrence): Bucket[] {
  const month = { month: at.month, currency: at.currency };
  return [month, { ...month, agentId: at.agentId }, { ...month, customerKey: at.customerKey }, { ...month, agentId: at.agentId, customerKey: at.customerKey }];
}

const bucketId = (bucket: Bucket) => JSON.stringify([bucket.month, bucket.currency, bucket.agentId ?? null, bucket.customerKey ?? null]);

/**
 * QUO-7: what one quote event changes in the aggregates, given what they remember of its quote (undefined before its
 * first counted event), and the memory to keep. The result depends only on the set of the quote's events, not on
 * their order: an acceptance counts at once and its delay when the sending arrives, whichever comes first. One
 * increment per aggregate item, without counters that come to nothing.
 */
export function quoteEventIncrements(event: CountedQuoteEvent, memory: QuoteMemory | undefined): { readonly memory: QuoteMemory; readonly increments: readonly Increment[] } {
  const at = occurrenceOf(event);
  const next = remember(memory, event, at);
  const contributions = [
    ...ownCounters(event, at),
    ...remembered(next),
    ...remembered(memory).map((contribution) => ({ ...contribution, counters: negateCounters(contribution.counters) })),
  ];
  const byBucket = new Map<string, Increment>();
  for (const { at: where, counters } of contributions) {
    for (const bucket of bucketsOf(where)) {
      const id = bucketId(bucket);
      byBucket.set(id, { bucket, counters: addCounters(byBucket.get(id)?.counters ?? {}, counters) });
    }
  }
  return { memory: next, increments: [...byBucket.values()].filter((increment) => Object.keys(increment.counters).length > 0) };
}
