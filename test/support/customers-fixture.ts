import type { Actor } from '../../domain/shared/actor.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import type { CustomersDeps } from '../../domain/customers/access.ts';
import { inMemoryCustomerStore } from './in-memory-customer-store.ts';

/** A clock that moves only when told, so timestamps in assertions are exact. */
export function fixedClock(start = '2026-11-27T09:00:00.000Z'): Clock & { advance(ms: number): void } {
  let now = Date.parse(start);
  return { now: () => new Date(now), advance: (ms) => void (now += ms) };
}

export const admin: Actor = { id: 'user-admin', role: 'admin' };
export const manager: Actor = { id: 'user-manager', role: 'manager' };
export const alice: Actor = { id: 'agent-alice', role: 'agent' };
export const bob: Actor = { id: 'agent-bob', role: 'agent' };
export const shop: Actor = { id: 'client-shop', role: 'integration' };

export function customersFixture() {
  const memory = inMemoryCustomerStore();
  const clock = fixedClock();
  const deps: CustomersDeps = { store: memory.store, clock };
  return { deps, clock, ...memory };
}
