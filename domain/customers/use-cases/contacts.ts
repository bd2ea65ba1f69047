import type { Actor } from '../../shared/actor.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { changedFields, serverPart } from '../../shared/merge-patch.ts';
import type { Page, PageRequest } from '../../shared/page.ts';
import { parseWith } from '../../shared/validation.ts';
import { assertExpectedVersion, mergePatched, writablePartOf, type ExpectedVersion } from '../../shared/versioning.ts';
import { assertCanWrite, visibleCustomer, type CustomersDeps } from '../access.ts';
import { checkContactFields, type Contact, type Customer } from '../customer.ts';
import { contactFieldsSchema, type ContactFields } from '../schemas.ts';
import { commitChild } from './child-writes.ts';


const PATCHABLE = writablePartOf(contactFieldsSchema);

/** Adds a contact to the customer, or to one of its addresses (`addressId`). Output: the contact. */
export async function addContact(deps: CustomersDeps, actor: Actor, customerId: string, input: unknown): Promise<Contact> {
  assertCanWrite(actor);
  const customer = await visibleCustomer(deps, actor, customerId);
  const fields = await checkedContact(deps, customer, parseWith(contactFieldsSchema, input));
  const now = deps.clock.now().toISOString();
  const contact: Contact = { ...fields, id: newId('contact'), customerId, version: 1, createdAt: now, updatedAt: now };
  await commitChild(deps, actor, customer, { entity: 'contact', previous: null, next: contact });
  return contact;
}

export async function getContact(deps: CustomersDeps, actor: Actor, customerId: string, contactId: string): Promise<Contact> {
  await visibleCustomer(deps, actor, customerId);
  return existingContact(deps, customerId, contactId);
}

export async function listContacts(deps: CustomersDeps, actor: Actor, customerId: string, page: PageRequest): Promise<Page<Contact>> {
  await visibleCustomer(deps, actor, customerId);
  return deps.store.listContacts(customerId, page);
}

/** Merge-patches a contact (RFC 7396) at the expected version; a patch that changes nothing writes nothing. */
export async function updateContact(deps: CustomersDeps, actor: Actor, customerId: string, contactId: string, expectedVersion: ExpectedVersion, patch: unknown): Promise<Contact> {
  assertCanWrite(actor);
  const customer = await visibleCustomer(deps, actor, customerId);
  const current = await existingContact(deps, customerId, contactId);
  const fields = await checkedContact(deps, customer, mergePatched(current, expectedVersion, patch, PATCHABLE));
  if (changedFields(PATCHABLE.fields, current, fields).length === 0) return current;
  const next: Contact = { ...serverPart(current, PATCHABLE.fields), ...fields, version: current.version + 1, updatedAt: deps.clock.now().toISOString() };
  await commitChild(deps, actor, customer, { entity: 'contact', previous: current, next });
  return next;
}

export async function removeContact(deps: CustomersDeps, actor: Actor, customerId: string, contactId: string, expectedVersion: ExpectedVersion): Promise<void> {
  assertCanWrite(actor);
  const customer = await visibleCustomer(deps, actor, customerId);
  const current = await existingContact(deps, customerId, contactId);
  assertExpectedVersion(expectedVersion, current.version);
  await commitChild(deps, actor, customer, { entity: 'contact', previous: current, next: null });
}

/** The address must belong to the same customer; phones are read in the address's country, else the customer's. */
async function checkedContact(deps: CustomersDeps, customer: Customer, fields: ContactFields): Promise<ContactFields> {
  let country = customer.countryCode;
  if (fields.addressId !== undefined) {
    const address = await deps.store.getAddress(customer.id, fields.addressId);
    if (!address) throw ValidationError.field('/addressId', `is not an address of customer ${customer.id}`);
    country = address.countryCode;
  }
  const checked = checkContactFields(fields, country);
  if (checked.issues.length > 0) throw new ValidationError(checked.issues);
  return checked.value;
}

async function existingContact(deps: CustomersDeps, customerId: string, contactId: string): Promise<Contact> {
  const contact = await deps.store.getContact(customerId, contactId);
  if (!contact) throw new NotFoundError('Contact', contactId);
  return contact;
}
