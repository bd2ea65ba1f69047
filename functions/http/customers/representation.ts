import type { Address, Contact, Customer, CustomerAggregate } from '../../../domain/customers/customer.ts';
import type { components } from '../../../openapi/generated/types.ts';

/**
 * What the API shows of the stored records: everything but the aggregate's internal counters.
 * Typed by the contract's generated types, so that tsc catches a representation drifting from the spec.
 */
type Schemas = components['schemas'];

export function customerSummary(customer: Customer): Schemas['CustomerSummary'] {
  const { addressCount: _a, contactCount: _c, ...visible } = customer;
  return visible;
}

export function customerResource(aggregate: CustomerAggregate): Schemas['Customer'] {
  return { ...customerSummary(aggregate.customer), addresses: aggregate.addresses.map(addressResource), contacts: aggregate.contacts.map(contactResource) };
}

export function addressResource(address: Address): Schemas['Address'] {
  return address;
}

export function contactResource(contact: Contact): Schemas['Contact'] {
  return contact;
}

export const customerLocation = (customerId: string) => `/customers/${customerId}`;
export const addressLocation = (address: Address) => `/customers/${address.customerId}/addresses/${address.id}`;
export const contactLocation = (contact: Contact) => `/customers/${contact.customerId}/contacts/${contact.id}`;
