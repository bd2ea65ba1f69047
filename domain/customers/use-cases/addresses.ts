import type { Actor } from '../../shared/actor.ts';
import { ConflictError, NotFoundError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { changedFields, serverPart } from '../../shared/merge-patch.ts';
import type { Page, PageRequest } from '../../shared/page.ts';
import { parseWith } from '../../shared/validation.ts';
import { assertExpectedVersion, mergePatched, writablePartOf, type ExpectedVersion } from '../../shared/versioning.ts';
import { assertCanWrite, visibleAggregate, visibleCustomer, type CustomersDeps } from '../access.ts';
import type { Address } from '../customer.ts';
import { addressFieldsSchema } from '../schemas.ts';
import { commitChild } from './child-writes.ts';


const PATCHABLE = writablePartOf(addressFieldsSchema);

/** Adds an address with its roles (ordered by, delivered to, invoiced to, paid by). Output: the address. */
export async function addAddress(deps: CustomersDeps, actor: Actor, customerId: string, input: unknown): Promise<Address> {
  assertCanWrite(actor);
  const fields = parseWith(addressFieldsSchema, input);
  const customer = await visibleCustomer(deps, actor, customerId);
  const now = deps.clock.now().toISOString();
  const address: Address = { ...fields, id: newId('address'), customerId, version: 1, createdAt: now, updatedAt: now };
  await commitChild(deps, actor, customer, { entity: 'address', previous: null, next: address });
  return address;
}

export async function getAddress(deps: CustomersDeps, actor: Actor, customerId: string, addressId: string): Promise<Address> {
  await visibleCustomer(deps, actor, customerId);
  return existingAddress(deps, customerId, addressId);
}

export async function listAddresses(deps: CustomersDeps, actor: Actor, customerId: string, page: PageRequest): Promise<Page<Address>> {
  await visibleCustomer(deps, actor, customerId);
  return deps.store.listAddresses(customerId, page);
}

/** Merge-patches an address (RFC 7396) at the expected version; a patch that changes nothing writes nothing. */
export async function updateAddress(deps: CustomersDeps, actor: Actor, customerId: string, addressId: string, expectedVersion: ExpectedVersion, patch: unknown): Promise<Address> {
  assertCanWrite(actor);
  const customer = await visibleCustomer(deps, actor, customerId);
  const current = await existingAddress(deps, customerId, addressId);
  const fields = mergePatched(current, expectedVersion, patch, PATCHABLE);
  if (changedFields(PATCHABLE.fields, current, fields).length === 0) return current;
  const next: Address = { ...serverPart(current, PATCHABLE.fields), ...fields, version: current.version + 1, updatedAt: deps.clock.now().toISOString() };
  await commitChild(deps, actor, customer, { entity: 'address', previous: current, next });
  return next;
}

/** Removes an address no contact is attached to (detach or move those contacts first). */
export async function removeAddress(deps: CustomersDeps, actor: Actor, customerId: string, addressId: string, expectedVersion: ExpectedVersion): Promise<void> {
  assertCanWrite(actor);
  const aggregate = await visibleAggregate(deps, actor, customerId);
  const customer = aggregate.customer;
  const current = aggregate.addresses.find((a) => a.id === addressId);
  if (!current) throw new NotFoundError('Address', addressId);
  assertExpectedVersion(expectedVersion, current.version);
  const attached = aggregate.contacts.filter((c) => c.addressId === addressId).map((c) => c.id);
  if (attached.length > 0) {
    throw new ConflictError('address_in_use', `Contacts ${attached.join(', ')} are attached to this address; move or detach them first`);
  }
  await commitChild(deps, actor, customer, { entity: 'address', previous: current, next: null });
}

async function existingAddress(deps: CustomersDeps, customerId: string, addressId: string): Promise<Address> {
  const address = await deps.store.getAddress(customerId, addressId);
  if (!address) throw new NotFoundError('Address', addressId);
  return address;
}
