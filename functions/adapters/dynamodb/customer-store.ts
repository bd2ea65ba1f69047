import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { AlreadyExistsError } from '../../../domain/shared/errors.ts';
import type { DomainEvent } from '../../../domain/shared/events.ts';
import type { Page, PageRequest } from '../../../domain/shared/page.ts';
import { nameOrderKey, searchKey } from '../../../domain/shared/text.ts';
import type { Address, Contact, Customer, CustomerAggregate } from '../../../domain/customers/customer.ts';
import type { CustomerQuery, CustomerStore, CustomerWrite } from '../../../domain/customers/ports.ts';
import type { Table } from './client.ts';
import { fromItem, type Item } from './items.ts';
import { queryAll, queryKeyPage, type Filter, type KeyQuery } from './pagination.ts';
import { transact, type TableWrite } from './transactions.ts';

/** Keys of the customers context; the chart in README.md explains each. */
export const customerKeys = {
  customer: (id: string) => ({ pk: `CUSTOMER#${id}`, sk: '#CUSTOMER' }),
  address: (customerId: string, id: string) => ({ pk: `CUSTOMER#${customerId}`, sk: `ADDRESS#${id}` }),
  contact: (customerId: string, id: string) => ({ pk: `CUSTOMER#${customerId}`, sk: `CONTACT#${id}` }),
  code: (code: string) => ({ pk: `CUSTOMER_CODE#${code.toUpperCase()}`, sk: '#UNIQUE' }),
};

function customerItem(customer: Customer): Item {
  const nameKey = searchKey(customer.name);
  const byName = nameOrderKey(customer.name, customer.id);
  return {
    ...customerKeys.customer(customer.id),
    entity: 'customer',
    nameKey,
    gsi1pk: 'CUSTOMERS',
    gsi1sk: byName,
    ...(customer.salesAgentId ? { gsi2pk: `AGENT#${customer.salesAgentId}#CUSTOMERS`, gsi2sk: byName } : {}),
    gsi3pk: `CUSTOMERS#STATE#${customer.state}`,
    gsi3sk: byName,
    ...(customer.parentCustomerId ? { gsi4pk: `CUSTOMER#${customer.parentCustomerId}#SUBSIDIARIES`, gsi4sk: byName } : {}),
    gsi5pk: 'CUSTOMERS#CHANGES',
    gsi5sk: `${customer.updatedAt}#${customer.id}`,
    ...customer,
  };
}

function childItem(entity: 'address' | 'contact', child: Address | Contact): Item {
  return { ...customerKeys[entity](child.customerId, child.id), entity, ...child };
}

/** Chooses the index that answers the most selective filter; the remaining filters run inside that Query. */
export function customerListQuery(query: CustomerQuery): KeyQuery {
  const nameKey = query.namePrefix !== undefined ? searchKey(query.namePrefix) : undefined;
  const byName = nameKey ? { sortPrefix: nameKey } : {};
  let key: KeyQuery;
  if (query.updatedSince !== undefined) {
    key = { index: 'gsi5', partition: 'CUSTOMERS#CHANGES', sortFrom: query.updatedSince, filters: nameKey ? [{ attribute: 'nameKey', test: 'beginsWith', value: nameKey }] : [] };
  } else if (query.salesAgentId !== undefined) key = { index: 'gsi2', partition: `AGENT#${query.salesAgentId}#CUSTOMERS`, ...byName };
  else if (query.parentCustomerId !== undefined) key = { index: 'gsi4', partition: `CUSTOMER#${query.parentCustomerId}#SUBSIDIARIES`, ...byName };
  else if (query.state !== undefined) key = { index: 'gsi3', partition: `CUSTOMERS#STATE#${query.state}`, ...byName };
  else key = { index: 'gsi1', partition: 'CUSTOMERS', ...byName };

  const filters: Filter[] = [...(key.filters ?? [])];
  if (query.salesAgentId !== undefined && key.index !== 'gsi2') filters.push({ attribute: 'salesAgentId', test: 'equals', value: query.salesAgentId });
  if (query.parentCustomerId !== undefined && key.index !== 'gsi4') filters.push({ attribute: 'parentCustomerId', test: 'equals', value: query.parentCustomerId });
  if (query.state !== undefined && key.index !== 'gsi3') filters.push({ attribute: 'state', test: 'equals', value: query.state });
  return { ...key, filters };
}

export function createCustomerStore(table: Table): CustomerStore {
  const getItem = async (key: Item) => (await table.client.send(new GetCommand({ TableName: table.name, Key: key }))).Item;

  const toTableWrite = (write: CustomerWrite): TableWrite[] => {
    if (write.entity === 'customer') {
      const item = customerItem(write.next);
      // Markers are upper-cased: a change of case only keeps the same marker.
      const codeChanged = write.previous?.code?.toUpperCase() !== write.next.code?.toUpperCase();
      const codeWrites: TableWrite[] = codeChanged
        ? [
            ...(write.next.code
              ? [{
                  kind: 'claim' as const,
                  item: { ...customerKeys.code(write.next.code), entity: 'customer-code', customerId: write.next.id },
                  conflict: new AlreadyExistsError('customer_code_taken', `Customer code ${write.next.code} is already used by another customer`),
                }]
              : []),
            ...(write.previous?.code ? [{ kind: 'release' as const, key: customerKeys.code(write.previous.code) }] : []),
          ]
        : [];
      const main: TableWrite = write.previous
        ? { kind: 'replace', item, expectedVersion: write.previous.version, resource: 'Customer', id: write.next.id }
        : { kind: 'create', item, resource: 'Customer' };
      return [main, ...codeWrites];
    }
    const resource = write.entity === 'address' ? 'Address' : 'Contact';
    const { previous, next } = write;
    if (next && previous) return [{ kind: 'replace', item: childItem(write.entity, next), expectedVersion: previous.version, resource, id: next.id }];
    if (next) return [{ kind: 'create', item: childItem(write.entity, next), resource }];
    return [{ kind: 'remove', key: customerKeys[write.entity](previous!.customerId, previous!.id), expectedVersion: previous!.version, resource, id: previous!.id }];
  };

  return {
    async getCustomer(customerId) {
      const item = await getItem(customerKeys.customer(customerId));
      return item ? fromItem<Customer>(item) : null;
    },

    async getAggregate(customerId): Promise<CustomerAggregate | null> {
      const items = await queryAll(table, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': customerKeys.customer(customerId).pk },
      });
      const customer = items.find((item) => item.entity === 'customer');
      if (!customer) return null;
      return {
        customer: fromItem<Customer>(customer),
        addresses: items.filter((item) => item.entity === 'address').map((item) => fromItem<Address>(item)),
        contacts: items.filter((item) => item.entity === 'contact').map((item) => fromItem<Contact>(item)),
      };
    },

    async getAddress(customerId, addressId) {
      const item = await getItem(customerKeys.address(customerId, addressId));
      return item ? fromItem<Address>(item) : null;
    },

    async getContact(customerId, contactId) {
      const item = await getItem(customerKeys.contact(customerId, contactId));
      return item ? fromItem<Contact>(item) : null;
    },

    listAddresses: (customerId, page) => listChildren<Address>(table, customerId, 'ADDRESS#', page),
    listContacts: (customerId, page) => listChildren<Contact>(table, customerId, 'CONTACT#', page),

    async list(query, page): Promise<Page<Customer>> {
      const result = await queryKeyPage(table, customerListQuery(query), page);
      return { items: result.items.map((item) => fromItem<Customer>(item)), nextCursor: result.nextCursor };
    },

    async commit(writes, events: readonly DomainEvent[]) {
      await transact(table, writes.flatMap(toTableWrite), events);
    },
  };
}

async function listChildren<T>(table: Table, customerId: string, prefix: string, page: PageRequest): Promise<Page<T>> {
  const result = await queryKeyPage(table, { partition: customerKeys.customer(customerId).pk, sortPrefix: prefix }, page);
  return { items: result.items.map((item) => fromItem<T>(item)), nextCursor: result.nextCursor };
}
