import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, monthOf } from '../../domain/analytics/months.ts';
import { quoteEvent as makeQuoteEvent } from '../../domain/quotes/access.ts';
import type { QuoteState } from '../../domain/quotes/index.ts';
import type { DomainEvent } from '../../domain/shared/events.ts';
import { transact } from '../../functions/adapters/dynamodb/transactions.ts';
import { localBus, table } from '../../functions/composition.ts';
import { startApi, type Api } from '../support/api.ts';

/**
 * The quote analytics over HTTP (QUO-7), fed the way they are in production: quote events written to the table's
 * outbox (as a quote's change writes them), relayed from the stream to the bus, counted by the consumer, read through
 * the API. Quotes cannot be sent through the API yet, so the test writes the events of sending, accepting and declining
 * real quotes made through the API, as the quotes context will.
 */

let api: Api;
let customerId: string;
const quotes: Record<'alice1' | 'alice2' | 'prospect', any> = {} as never;
const events: DomainEvent[] = [];

async function created(path: string, body: unknown, token?: string): Promise<any> {
  const response = await api.request('POST', path, { body, ...(token ? { token } : {}) });
  expect(response.status, `POST ${path}: ${JSON.stringify(response.body)}`).toBe(201);
  return response.body;
}

/** The event the quotes context writes when a quote moves, at a given moment. */
function moved(quote: any, type: 'quote.sent' | 'quote.accepted' | 'quote.declined' | 'quote.converted', at: string, from: QuoteState, to: QuoteState): DomainEvent {
  const data = {
    quoteId: quote.id,
    number: quote.number,
    version: quote.version,
    documentVersion: quote.currentVersion.number,
    contentHash: quote.currentVersion.contentHash,
    ...(quote.customerId ? { customerId: quote.customerId } : {}),
    ownerAgentId: quote.ownerAgentId,
    currency: quote.currency,
    net: quote.pricing.totals.net,
    createdAt: quote.createdAt,
    from,
    to,
  };
  return makeQuoteEvent(type, data, { actor: { id: quote.ownerAgentId, role: 'agent' }, clock: { now: () => new Date(at) }, subject: quote.id });
}

/** Polls the API until the figures satisfy `done`: the stream poller runs every few hundred ms, later on a loaded machine. */
async function eventually(path: string, done: (body: any) => boolean, token?: string, timeoutMs = 20_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await api.request('GET', path, token ? { token } : {});
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    if (done(response.body)) return response.body;
    if (Date.now() > deadline) throw new Error(`timed out waiting for the figures of ${path}: ${JSON.stringify(response.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const row = (group: any) => [group.key, group.currency, group.quoted.count, group.quoted.amount.amount, group.accepted.count, group.accepted.amount.amount, group.declined.count];

beforeAll(async () => {
  api = await startApi();
  const vat = await api.request('POST', '/vat-rates', { body: { countryCode: 'FR', category: 'standard', rate: '20', validFrom: '2014-01-01' } });
  expect([201, 409]).toContain(vat.status);
  customerId = (await created('/customers', { name: 'Garage Martin', countryCode: 'FR', salesAgentId: 'agent-alice' })).id;
  const alice = await api.token('agent', 'agent-alice');
  const line = (price: string) => ({ kind: 'text', description: 'Installation on site', quantity: '1', manualUnitPrice: price, vatCategory: 'standard' });
  quotes.alice1 = await created('/quotes', { customerId, lines: [line('450.00')] }, alice);
  quotes.alice2 = await created('/quotes', { customerId, lines: [line('125.50')] }, alice);
  quotes.prospect = await created('/quotes', { prospect: { company: 'Atelier Durand', countryCode: 'FR' }, ownerAgentId: 'agent-bob', lines: [line('80.00')] });
  events.push(
    moved(quotes.alice1, 'quote.sent', '2026-02-24T09:00:00Z', 'draft', 'sent'),
    moved(quotes.alice2, 'quote.sent', '2026-02-25T09:00:00Z', 'draft', 'sent'),
    moved(quotes.prospect, 'quote.sent', '2026-02-26T09:00:00Z', 'draft', 'sent'),
    moved(quotes.alice1, 'quote.accepted', '2026-03-02T15:00:00Z', 'sent', 'accepted'),
    moved(quotes.alice2, 'quote.declined', '2026-03-03T15:00:00Z', 'sent', 'declined'),
  );
  // The outbox, as the quotes' store commits it: the stream takes it from there.
  await transact(table(), [], events);
}, 60_000);

afterAll(() => api?.stop());

describe('GET /quote-analytics', () => {
  it('answers from the aggregates the stream keeps: per month, agent and customer, with rates and delays', async () => {
    const byMonth = await eventually('/quote-analytics?from=2026-01&to=2026-03', (body) => body.groups.length === 2 && body.groups[1].declined.count === 1);
    expect(quotes.alice1.pricing.totals.net).toBe('450.00');
    expect(byMonth).toMatchObject({ from: '2026-01', to: '2026-03', groupBy: 'month' });
    expect(byMonth.groups.map(row)).toEqual([
      ['2026-02', 'EUR', 3, '655.50', 0, '0.00', 0],
      ['2026-03', 'EUR', 0, '0.00', 1, '450.00', 1],
    ]);
    // Sent on Tuesday 24 February, accepted on Monday 2 March: 6 calendar days.
    expect(byMonth.groups[1].daysToAcceptance).toEqual({ count: 1, mean: '6.0', median: { fromDays: 6, toDays: 7 } });

    const byAgent = await api.request('GET', '/quote-analytics?from=2026-01&to=2026-03&groupBy=agent');
    expect(byAgent.body.groups.map(row)).toEqual([
      ['agent-alice', 'EUR', 2, '575.50', 1, '450.00', 1],
      ['agent-bob', 'EUR', 1, '80.00', 0, '0.00', 0],
    ]);
    expect(byAgent.body.groups[0].rates).toEqual({ accepted: '50.00', converted: '0.00' });

    const byCustomer = await api.request('GET', '/quote-analytics?from=2026-01&to=2026-03&groupBy=customer');
    expect(byCustomer.body.groups.map(row)).toEqual([
      [customerId, 'EUR', 2, '575.50', 1, '450.00', 1],
      ['prospect', 'EUR', 1, '80.00', 0, '0.00', 0],
    ]);
    const prospects = await api.request('GET', '/quote-analytics?from=2026-01&to=2026-03&customerId=prospect');
    expect(prospects.body).toMatchObject({ customerId: 'prospect', groups: [{ key: '2026-02', quoted: { count: 1 } }] });
  });

  it('counts a redelivered event once', async () => {
    await eventually('/quote-analytics?from=2026-03&to=2026-03', (body) => body.groups[0]?.declined.count === 1);
    // The relay's delivery is at least once: the bus delivers the same events again, to the same consumer, with a new
    // one (the order made from the accepted quote) that must count.
    const converted = moved(quotes.alice1, 'quote.converted', '2026-03-10T09:00:00Z', 'accepted', 'converted');
    expect(await localBus().publish([...events, converted])).toEqual([]);
    const after = await api.request('GET', '/quote-analytics?from=2026-01&to=2026-03');
    expect(after.body.groups.map(row)).toEqual([
      ['2026-02', 'EUR', 3, '655.50', 0, '0.00', 0],
      ['2026-03', 'EUR', 0, '0.00', 1, '450.00', 1],
    ]);
    expect(after.body.groups[1].converted).toEqual({ count: 1, amount: { amount: '450.00', currency: 'EUR' } });
  });

  it("shows an agent their own figures only, refuses another agent's, and shows integrations everyone's", async () => {
    const bob = await api.token('agent', 'agent-bob');
    const own = await eventually('/quote-analytics?from=2026-01&to=2026-03&groupBy=customer', (body) => body.groups.length > 0, bob);
    expect(own.agentId).toBe('agent-bob');
    expect(own.groups.map(row)).toEqual([['prospect', 'EUR', 1, '80.00', 0, '0.00', 0]]);
    const other = await api.request('GET', '/quote-analytics?agentId=agent-alice', { token: bob });
    expect(other.status).toBe(400);
    expect(other.body.errors).toEqual([{ pointer: '/query/agentId', message: 'agents can only read their own figures' }]);
    const integration = await api.request('GET', '/quote-analytics?from=2026-01&to=2026-03&groupBy=agent', { token: await api.token('integration') });
    expect(integration.body.groups.map((group: any) => group.key)).toEqual(['agent-alice', 'agent-bob']);
  });

  it('refuses a range over 24 months, a month that is not one, an unknown grouping or customer', async () => {
    const refused = async (query: string) => {
      const response = await api.request('GET', `/quote-analytics?${query}`);
      expect(response.status, query).toBe(400);
      return response.body.errors.map((error: any) => error.pointer);
    };
    expect(await refused('from=2024-01&to=2026-01')).toEqual(['/query/to']);
    expect(await refused('from=2026-03&to=2026-01')).toEqual(['/query/to']);
    expect(await refused('from=2026-13')).toEqual(['/query/from']);
    expect(await refused('groupBy=product')).toEqual(['/query/groupBy']);
    expect(await refused('customerId=someone')).toEqual(['/query/customerId']);
    expect(await refused('limit=10')).toEqual(['/query/limit']);
  });

  it('answers the 12 months to the current one (in Paris) by default', async () => {
    const response = await api.request('GET', '/quote-analytics');
    expect(response.status).toBe(200);
    const to = monthOf(new Date());
    expect(response.body).toMatchObject({ from: addMonths(to, -11), to, groupBy: 'month' });
    const inRange = (month: string) => month >= response.body.from && month <= response.body.to;
    expect(response.body.groups.map((group: any) => group.key)).toEqual(['2026-02', '2026-03'].filter(inRange));
  });
});
