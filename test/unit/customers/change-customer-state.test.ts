import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../../../domain/shared/errors.ts';
import { changeCustomerState } from '../../../domain/customers/use-cases/change-customer-state.ts';
import { createCustomer } from '../../../domain/customers/use-cases/create-customer.ts';
import { customersFixture, manager } from '../../support/customers-fixture.ts';

describe('customer lifecycle', () => {
  it('walks prospect → qualified → active → blocked → active with an event for each step', async () => {
    const { deps, events } = customersFixture();
    const { customer } = await createCustomer(deps, manager, { name: 'Dupont' });
    const steps = [
      ['qualify', 'qualified'],
      ['activate', 'active'],
      ['block', 'blocked'],
      ['unblock', 'active'],
    ] as const;
    let version = customer.version;
    for (const [action, state] of steps) {
      const { customer: next } = await changeCustomerState(deps, manager, customer.id, version, action, action === 'block' ? { reason: 'Unpaid invoices' } : {});
      expect(next.state).toBe(state);
      version = next.version;
    }
    expect(events.map((e) => e.type)).toEqual(['customer.created', 'customer.qualified', 'customer.activated', 'customer.blocked', 'customer.unblocked']);
    expect(events[3]!.data).toMatchObject({ from: 'active', to: 'blocked', reason: 'Unpaid invoices' });
  });

  it('refuses a transition the state does not allow, naming the allowed ones', async () => {
    const { deps } = customersFixture();
    const { customer } = await createCustomer(deps, manager, { name: 'Dupont' });
    const error = await changeCustomerState(deps, manager, customer.id, 1, 'unblock', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'invalid_state_transition', message: expect.stringContaining('allowed from: blocked') });
  });

  it('needs a reason to block or abandon, and keeps it until the next transition', async () => {
    const { deps } = customersFixture();
    const { customer } = await createCustomer(deps, manager, { name: 'Dupont' });
    await expect(changeCustomerState(deps, manager, customer.id, 1, 'abandon', {})).rejects.toEqual(ValidationError.field('/reason', 'is required to abandon a customer'));
    const { customer: abandoned } = await changeCustomerState(deps, manager, customer.id, 1, 'abandon', { reason: 'No budget' });
    expect(abandoned).toMatchObject({ state: 'abandoned', stateReason: 'No budget' });
    const { customer: reopened } = await changeCustomerState(deps, manager, customer.id, 2, 'reopen', undefined);
    expect(reopened.state).toBe('prospect');
    expect(reopened.stateReason).toBeUndefined();
  });
});
