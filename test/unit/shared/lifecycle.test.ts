import { describe, expect, it } from 'vitest';
import { PRODUCT_LIFECYCLE } from '../../../domain/catalog/product.ts';
import { CUSTOMER_LIFECYCLE } from '../../../domain/customers/customer.ts';
import { ConflictError, ValidationError, VersionMismatchError } from '../../../domain/shared/errors.ts';
import { applyAction, defineLifecycle, lifecycleTable, transition, type Lifecycle } from '../../../domain/shared/lifecycle.ts';

const DOOR = defineLifecycle({
  resource: 'door',
  initial: 'closed',
  actions: {
    open: { from: ['closed'], to: 'open', reason: 'optional' },
    close: { from: ['open'], to: 'closed', reason: 'optional' },
    lock: { from: ['closed'], to: 'locked', reason: 'required' },
    unlock: { from: ['locked'], to: 'closed', reason: 'optional' },
  },
});

const clock = { now: () => new Date('2026-12-03T10:00:00.000Z') };

describe('transition', () => {
  it('leads from an allowed state to the declared one, keeping the reason given', () => {
    expect(transition(DOOR, 'closed', 'open', {})).toEqual({ from: 'closed', to: 'open' });
    expect(transition(DOOR, 'closed', 'lock', { reason: 'Night' })).toEqual({ from: 'closed', to: 'locked', reason: 'Night' });
    expect(transition(DOOR, 'open', 'close', undefined)).toEqual({ from: 'open', to: 'closed' });
  });

  it('refuses an action the state does not allow with a 409 naming the states it is allowed from', () => {
    expect(() => transition(DOOR, 'open', 'lock', { reason: 'Night' })).toThrow(
      new ConflictError('invalid_state_transition', 'A door in state open cannot lock; allowed from: closed'),
    );
  });

  it('requires a reason where the table says so, on /reason, before looking at the state', () => {
    expect(() => transition(DOOR, 'open', 'lock', {})).toThrow(ValidationError.field('/reason', 'is required to lock a door'));
    expect(() => transition(DOOR, 'closed', 'lock', { reason: '' })).toThrow(ValidationError);
  });

  it('parses the body: unknown fields and over-long reasons are 400s', () => {
    expect(() => transition(DOOR, 'closed', 'open', { why: 'x' })).toThrow(ValidationError);
    expect(() => transition(DOOR, 'closed', 'open', { reason: 'x'.repeat(501) })).toThrow(ValidationError);
  });
});

describe('applyAction', () => {
  const door = { id: 'd1', version: 3, state: 'closed' as 'closed' | 'open' | 'locked', stateReason: 'Old reason', updatedAt: '2026-01-01T00:00:00.000Z' };

  it('checks the expected version, then gives the next version in the new state with the new reason only', () => {
    const { next, change } = applyAction(DOOR, door, { expectedVersion: 3, action: 'open', input: {}, clock });
    expect(change).toEqual({ from: 'closed', to: 'open' });
    expect(next).toEqual({ id: 'd1', version: 4, state: 'open', updatedAt: '2026-12-03T10:00:00.000Z' });
    expect(applyAction(DOOR, door, { expectedVersion: '*', action: 'lock', input: { reason: 'Night' }, clock }).next).toMatchObject({ state: 'locked', stateReason: 'Night' });
  });

  it('refuses a stale version before anything else', () => {
    expect(() => applyAction(DOOR, door, { expectedVersion: 2, action: 'open', input: {}, clock })).toThrow(VersionMismatchError);
  });
});

describe.each<[string, Lifecycle<string, string>]>([
  ['customer', CUSTOMER_LIFECYCLE],
  ['product', PRODUCT_LIFECYCLE],
])('the %s lifecycle', (_, lifecycle) => {
  const states = [...new Set(Object.values(lifecycle.actions).flatMap(({ from, to }) => [...from, to]))];

  it('reaches every state from the initial one', () => {
    const reached = new Set([lifecycle.initial]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const { from, to } of Object.values(lifecycle.actions)) {
        if (!reached.has(to) && from.some((state) => reached.has(state))) grew = reached.add(to).size > 0;
      }
    }
    expect([...reached].sort()).toEqual(states.sort());
  });

  it('answers every state × action as its table says', () => {
    for (const state of states) {
      for (const [action, { from, to }] of Object.entries(lifecycle.actions)) {
        const apply = () => transition(lifecycle, state, action, { reason: 'Because' });
        if (from.includes(state)) expect(apply()).toEqual({ from: state, to, reason: 'Because' });
        else expect(apply).toThrow(ConflictError);
      }
    }
  });
});

describe('lifecycleTable', () => {
  it('writes one Markdown row per action, in declaration order', () => {
    expect(lifecycleTable(DOOR)).toBe(
      [
        '| Action | From | To | `reason` |',
        '|---|---|---|---|',
        '| `open` | `closed` | `open` | optional |',
        '| `close` | `open` | `closed` | optional |',
        '| `lock` | `closed` | `locked` | required |',
        '| `unlock` | `locked` | `closed` | optional |',
      ].join('\n'),
    );
  });
});
