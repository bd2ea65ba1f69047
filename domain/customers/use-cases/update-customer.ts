import type { Actor } from '../../shared/actor.ts';
import { ValidationError } from '../../shared/errors.ts';
import { applyMergePatch, changedFields, isPlainObject, serverPart, writablePart } from '../../shared/merge-patch.ts';
import { parseWith } from '../../shared/validation.ts';
import { assertExpectedVersion, type ExpectedVersion } from '../../shared/versioning.ts';
import { assertAssignable, assertCanWrite, assertValidParent, customerEvent, touched, visibleAggregate, type CustomersDeps } from '../access.ts';
import { checkCustomerFields, type CustomerAggregate } from '../customer.ts';
import { customerFieldsSchema } from '../schemas.ts';

const FIELDS = Object.keys(customerFieldsSchema.shape);

/**
 * Applies a JSON merge patch (RFC 7396) to a customer's own fields.
 * Input: the expected version (If-Match) and the patch. Output: the updated aggregate.
 * Steps: load (404 if not visible) → check version → merge → validate the result as a whole →
 * check assignment and group → commit with `customer.updated` listing the changed fields.
 */
export async function updateCustomer(deps: CustomersDeps, actor: Actor, customerId: string, expectedVersion: ExpectedVersion, patch: unknown): Promise<CustomerAggregate> {
  assertCanWrite(actor);
  if (!isPlainObject(patch)) throw ValidationError.field('', 'must be a JSON object (a merge patch)');
  const aggregate = await visibleAggregate(deps, actor, customerId);
  const current = aggregate.customer;
  assertExpectedVersion(expectedVersion, current.version);

  const merged = parseWith(customerFieldsSchema, applyMergePatch(writablePart(current, FIELDS), patch));
  const checked = checkCustomerFields(merged);
  if (checked.issues.length > 0) throw new ValidationError(checked.issues);
  if (checked.value.salesAgentId !== current.salesAgentId) assertAssignable(actor, checked.value.salesAgentId);
  if (checked.value.parentCustomerId !== current.parentCustomerId) {
    await assertValidParent(deps, actor, customerId, checked.value.parentCustomerId);
  }

  const changed = changedFields(FIELDS, current, checked.value);
  if (changed.length === 0) return aggregate;
  const next = touched(serverPart(current, FIELDS), deps.clock, checked.value);
  const event = customerEvent('customer.updated', { customerId, version: next.version, changedFields: changed }, { actor, clock: deps.clock, subject: customerId });
  await deps.store.commit([{ entity: 'customer', previous: current, next }], [event]);
  return { ...aggregate, customer: next };
}
