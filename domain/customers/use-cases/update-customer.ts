import type { Actor } from '../../shared/actor.ts';
import { ValidationError } from '../../shared/errors.ts';
import { changedFields } from '../../shared/merge-patch.ts';
import { mergePatched, nextVersion, writablePartOf, type ExpectedVersion } from '../../shared/versioning.ts';
import { assertAssignable, assertCanWrite, assertValidParent, customerEvent, visibleAggregate, type CustomersDeps } from '../access.ts';
import { checkCustomerFields, type CustomerAggregate } from '../customer.ts';
import { customerFieldsSchema } from '../schemas.ts';


const PATCHABLE = writablePartOf(customerFieldsSchema);

/**
 * Applies a JSON merge patch (RFC 7396) to a customer's own fields.
 * Input: the expected version (If-Match) and the patch. Output: the updated aggregate.
 * Steps: load (404 if not visible) → check version → merge → validate the result as a whole →
 * check assignment and group → commit with `customer.updated` listing the changed fields.
 */
export async function updateCustomer(deps: CustomersDeps, actor: Actor, customerId: string, expectedVersion: ExpectedVersion, patch: unknown): Promise<CustomerAggregate> {
  assertCanWrite(actor);
  const aggregate = await visibleAggregate(deps, actor, customerId);
  const current = aggregate.customer;
  const merged = mergePatched(current, expectedVersion, patch, PATCHABLE);
  const checked = checkCustomerFields(merged);
  if (checked.issues.length > 0) throw new ValidationError(checked.issues);
  if (checked.value.salesAgentId !== current.salesAgentId) assertAssignable(actor, checked.value.salesAgentId);
  if (checked.value.parentCustomerId !== current.parentCustomerId) {
    await assertValidParent(deps, actor, customerId, checked.value.parentCustomerId);
  }

  const changed = changedFields(PATCHABLE.fields, current, checked.value);
  if (changed.length === 0) return aggregate;
  const next = nextVersion(current, deps.clock, checked.value, PATCHABLE.fields);
  const event = customerEvent('customer.updated', { customerId, version: next.version, changedFields: changed }, { actor, clock: deps.clock, subject: customerId });
  await deps.store.commit([{ entity: 'customer', previous: current, next }], [event]);
  return { ...aggregate, customer: next };
}
