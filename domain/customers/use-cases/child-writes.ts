import type { Actor } from '../../shared/actor.ts';
import { ConflictError } from '../../shared/errors.ts';
import { customerEvent, type CustomersDeps } from '../access.ts';
import { MAX_ADDRESSES, MAX_CONTACTS, type Address, type Contact, type Customer } from '../customer.ts';
import { nextVersion } from '../../shared/versioning.ts';

type Child = { entity: 'address'; previous: Address | null; next: Address | null } | { entity: 'contact'; previous: Contact | null; next: Contact | null };

const LIMITS = {
  address: { max: MAX_ADDRESSES, code: 'too_many_addresses', plural: 'addresses' },
  contact: { max: MAX_CONTACTS, code: 'too_many_contacts', plural: 'contacts' },
} as const;
const COUNTERS = { address: 'addressCount', contact: 'contactCount' } as const;
const EVENTS = {
  address: { added: 'customer.address-added', updated: 'customer.address-updated', removed: 'customer.address-removed' },
  contact: { added: 'customer.contact-added', updated: 'customer.contact-updated', removed: 'customer.contact-removed' },
} as const;

/**
 * Adds, replaces or removes one address or contact. The customer's version moves with it (it is the
 * aggregate's version) and its counters keep the aggregate bounded, all in one transaction.
 */
export async function commitChild(deps: CustomersDeps, actor: Actor, customer: Customer, child: Child): Promise<Customer> {
  const counter = COUNTERS[child.entity];
  const delta = (child.next ? 1 : 0) - (child.previous ? 1 : 0);
  const limit = LIMITS[child.entity];
  if (delta > 0 && customer[counter] >= limit.max) {
    throw new ConflictError(limit.code, `A customer has at most ${limit.max} ${limit.plural}`);
  }
  const nextCustomer = nextVersion(customer, deps.clock, { [counter]: customer[counter] + delta });
  const childId = (child.next ?? child.previous)!.id;
  const kind = child.previous === null ? 'added' : child.next === null ? 'removed' : 'updated';
  const idField = child.entity === 'address' ? { addressId: childId } : { contactId: childId };
  const event = customerEvent(
    EVENTS[child.entity][kind],
    { customerId: customer.id, version: nextCustomer.version, ...idField } as never,
    { actor, clock: deps.clock, subject: customer.id },
  );
  await deps.store.commit([{ entity: 'customer', previous: customer, next: nextCustomer }, child], [event]);
  return nextCustomer;
}
