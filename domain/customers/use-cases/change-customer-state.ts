import type { Actor } from '../../shared/actor.ts';
import { ConflictError, ValidationError } from '../../shared/errors.ts';
import { parseWith } from '../../shared/validation.ts';
import { assertExpectedVersion, type ExpectedVersion } from '../../shared/versioning.ts';
import { assertCanWrite, customerEvent, touched, visibleAggregate, type CustomersDeps } from '../access.ts';
import { STATE_ACTIONS, type Customer, type CustomerAggregate, type StateAction } from '../customer.ts';
import { stateChangeSchema } from '../schemas.ts';

const EVENT_OF = {
  qualify: 'customer.qualified',
  activate: 'customer.activated',
  abandon: 'customer.abandoned',
  reopen: 'customer.reopened',
  block: 'customer.blocked',
  unblock: 'customer.unblocked',
} as const satisfies Record<StateAction, string>;

/**
 * Moves a customer along its lifecycle (qualify, activate, abandon, reopen, block, unblock).
 * Input: the action, the expected version, an optional `{ reason }` (required to block or abandon).
 * Output: the updated aggregate. A transition the current state does not allow is a 409.
 */
export async function changeCustomerState(
  deps: CustomersDeps,
  actor: Actor,
  customerId: string,
  expectedVersion: ExpectedVersion,
  action: StateAction,
  input: unknown,
): Promise<CustomerAggregate> {
  assertCanWrite(actor);
  const { reason } = parseWith(stateChangeSchema, input ?? {});
  if ((action === 'block' || action === 'abandon') && !reason) throw ValidationError.field('/reason', `is required to ${action} a customer`);
  const aggregate = await visibleAggregate(deps, actor, customerId);
  const current = aggregate.customer;
  assertExpectedVersion(expectedVersion, current.version);

  const transition = STATE_ACTIONS[action];
  if (!(transition.from as readonly string[]).includes(current.state)) {
    throw new ConflictError('invalid_state_transition', `A customer in state ${current.state} cannot ${action}; allowed from: ${transition.from.join(', ')}`);
  }
  const { stateReason: _previousReason, ...rest } = current;
  const next = touched(rest as Customer, deps.clock, { state: transition.to, ...(reason ? { stateReason: reason } : {}) });
  const event = customerEvent(
    EVENT_OF[action],
    { customerId, version: next.version, from: current.state, to: transition.to, reason },
    { actor, clock: deps.clock, subject: customerId },
  );
  await deps.store.commit([{ entity: 'customer', previous: current, next }], [event]);
  return { ...aggregate, customer: next };
}
