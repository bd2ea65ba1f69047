import type { Actor } from '../../shared/actor.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { zeroMoney } from '../../shared/money.ts';
import { parseWith } from '../../shared/validation.ts';
import { assertExpectedVersion, nextVersion, type ExpectedVersion } from '../../shared/versioning.ts';
import { assertAssignable, assertCanWrite, customerEvent, visibleAggregate, type CustomersDeps } from '../access.ts';
import { contactDisplayName, CUSTOMER_LIFECYCLE, type Address, type Contact, type Customer, type CustomerAggregate } from '../customer.ts';
import { conversionSchema } from '../schemas.ts';
import { commitNewCustomer } from './create-customer.ts';

/**
 * CUS-14: turns a contact into a customer of its own (a person), taking along the contact and the
 * address it is attached to. The source contact is marked `convertedToCustomerId`.
 * Input: the contact's expected version and `{ name?, salesAgentId?, asSubsidiary? }`. Output: the new customer.
 */
export async function convertContactToCustomer(
  deps: CustomersDeps,
  actor: Actor,
  customerId: string,
  contactId: string,
  expectedVersion: ExpectedVersion,
  input: unknown,
): Promise<CustomerAggregate> {
  const { options, source, child: contact } = await conversionSource(deps, actor, customerId, 'Contact', contactId, expectedVersion, input);
  const sourceCustomer = source.customer;

  const address = source.addresses.find((a) => a.id === contact.addressId);
  const target = newCustomerFrom(deps, actor, sourceCustomer, options, {
    name: options.name ?? contactDisplayName(contact),
    kind: 'person',
    countryCode: address?.countryCode ?? sourceCustomer.countryCode,
    language: contact.language ?? sourceCustomer.language,
    communication: contact.communication,
  });
  const copiedAddress = address ? copyAddress(address, target, deps) : undefined;
  const markedContact: Contact = { ...contact, convertedToCustomerId: target.id, version: contact.version + 1, updatedAt: target.createdAt };
  return commitConversion(deps, actor, sourceCustomer, {
    aggregate: { customer: target, addresses: copiedAddress ? [copiedAddress] : [], contacts: [copyContact(contact, target, copiedAddress, deps)] },
    from: { customerId, contactId },
    write: { entity: 'contact', previous: contact, next: markedContact },
  });
}

/**
 * CUS-14: turns an address (a site, a subsidiary) into a customer of its own (a company), taking
 * along the address and the contacts attached to it. The source address is marked `convertedToCustomerId`.
 * Input: the address's expected version and `{ name?, salesAgentId?, asSubsidiary? }`; the name defaults to the address label.
 */
export async function convertAddressToCustomer(
  deps: CustomersDeps,
  actor: Actor,
  customerId: string,
  addressId: string,
  expectedVersion: ExpectedVersion,
  input: unknown,
): Promise<CustomerAggregate> {
  const { options, source, child: address } = await conversionSource(deps, actor, customerId, 'Address', addressId, expectedVersion, input);
  const sourceCustomer = source.customer;
  const name = options.name ?? address.label;
  if (!name) throw ValidationError.field('/name', 'is required when the address has no label');

  const target = newCustomerFrom(deps, actor, sourceCustomer, options, {
    name,
    kind: 'company',
    countryCode: address.countryCode,
    language: sourceCustomer.language,
    communication: undefined,
  });
  const copiedAddress = copyAddress(address, target, deps);
  const contacts = source.contacts.filter((c) => c.addressId === addressId).map((c) => copyContact(c, target, copiedAddress, deps));
  const markedAddress: Address = { ...address, convertedToCustomerId: target.id, version: address.version + 1, updatedAt: target.createdAt };
  return commitConversion(deps, actor, sourceCustomer, {
    aggregate: { customer: { ...target, contactCount: contacts.length }, addresses: [copiedAddress], contacts },
    from: { customerId, addressId },
    write: { entity: 'address', previous: address, next: markedAddress },
  });
}

type Options = ReturnType<typeof conversionSchema.parse>;

/** The checks both conversions start with: writable, visible, at the expected version, not converted yet. */
async function conversionSource<K extends 'Contact' | 'Address'>(
  deps: CustomersDeps,
  actor: Actor,
  customerId: string,
  kind: K,
  childId: string,
  expectedVersion: ExpectedVersion,
  input: unknown,
): Promise<{ options: Options; source: CustomerAggregate; child: K extends 'Contact' ? Contact : Address }> {
  assertCanWrite(actor);
  const options = parseWith(conversionSchema, input ?? {});
  const source = await visibleAggregate(deps, actor, customerId);
  const children: readonly (Contact | Address)[] = kind === 'Contact' ? source.contacts : source.addresses;
  const child = children.find((c) => c.id === childId);
  if (!child) throw new NotFoundError(kind, childId);
  assertExpectedVersion(expectedVersion, child.version);
  if (child.convertedToCustomerId) throw new ConflictError('already_converted', `${kind} ${childId} already became customer ${child.convertedToCustomerId}`);
  return { options, source, child: child as K extends 'Contact' ? Contact : Address };
}

function newCustomerFrom(
  deps: CustomersDeps,
  actor: Actor,
  source: Customer,
  options: Options,
  fields: Pick<Customer, 'name' | 'kind' | 'countryCode' | 'language' | 'communication'>,
): Customer {
  const salesAgentId = options.salesAgentId ?? source.salesAgentId;
  assertAssignable(actor, salesAgentId);
  const now = deps.clock.now().toISOString();
  const customer: Customer = {
    ...fields,
    id: newId('customer'),
    version: 1,
    state: CUSTOMER_LIFECYCLE.initial,
    currency: source.currency,
    intraEuTradeDeclaration: false,
    salesAgentId,
    parentCustomerId: options.asSubsidiary ? source.id : undefined,
    outstanding: zeroMoney(source.currency),
    addressCount: 1,
    contactCount: 1,
    createdAt: now,
    updatedAt: now,
  };
  return withoutUndefined(customer);
}

function copyAddress(address: Address, target: Customer, deps: CustomersDeps): Address {
  const { convertedToCustomerId: _, ...fields } = address;
  const now = deps.clock.now().toISOString();
  return { ...fields, id: newId('address'), customerId: target.id, version: 1, createdAt: now, updatedAt: now };
}

function copyContact(contact: Contact, target: Customer, address: Address | undefined, deps: CustomersDeps): Contact {
  const { convertedToCustomerId: _, addressId: _a, ...fields } = contact;
  const now = deps.clock.now().toISOString();
  return { ...fields, ...(address ? { addressId: address.id } : {}), id: newId('contact'), customerId: target.id, version: 1, createdAt: now, updatedAt: now };
}

/** The new aggregate, the marked source item and the source customer's new version: one transaction. */
async function commitConversion(
  deps: CustomersDeps,
  actor: Actor,
  sourceCustomer: Customer,
  conversion: {
    aggregate: CustomerAggregate;
    from: { customerId: string; contactId?: string; addressId?: string };
    write: { entity: 'contact'; previous: Contact; next: Contact } | { entity: 'address'; previous: Address; next: Address };
  },
): Promise<CustomerAggregate> {
  const { aggregate, from, write } = conversion;
  const nextSource = nextVersion(sourceCustomer, deps.clock);
  const customer = { ...aggregate.customer, addressCount: aggregate.addresses.length, contactCount: aggregate.contacts.length };
  const idField = write.entity === 'contact' ? { contactId: write.next.id } : { addressId: write.next.id };
  const sourceEvent = customerEvent(
    write.entity === 'contact' ? 'customer.contact-updated' : 'customer.address-updated',
    { customerId: sourceCustomer.id, version: nextSource.version, ...idField } as never,
    { actor, clock: deps.clock, subject: sourceCustomer.id },
  );
  return commitNewCustomer(deps, actor, { ...aggregate, customer }, {
    from,
    writes: [{ entity: 'customer', previous: sourceCustomer, next: nextSource }, write],
    events: [sourceEvent],
  });
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
