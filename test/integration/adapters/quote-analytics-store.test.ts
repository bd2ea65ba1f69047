import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { COUNTER_NAMES, countQuoteEvent, type AggregateRead, type QuoteAggregate } from '../../../domain/analytics/index.ts';
import { Dec } from '../../../domain/shared/money.ts';
import { newId } from '../../../domain/shared/ids.ts';
import { countedEventEntity, createQuoteAnalyticsStore } from '../../../functions/adapters/dynamodb/quote-analytics-store.ts';
import { TTL_ATTRIBUTE } from '../../../infra/table-definition.ts';
import { quoteEvent } from '../../support/quote-analytics-events.ts';
import { testTable } from '../../support/table.ts';

const table = await testTable('analytics');
const store = createQuoteAnalyticsStore(table);
const deps = { store };
const CUSTOMER = 'cus_01JDQ7ZK3M9X2V4B6N8P0R2T4W';

/** The commands the table's client sends meanwhile, by name. */
function recordCommands(): { readonly sent: string[]; stop(): void } {
  const sent: string[] = [];
  const name = `record-${newId('event')}`;
  table.client.middlewareStack.add((next, context) => async (args) => {
    sent.push(context.commandName ?? '(unnamed)');
    return next(args);
  }, { step: 'initialize', name });
  return { sent, stop: () => table.client.middlewareStack.remove(name) };
}

/** DynamoDB writes a decimal its own way (`4.0`): the same number, in its shortest form. */
const normalized = (aggregate: QuoteAggregate) =>
  Object.fromEntries(Object.entries(aggregate).map(([name, value]) => [name, (COUNTER_NAMES as readonly string[]).includes(name) && value !== undefined ? new Dec(value).toFixed() : value]));

/** Each month gets agents of its own, so that the tests do not see each other's figures. */
const read = (read: Partial<AggregateRead> & Pick<AggregateRead, 'from'>) => store.aggregates({ scope: {}, groupBy: 'month', to: read.from, ...read });

describe('the quote analytics store on DynamoDB', () => {
  it('counts a redelivered event once: the second delivery changes nothing', async () => {
    const agentId = `agent-${newId('event')}`;
    const sent = quoteEvent('quote.sent', { at: '2031-01-10T09:00:00Z', net: '100.10', agentId, customerId: CUSTOMER });
    expect(await countQuoteEvent(deps, sent)).toBe('counted');
    expect(await countQuoteEvent(deps, sent)).toBe('duplicate');
    expect(await countQuoteEvent(deps, structuredClone(sent))).toBe('duplicate');
    expect(await read({ from: '2031-01', scope: { agentId } })).toEqual([{ month: '2031-01', currency: 'EUR', agentId, quotedCount: '1', quotedAmount: '100.1' }]);
  });

  it('remembers a counted event for 30 days; an expired marker that DynamoDB has not deleted yet counts as gone', async () => {
    const agentId = `agent-${newId('event')}`;
    const declined = quoteEvent('quote.declined', { at: '2031-02-10T09:00:00Z', net: '7.00', agentId });
    await countQuoteEvent(deps, declined);
    const key = countedEventEntity.key({ eventId: declined.id });
    const { Item: marker } = await table.client.send(new GetCommand({ TableName: table.name, Key: key }));
    expect(marker![TTL_ATTRIBUTE] - Date.now() / 1000).toBeGreaterThan(29.9 * 24 * 3600);
    await table.client.send(new UpdateCommand({ TableName: table.name, Key: key, UpdateExpression: 'SET #expiry = :past', ExpressionAttributeNames: { '#expiry': TTL_ATTRIBUTE }, ExpressionAttributeValues: { ':past': Math.floor(Date.now() / 1000) - 1 } }));
    expect(await countQuoteEvent(deps, declined)).toBe('counted');
    expect(await read({ from: '2031-02', scope: { agentId } })).toMatchObject([{ declinedCount: '2' }]);
  });

  it('sums distinct events applied at the same time exactly, on shared aggregates and on one quote', async () => {
    const agentId = `agent-${newId('event')}`;
    // 40 quotes sent at once (every one updates the same month's items), plus the acceptance of each of the first 10,
    // delivered at the same time as its sending (the same quote's memory).
    const quotes = Array.from({ length: 40 }, () => newId('quote'));
    const events = [
      ...quotes.map((quoteId) => quoteEvent('quote.sent', { quoteId, at: '2031-03-02T09:00:00Z', net: '0.10', agentId, customerId: CUSTOMER })),
      ...quotes.slice(0, 10).map((quoteId) => quoteEvent('quote.accepted', { quoteId, at: '2031-03-05T09:00:00Z', net: '0.10', agentId, customerId: CUSTOMER })),
    ];
    expect(new Set(await Promise.all(events.map((event) => countQuoteEvent(deps, event))))).toEqual(new Set(['counted']));
    // 40 × 0.10 in JavaScript numbers is 4.000000000000001: these are decimals.
    expect((await read({ from: '2031-03', scope: { agentId, customerKey: CUSTOMER } })).map(normalized)).toEqual([
      { month: '2031-03', currency: 'EUR', agentId, customerKey: CUSTOMER, quotedCount: '40', quotedAmount: '4', acceptedCount: '10', acceptedAmount: '1', acceptanceDaysSum: '30', acceptanceDaysCount: '10', acceptedWithin3Days: '10' },
    ]);
  });

  it('keeps amounts beyond what a JavaScript number holds exactly', async () => {
    const agentId = `agent-${newId('event')}`;
    await countQuoteEvent(deps, quoteEvent('quote.converted', { at: '2031-04-02T09:00:00Z', net: '123456789012345678.91', agentId }));
    await countQuoteEvent(deps, quoteEvent('quote.converted', { at: '2031-04-03T09:00:00Z', net: '0.01', agentId }));
    expect((await read({ from: '2031-04', scope: { agentId } })).map(normalized)).toMatchObject([{ convertedCount: '2', convertedAmount: '123456789012345678.92' }]);
  });

  it('answers each grouping with one Query, for a range of months, whatever the number of quotes', async () => {
    const bob = `agent-${newId('event')}#CUSTOMER#${CUSTOMER}`;
    const alice = `agent-${newId('event')}`;
    // Two quotes of each agent, for the customer and for a prospect, in each of three months; one more in April.
    const events = [
      ...[1, 2, 3].flatMap((month) =>
        [alice, bob].flatMap((agentId) => [CUSTOMER, undefined].flatMap((customerId) => [1, 2].map(() => quoteEvent('quote.sent', { at: `2032-0${month}-10T09:00:00Z`, net: '1.00', agentId, ...(customerId ? { customerId } : {}) })))),
      ),
      quoteEvent('quote.sent', { at: '2032-04-10T09:00:00Z', net: '1.00', agentId: alice, customerId: CUSTOMER }),
    ];
    for (const event of events) await countQuoteEvent(deps, event);
    const reads: [AggregateRead, number][] = [
      [{ scope: {}, groupBy: 'month', from: '2032-01', to: '2032-03' }, 3],
      [{ scope: {}, groupBy: 'agent', from: '2032-01', to: '2032-03' }, 6],
      [{ scope: {}, groupBy: 'customer', from: '2032-01', to: '2032-03' }, 6],
      [{ scope: { agentId: alice }, groupBy: 'customer', from: '2032-01', to: '2032-03' }, 6],
      [{ scope: { customerKey: CUSTOMER }, groupBy: 'agent', from: '2032-01', to: '2032-03' }, 6],
      [{ scope: { agentId: bob, customerKey: 'prospect' }, groupBy: 'month', from: '2032-01', to: '2032-03' }, 3],
      [{ scope: { agentId: alice }, groupBy: 'agent', from: '2032-01', to: '2032-04' }, 4],
    ];
    for (const [aggregateRead, items] of reads) {
      const commands = recordCommands();
      const aggregates = await store.aggregates(aggregateRead).finally(commands.stop);
      expect(commands.sent, JSON.stringify(aggregateRead)).toEqual(['QueryCommand']);
      expect(aggregates, JSON.stringify(aggregateRead)).toHaveLength(items);
    }
    const byAgent = await store.aggregates({ scope: {}, groupBy: 'agent', from: '2032-01', to: '2032-03' });
    // An agent id holding the key separators stays one agent.
    expect(byAgent.filter((aggregate) => aggregate.agentId === bob).map((aggregate) => aggregate.quotedCount)).toEqual(['4', '4', '4']);
    expect(byAgent.every((aggregate) => aggregate.customerKey === undefined)).toBe(true);
  });
});
