import type { Actor } from '../../shared/actor.ts';
import { applyAction } from '../../shared/lifecycle.ts';
import type { ExpectedVersion } from '../../shared/versioning.ts';
import { assertCanWrite, customerEvent, visibleAggregate, type CustomersDeps } from '../access.ts';
import { CUSTOMER_LIFECYCLE, type CustomerAggregate, type StateAction } from '../customer.ts';

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
 * Input: the action, the expected version, `{ reason }` (required where CUSTOMER_LIFECYCLE says so).
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
  const aggregate = await visibleAggregate(deps, actor, customerId);
  const current = aggregate.customer;
  const { next, change } = applyAction(CUSTOMER_LIFECYCLE, current, { expectedVersion, action, input, clock: deps.clock });
  const event = customerEvent(
    EVENT_OF[action],
    { customerId, version: next.version, ...change },
    { actor, clock: deps.clock, subject: customerId },
  );
  await deps.store.commit([{ entity: 'customer', previous: current, next }], [event]);
  return { ...aggregate, customer: next };
}
