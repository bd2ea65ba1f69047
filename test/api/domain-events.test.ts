import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../domain/shared/events.ts';
import { localBus } from '../../functions/composition.ts';
import { startApi, type Api } from '../support/api.ts';

let api: Api;
const received: DomainEvent[] = [];
beforeAll(async () => {
  api = await startApi();
  localBus().subscribe('*', (event) => void received.push(event));
});
afterAll(() => api?.stop());

/** Polls until the event arrives: the stream poller runs every few hundred ms, later when the machine is loaded. */
async function eventually<T>(read: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting for the event');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('domain events', () => {
  it('publishes each state change through the outbox and the stream, once, with its actor', async () => {
    const token = await api.token('manager', 'events-manager');
    const { body: customer } = await api.request('POST', '/customers', { token, body: { name: 'Evented' } });
    await api.request('POST', `/customers/${customer.id}/qualify`, { token, headers: { 'If-Match': '"1"' } });
    const forCustomer = () => received.filter((e) => e.subject === customer.id);
    await eventually(() => (forCustomer().length >= 2 ? true : undefined));
    expect(forCustomer().map((e) => [e.type, e.version, e.actorId])).toEqual([
      ['customer.created', 1, 'events-manager'],
      ['customer.qualified', 1, 'events-manager'],
    ]);
    expect(forCustomer()[1]!.data).toEqual({ customerId: customer.id, version: 2, from: 'prospect', to: 'qualified' });
  });

  it('publishes nothing for a change that failed', async () => {
    const { body: customer } = await api.request('POST', '/customers', { body: { name: 'Quiet' } });
    await eventually(() => received.find((e) => e.subject === customer.id));
    const stale = await api.request('POST', `/customers/${customer.id}/qualify`, { headers: { 'If-Match': '"7"' } });
    expect(stale.status).toBe(412);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(received.filter((e) => e.subject === customer.id).map((e) => e.type)).toEqual(['customer.created']);
  });
});
