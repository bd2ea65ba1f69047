import { AlreadyExistsError, ConflictError, NotFoundError, WriteConflictError } from '../../domain/shared/errors.ts';
import type { DomainEvent } from '../../domain/shared/events.ts';
import { nameOrderKey, searchKey } from '../../domain/shared/text.ts';
import type { Address, Contact, Customer } from '../../domain/customers/customer.ts';
import type { CustomerStore, CustomerWrite } from '../../domain/customers/ports.ts';
import { inMemoryPage } from './in-memory-page.ts';

/** An in-memory CustomerStore with the same all-or-nothing and version rules as the DynamoDB one. */
export function inMemoryCustomerStore() {
  const customers = new Map<string, Customer>();
  const addresses = new Map<string, Address>();
  const contacts = new Map<string, Contact>();
  const codes = new Map<string, string>();
  const events: DomainEvent[] = [];
  let commits = 0;

  const page = inMemoryPage;
  const byName = (a: Customer, b: Customer) => Buffer.compare(Buffer.from(nameOrderKey(a.name, a.id)), Buffer.from(nameOrderKey(b.name, b.id)));
  const childKey = (child: { customerId: string; id: string }) => `${child.customerId}/${child.id}`;

  function check(write: CustomerWrite): void {
    const maps = { customer: customers, address: addresses, contact: contacts } as const;
    const key = write.entity === 'customer' ? write.next.id : childKey((write.next ?? write.previous)!);
    const stored = (maps[write.entity] as Map<string, { version: number }>).get(key);
    if (write.previous === null) {
      if (stored) throw new ConflictError('already_exists', `${write.entity} already exists`);
      return;
    }
    if (!stored) throw new NotFoundError(write.entity, key);
    if (stored.version !== write.previous.version) throw new WriteConflictError();
    if (write.entity === 'customer' && write.next.code && write.next.code !== write.previous.code) checkCode(write.next);
  }
  function checkCode(customer: Customer): void {
    const owner = codes.get(customer.code!.toUpperCase());
    if (owner && owner !== customer.id) throw new AlreadyExistsError('customer_code_taken', `Customer code ${customer.code} is already used`);
  }

  const store: CustomerStore = {
    async getCustomer(id) {
      return customers.get(id) ?? null;
    },
    async getAggregate(id) {
      const customer = customers.get(id);
      if (!customer) return null;
      return {
        customer,
        addresses: [...addresses.values()].filter((a) => a.customerId === id),
        contacts: [...contacts.values()].filter((c) => c.customerId === id),
      };
    },
    async getAddress(customerId, addressId) {
      return addresses.get(`${customerId}/${addressId}`) ?? null;
    },
    async getContact(customerId, contactId) {
      return contacts.get(`${customerId}/${contactId}`) ?? null;
    },
    async listAddresses(customerId, request) {
      return page([...addresses.values()].filter((a) => a.customerId === customerId), request);
    },
    async listContacts(customerId, request) {
      return page([...contacts.values()].filter((c) => c.customerId === customerId), request);
    },
    async list(query, request) {
      const prefix = query.namePrefix === undefined ? undefined : searchKey(query.namePrefix);
      const matching = [...customers.values()].filter(
        (c) =>
          (query.salesAgentId === undefined || c.salesAgentId === query.salesAgentId) &&
          (query.state === undefined || c.state === query.state) &&
          (query.parentCustomerId === undefined || c.parentCustomerId === query.parentCustomerId) &&
          (prefix === undefined || searchKey(c.name).startsWith(prefix)) &&
          (query.updatedSince === undefined || c.updatedAt >= query.updatedSince),
      );
      matching.sort(query.updatedSince ? (a, b) => a.updatedAt.localeCompare(b.updatedAt) : byName);
      return page(matching, request);
    },
    async commit(writes, newEvents) {
      for (const write of writes) {
        check(write);
        if (write.entity === 'customer' && write.previous === null && write.next.code) checkCode(write.next);
      }
      commits++;
      for (const write of writes) {
        if (write.entity === 'customer') {
          if (write.previous?.code) codes.delete(write.previous.code.toUpperCase());
          if (write.next.code) codes.set(write.next.code.toUpperCase(), write.next.id);
          customers.set(write.next.id, write.next);
        } else {
          const map = (write.entity === 'address' ? addresses : contacts) as Map<string, Address | Contact>;
          if (write.next) map.set(childKey(write.next), write.next);
          else map.delete(childKey(write.previous!));
        }
      }
      events.push(...newEvents);
    },
  };
  return { store, events, commitCount: () => commits };
}
