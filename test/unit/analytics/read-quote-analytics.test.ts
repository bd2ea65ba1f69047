import { describe, expect, it } from 'vitest';
import { countQuoteEvent, readQuoteAnalytics, type QuoteAnalyticsQuery } from '../../../domain/analytics/index.ts';
import type { Actor } from '../../../domain/shared/actor.ts';
import { ValidationError } from '../../../domain/shared/errors.ts';
import { inMemoryQuoteAnalyticsStore } from '../../support/in-memory-quote-analytics-store.ts';
import { quoteEvent } from '../../support/quote-analytics-events.ts';

const CUSTOMER = 'cus_01JDQ7ZK3M9X2V4B6N8P0R2T4W';
const manager: Actor = { id: 'manager-1', role: 'manager' };
const alice: Actor = { id: 'agent-alice', role: 'agent' };
// 31 March 2026, 22:30 UTC: already April in Paris.
const clock = { now: () => new Date('2026-03-31T22:30:00Z') };

const store = inMemoryQuoteAnalyticsStore();
const deps = { store, clock };
for (const event of [
  quoteEvent('quote.sent', { quoteId: 'qte_1', at: '2026-01-10T09:00:00Z', net: '100.00', agentId: 'agent-alice', customerId: CUSTOMER }),
  quoteEvent('quote.accepted', { quoteId: 'qte_1', at: '2026-01-13T09:00:00Z', net: '100.00', agentId: 'agent-alice', customerId: CUSTOMER }),
  quoteEvent('quote.sent', { quoteId: 'qte_2', at: '2026-02-10T09:00:00Z', net: '50.00', agentId: 'agent-alice' }),
  quoteEvent('quote.sent', { quoteId: 'qte_3', at: '2026-02-11T09:00:00Z', net: '70.00', agentId: 'agent-bob', customerId: CUSTOMER }),
  quoteEvent('quote.declined', { quoteId: 'qte_3', at: '2026-03-01T09:00:00Z', net: '70.00', agentId: 'agent-bob', customerId: CUSTOMER }),
  quoteEvent('quote.sent', { quoteId: 'qte_4', at: '2026-02-12T09:00:00Z', net: '9000', currency: 'JPY', agentId: 'agent-bob' }),
  quoteEvent('quote.sent', { quoteId: 'qte_5', at: '2024-02-12T09:00:00Z', net: '1.00', agentId: 'agent-bob' }),
]) {
  await countQuoteEvent(deps, event);
}

const read = (actor: Actor, query: Partial<QuoteAnalyticsQuery> = {}) => readQuoteAnalytics(deps, actor, { groupBy: 'month', ...query });
const summary = (groups: Awaited<ReturnType<typeof read>>['groups']) => groups.map((group) => [group.key, group.currency, group.quoted.count, group.quoted.amount.amount, group.accepted.count, group.declined.count]);

describe('reading the quote analytics', () => {
  it('defaults to the 12 months to the current one in Paris, grouped by month, currencies apart', async () => {
    const result = await read(manager);
    expect(result).toMatchObject({ from: '2025-05', to: '2026-04', groupBy: 'month' });
    expect(summary(result.groups)).toEqual([
      ['2026-01', 'EUR', 1, '100.00', 1, 0],
      ['2026-02', 'EUR', 2, '120.00', 0, 0],
      ['2026-02', 'JPY', 1, '9000', 0, 0],
      ['2026-03', 'EUR', 0, '0.00', 0, 1],
    ]);
    expect(result.groups[0]).toMatchObject({ rates: { accepted: '100.00', converted: '0.00' }, daysToAcceptance: { count: 1, mean: '3.0', median: { fromDays: 3, toDays: 3 } } });
    expect(result.groups[3]!.rates).toEqual({ accepted: null, converted: null });
  });

  it('takes 12 months from `from` when `to` is not given, and any range of at most 24 months', async () => {
    expect(await read(manager, { from: '2024-01' })).toMatchObject({ from: '2024-01', to: '2024-12', groups: [{ key: '2024-02', quoted: { count: 1 } }] });
    expect((await read(manager, { from: '2024-04', to: '2026-03' })).groups).toHaveLength(4);
  });

  it('refuses a range longer than 24 months or upside down', async () => {
    await expect(read(manager, { from: '2024-03', to: '2026-03' })).rejects.toMatchObject({ issues: [{ pointer: '/query/to', message: 'spans 25 months from 2024-03: at most 24' }] });
    await expect(read(manager, { from: '2026-03', to: '2026-02' })).rejects.toMatchObject({ issues: [{ pointer: '/query/to', message: 'must not be before from (2026-03)' }] });
  });

  it('adds up the months of each agent or customer over the range', async () => {
    expect(summary((await read(manager, { groupBy: 'agent' })).groups)).toEqual([
      ['agent-alice', 'EUR', 2, '150.00', 1, 0],
      ['agent-bob', 'EUR', 1, '70.00', 0, 1],
      ['agent-bob', 'JPY', 1, '9000', 0, 0],
    ]);
    expect(summary((await read(manager, { groupBy: 'customer' })).groups)).toEqual([
      [CUSTOMER, 'EUR', 2, '170.00', 1, 1],
      ['prospect', 'EUR', 1, '50.00', 0, 0],
      ['prospect', 'JPY', 1, '9000', 0, 0],
    ]);
    expect(summary((await read(manager, { groupBy: 'agent', customerId: CUSTOMER })).groups)).toEqual([
      ['agent-alice', 'EUR', 1, '100.00', 1, 0],
      ['agent-bob', 'EUR', 1, '70.00', 0, 1],
    ]);
  });

  it("shows an agent their own figures only, and refuses another agent's with a 400", async () => {
    const own = await read(alice, { groupBy: 'customer' });
    expect(own.agentId).toBe('agent-alice');
    expect(summary(own.groups)).toEqual([
      [CUSTOMER, 'EUR', 1, '100.00', 1, 0],
      ['prospect', 'EUR', 1, '50.00', 0, 0],
    ]);
    expect((await read(alice, { agentId: 'agent-alice', customerId: CUSTOMER })).groups.map((group) => group.key)).toEqual(['2026-01']);
    const refused = read(alice, { agentId: 'agent-bob' });
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({ issues: [{ pointer: '/query/agentId' }] });
    expect((await read(manager, { agentId: 'agent-bob', groupBy: 'agent' })).groups.map((group) => group.key)).toEqual(['agent-bob', 'agent-bob']);
  });
});
