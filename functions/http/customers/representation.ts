import type { Address, Contact, Customer, CustomerAggregate } from '../../../domain/customers/customer.ts';

/** What the API shows of the stored records: everything but the aggregate's internal counters. */
export function customerSummary(customer: Customer) {
  const { addressCount: _a, contactCount: _c, ...visible } = customer;
  return visible;
}

export function customerResource(aggregate: CustomerAggregate) {
  return { ...customerSummary(aggregate.customer), addresses: aggregate.addresses.map(addressResource), contacts: aggregate.contacts.map(contactResource) };
}

export function addressResource(address: Address) {
  return address;
}

export function contactResource(contact: Contact) {
  return contact;
}

export const customerLocation = (customerId: string) => `/customers/${customerId}`;
export const addressLocation = (address: Address) => `/customers/${address.customerId}/addresses/${address.id}`;
export const contactLocation = (contact: Contact) => `/customers/${contact.customerId}/contacts/${contact.id}`;
