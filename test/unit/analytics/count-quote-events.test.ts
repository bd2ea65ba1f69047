import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNTER_NAMES, countQuoteEvent, type QuoteAnalyticsStore } from '../../../domain/analytics/index.ts';
import { countedQuoteEvent } from '../../../domain/analytics/quote-events.ts';
import { quoteEventIncrements } from '../../../domain/analytics/quote-increments.ts';
import { WriteConflictError } from '../../../domain/shared/errors.ts';
import type { DomainEvent } from '../../../domain/shared/events.ts';
import { inMemoryQuoteAnalyticsStore } from '../../support/in-memory-quote-analytics-store.ts';
import { quoteEvent } from '../../support/quote-analytics-events.ts';

const CUSTOMER = 'cus_01JDQ7ZK3M9X2V4B6N8P0R2T4W';
const QUOTE = 'qte_01JDQ7ZK3M9X2V4B6N8P0R2T4W';
const facts = { quoteId: QUOTE, agentId: 'agent-a', customerId: CUSTOMER };

/**
 * Counts the events one after the other, as the consumer does, and gives what the aggregates hold, sorted. An
 * aggregate whose counters all came back to 0 (its quote moved to another month) stays, empty, as in DynamoDB: left out.
 */
async function countAll(events: readonly DomainEvent[]) {
  const store = inMemoryQuoteAnalyticsStore();
  const outcomes = [];
  for (const event of events) outcomes.push(await countQuoteEvent({ store }, event));
  const buckets = store.buckets().filter((bucket) => COUNTER_NAMES.some((name) => name in bucket)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return { outcomes, buckets, of: (month: string, scope: { agentId?: string; customerKey?: string } = {}) => buckets.find((bucket) => bucket.month === month && bucket.agentId === scope.agentId && bucket.customerKey === scope.customerKey) };
}

describe('counting quote events', () => {
  it('counts a quote as quoted once, in the month and at the net it was first sent, in each of its four scopes', async () => {
    const { buckets } = await countAll([
      quoteEvent('quote.sent', { ...facts, at: '2026-02-10T09:00:00Z', net: '100.00' }),
      quoteEvent('quote.sent', { ...facts, at: '2026-03-05T09:00:00Z', net: '120.00', from: 'sent' }),
    ]);
    const scopes = [{}, { agentId: 'agent-a' }, { customerKey: CUSTOMER }, { agentId: 'agent-a', customerKey: CUSTOMER }];
    expect(buckets).toEqual(expect.arrayContaining(scopes.map((scope) => ({ month: '2026-02', currency: 'EUR', ...scope, quotedCount: '1', quotedAmount: '100' }))));
    expect(buckets).toHaveLength(4);
  });

  it('counts an acceptance at its net, and its delay in whole Paris days from the first sending, where it was accepted', async () => {
    const { of } = await countAll([
      quoteEvent('quote.sent', { ...facts, at: '2026-02-27T16:00:00Z', net: '100.00' }),
      quoteEvent('quote.accepted', { ...facts, at: '2026-03-03T07:00:00Z', net: '100.00' }),
    ]);
    expect(of('2026-03', { agentId: 'agent-a' })).toEqual({ month: '2026-03', currency: 'EUR', agentId: 'agent-a', acceptedCount: '1', acceptedAmount: '100', acceptanceDaysSum: '4', acceptanceDaysCount: '1', acceptedWithin5Days: '1' });
    expect(of('2026-02')).toMatchObject({ quotedCount: '1' });
  });

  it('counts declines, conversions and lapsed offers at their net; a draft that expired unsent counts nothing', async () => {
    const { of, buckets } = await countAll([
      quoteEvent('quote.declined', { at: '2026-04-01T09:00:00Z', net: '10.50' }),
      quoteEvent('quote.converted', { at: '2026-04-02T09:00:00Z', net: '20.25' }),
      quoteEvent('quote.expired', { at: '2026-04-03T09:00:00Z', net: '30.00', from: 'sent' }),
      quoteEvent('quote.expired', { at: '2026-05-03T09:00:00Z', net: '99.00', from: 'draft' }),
    ]);
    expect(of('2026-04')).toEqual({ month: '2026-04', currency: 'EUR', declinedCount: '1', declinedAmount: '10.5', convertedCount: '1', convertedAmount: '20.25', expiredCount: '1', expiredAmount: '30' });
    expect(buckets.filter((bucket) => bucket.month === '2026-05')).toEqual([]);
  });

  it("files a prospect's quote under `prospect`, and keeps currencies apart", async () => {
    const { buckets } = await countAll([quoteEvent('quote.sent', { at: '2026-04-01T09:00:00Z', net: '5.00', agentId: 'agent-b' }), quoteEvent('quote.sent', { at: '2026-04-01T10:00:00Z', net: '700', currency: 'JPY', agentId: 'agent-b' })]);
    const prospects = buckets.filter((bucket) => bucket.customerKey === 'prospect' && bucket.agentId === undefined);
    expect(prospects).toEqual([
      { month: '2026-04', currency: 'EUR', customerKey: 'prospect', quotedCount: '1', quotedAmount: '5' },
      { month: '2026-04', currency: 'JPY', customerKey: 'prospect', quotedCount: '1', quotedAmount: '700' },
    ]);
  });

  it('counts an acceptance that arrives before its sending at once, and its delay when the sending arrives: as if in order', async () => {
    const sent = quoteEvent('quote.sent', { ...facts, at: '2026-02-27T16:00:00Z' });
    const accepted = quoteEvent('quote.accepted', { ...facts, at: '2026-03-03T07:00:00Z' });
    const early = await countAll([accepted]);
    expect(early.of('2026-03')).toEqual({ month: '2026-03', currency: 'EUR', acceptedCount: '1', acceptedAmount: '100' });
    expect((await countAll([accepted, sent])).buckets).toEqual((await countAll([sent, accepted])).buckets);
  });

  it('moves a quote to the month of an earlier sending that arrives late, and corrects its delay', async () => {
    const first = quoteEvent('quote.sent', { ...facts, at: '2026-01-20T09:00:00Z', net: '80.00' });
    const again = quoteEvent('quote.sent', { ...facts, at: '2026-02-25T09:00:00Z', net: '90.00', from: 'sent' });
    const accepted = quoteEvent('quote.accepted', { ...facts, at: '2026-03-02T09:00:00Z', net: '90.00' });
    const late = await countAll([again, accepted, first]);
    expect(late.of('2026-01')).toMatchObject({ quotedCount: '1', quotedAmount: '80' });
    expect(late.of('2026-02')).toBeUndefined();
    expect(late.of('2026-03')).toMatchObject({ acceptanceDaysSum: '41', acceptanceDaysCount: '1', acceptedWithin45Days: '1' });
    expect(late.buckets).toEqual((await countAll([first, again, accepted])).buckets);
  });

  it('changes at most a handful of aggregate items per event, even when it moves a quote', () => {
    const sent = countedQuoteEvent(quoteEvent('quote.sent', { ...facts, at: '2026-01-20T09:00:00Z' }))!;
    const memory = { quoteId: QUOTE, version: 2, firstSent: { eventId: 'evt_x', at: '2026-02-25T09:00:00.000Z', month: '2026-02', agentId: 'agent-a', customerKey: CUSTOMER, currency: 'EUR', net: '90' }, accepted: { eventId: 'evt_y', at: '2026-03-02T09:00:00.000Z', month: '2026-03', agentId: 'agent-a', customerKey: CUSTOMER, currency: 'EUR', net: '90' } };
    const { increments } = quoteEventIncrements(sent, memory);
    // Out of the January, February and March items of the four scopes.
    expect(increments).toHaveLength(12);
  });

  it('gives the same aggregates whatever the order of arrival and however often each event is delivered', async () => {
    const lifecycle = fc.record({
      quote: fc.constantFrom('qte_01JDQ7ZK3M9X2V4B6N8P0R2T41', 'qte_01JDQ7ZK3M9X2V4B6N8P0R2T42', 'qte_01JDQ7ZK3M9X2V4B6N8P0R2T43'),
      type: fc.constantFrom('quote.sent', 'quote.accepted', 'quote.declined', 'quote.expired', 'quote.converted') as fc.Arbitrary<'quote.sent'>,
      day: fc.integer({ min: 0, max: 120 }),
      net: fc.integer({ min: 0, max: 100_000 }).map((cents) => (cents / 100).toFixed(2)),
      customer: fc.constantFrom(CUSTOMER, undefined),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(lifecycle, { minLength: 1, maxLength: 12 }), fc.infiniteStream(fc.nat()), fc.array(fc.nat(), { maxLength: 5 }), async (facts, randoms, repeats) => {
        const events = facts.map(({ quote, type, day, net, customer }) => quoteEvent(type, { quoteId: quote, at: new Date(Date.UTC(2026, 0, 1 + day, 9)).toISOString(), net, ...(customer ? { customerId: customer } : {}) }));
        const inOrder = [...events].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
        const random = randoms[Symbol.iterator]();
        const shuffled = events.map((event) => ({ event, rank: random.next().value as number })).sort((a, b) => a.rank - b.rank).map(({ event }) => event);
        const redelivered = [...shuffled, ...repeats.map((index) => events[index % events.length]!)];
        const expected = await countAll(inOrder);
        const actual = await countAll(redelivered);
        expect(actual.buckets).toEqual(expected.buckets);
        expect(actual.outcomes.filter((outcome) => outcome === 'duplicate')).toHaveLength(repeats.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the consumer use case', () => {
  it('ignores the quote events no figure depends on, and refuses a counted type at a version it does not know', async () => {
    const store = inMemoryQuoteAnalyticsStore();
    const created = { ...quoteEvent('quote.sent', { at: '2026-04-01T09:00:00Z' }), type: 'quote.created' };
    expect(await countQuoteEvent({ store }, created)).toBe('ignored');
    await expect(countQuoteEvent({ store }, { ...quoteEvent('quote.sent', { at: '2026-04-01T09:00:00Z' }), version: 2 })).rejects.toThrow('quote.sent v2 is not counted: the analytics know v1');
    await expect(countQuoteEvent({ store }, { ...quoteEvent('quote.sent', { at: '2026-04-01T09:00:00Z' }), data: { quoteId: QUOTE } })).rejects.toThrow();
    expect(store.buckets()).toEqual([]);
  });

  it('computes again from the stored memory when another event of the quote was counted meanwhile', async () => {
    const store = inMemoryQuoteAnalyticsStore();
    const accepted = quoteEvent('quote.accepted', { ...facts, at: '2026-03-03T07:00:00Z' });
    let raced = false;
    const racing: QuoteAnalyticsStore = {
      ...store,
      async apply(change) {
        if (!raced) {
          raced = true;
          // The sending is counted by another consumer between this one's read and its write.
          await countQuoteEvent({ store }, quoteEvent('quote.sent', { ...facts, at: '2026-02-27T16:00:00Z' }));
        }
        return store.apply(change);
      },
    };
    expect(await countQuoteEvent({ store: racing }, accepted)).toBe('counted');
    expect(store.buckets().find((bucket) => bucket.month === '2026-03' && bucket.agentId === undefined && bucket.customerKey === undefined)).toMatchObject({ acceptedCount: '1', acceptanceDaysCount: '1', acceptanceDaysSum: '4' });
  });

  it('gives up after a bounded number of lost races, throwing the conflict (the bus retries the event)', async () => {
    const store = inMemoryQuoteAnalyticsStore();
    let attempts = 0;
    const hopeless: QuoteAnalyticsStore = { ...store, apply: async () => { attempts++; throw new WriteConflictError(); } };
    await expect(countQuoteEvent({ store: hopeless }, quoteEvent('quote.sent', { at: '2026-04-01T09:00:00Z' }))).rejects.toBeInstanceOf(WriteConflictError);
    expect(attempts).toBe(10);
  });
});
