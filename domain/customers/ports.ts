import type { DomainEvent } from '../shared/events.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { Address, Contact, Customer, CustomerAggregate } from './customer.ts';
import type { CustomerState } from './schemas.ts';

/** Filters of the customer list; the store picks the index that answers them (never a Scan). */
export interface CustomerQuery {
  readonly salesAgentId?: string;
  readonly state?: CustomerState;
  readonly parentCustomerId?: string;
  /** Compared after folding case and accents. */
  readonly namePrefix?: string;
  /** ISO timestamp: customers changed at or after it, oldest change first (incremental sync). */
  readonly updatedSince?: string;
}

/**
 * One change to one item of the aggregate. `previous` null creates (the item must not exist),
 * `next` null deletes; otherwise the stored version must still be `previous.version`.
 */
export type CustomerWrite =
  | { readonly entity: 'customer'; readonly previous: Customer | null; readonly next: Customer }
  | { readonly entity: 'address'; readonly previous: Address | null; readonly next: Address | null }
  | { readonly entity: 'contact'; readonly previous: Contact | null; readonly next: Contact | null };

export interface CustomerStore {
  getCustomer(customerId: string): Promise<Customer | null>;
  /** The customer with all its addresses and contacts, in one read. */
  getAggregate(customerId: string): Promise<CustomerAggregate | null>;
  getAddress(customerId: string, addressId: string): Promise<Address | null>;
  getContact(customerId: string, contactId: string): Promise<Contact | null>;
  listAddresses(customerId: string, page: PageRequest): Promise<Page<Address>>;
  listContacts(customerId: string, page: PageRequest): Promise<Page<Contact>>;
  list(query: CustomerQuery, page: PageRequest): Promise<Page<Customer>>;
  /**
   * All writes and their events in one transaction: all happen or none. Throws WriteConflictError
   * when an item moved on since it was read, NotFoundError when it vanished, ConflictError `customer_code_taken`.
   */
  commit(writes: readonly CustomerWrite[], events: readonly DomainEvent[]): Promise<void>;
}
