import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../../domain/shared/errors.ts';
import type { DomainEvent } from '../../../domain/shared/events.ts';
import type { Page, PageRequest } from '../../../domain/shared/page.ts';
import { searchKey } from '../../../domain/shared/text.ts';
import type { Address, Contact, Customer, CustomerAggregate } from '../../../domain/customers/customer.ts';
import type { CustomerQuery, CustomerStore, CustomerWrite } from '../../../domain/customers/ports.ts';
import type { Table } from './client.ts';
import { fromItem, type Item } from './items.ts';
import { queryAll, queryPage } from './pagination.ts';
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
  const byName = `${nameKey}#${customer.id}`;
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
function customerListQuery(query: CustomerQuery) {
  const nameKey = query.namePrefix !== undefined ? searchKey(query.namePrefix) : undefined;
  const filters: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const filterOn = (attribute: string, value: unknown, operator: 'eq' | 'prefix' = 'eq') => {
    names[`#${attribute}`] = attribute;
    values[`:${attribute}`] = value;
    filters.push(operator === 'eq' ? `#${attribute} = :${attribute}` : `begins_with(#${attribute}, :${attribute})`);
  };

  let index: { name: string; partition: string; sortCondition?: string; sortValue?: string };
  if (query.updatedSince !== undefined) {
    index = { name: 'gsi5', partition: 'CUSTOMERS#CHANGES', sortCondition: 'gsi5sk >= :sort', sortValue: query.updatedSince };
    if (nameKey) filterOn('nameKey', nameKey, 'prefix');
  } else {
    const byName = nameKey ? { sortCondition: 'begins_with(#sortKey, :sort)', sortValue: nameKey } : {};
    if (query.salesAgentId !== undefined) index = { name: 'gsi2', partition: `AGENT#${query.salesAgentId}#CUSTOMERS`, ...byName };
    else if (query.parentCustomerId !== undefined) index = { name: 'gsi4', partition: `CUSTOMER#${query.parentCustomerId}#SUBSIDIARIES`, ...byName };
    else if (query.state !== undefined) index = { name: 'gsi3', partition: `CUSTOMERS#STATE#${query.state}`, ...byName };
    else index = { name: 'gsi1', partition: 'CUSTOMERS', ...byName };
  }
  if (query.salesAgentId !== undefined && index.name !== 'gsi2') filterOn('salesAgentId', query.salesAgentId);
  if (query.parentCustomerId !== undefined && index.name !== 'gsi4') filterOn('parentCustomerId', query.parentCustomerId);
  if (query.state !== undefined && index.name !== 'gsi3') filterOn('state', query.state);

  const sortKeyName = `${index.name}sk`;
  const keyCondition = `${index.name}pk = :partition` + (index.sortCondition ? ` AND ${index.sortCondition}` : '');
  const usesSortAlias = index.sortCondition?.includes('#sortKey') ?? false;
  return {
    IndexName: index.name,
    KeyConditionExpression: keyCondition,
    ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
    ...(filters.length > 0 || usesSortAlias ? { ExpressionAttributeNames: { ...names, ...(usesSortAlias ? { '#sortKey': sortKeyName } : {}) } } : {}),
    ExpressionAttributeValues: { ':partition': index.partition, ...(index.sortValue !== undefined ? { ':sort': index.sortValue } : {}), ...values },
  };
}

export function createCustomerStore(table: Table): CustomerStore {
  const getItem = async (key: Item) => (await table.client.send(new GetCommand({ TableName: table.name, Key: key }))).Item;

  const toTableWrite = (write: CustomerWrite): TableWrite[] => {
    if (write.entity === 'customer') {
      const item = customerItem(write.next);
      const codeChanged = write.previous?.code !== write.next.code;
      const codeWrites: TableWrite[] = codeChanged
        ? [
            ...(write.next.code
              ? [{
                  kind: 'claim' as const,
                  item: { ...customerKeys.code(write.next.code), entity: 'customer-code', customerId: write.next.id },
                  conflict: new ConflictError('customer_code_taken', `Customer code ${write.next.code} is already used by another customer`),
                }]
              : []),
            ...(write.previous?.code ? [{ kind: 'release' as const, key: customerKeys.code(write.previous.code) }] : []),
          ]
        : [];
      const main: TableWrite = write.previous
        ? { kind: 'replace', item, expectedVersion: write.previous.version, resource: 'Customer' }
        : { kind: 'create', item, resource: 'Customer' };
      return [main, ...codeWrites];
    }
    const resource = write.entity === 'address' ? 'Address' : 'Contact';
    const { previous, next } = write;
    if (next && previous) return [{ kind: 'replace', item: childItem(write.entity, next), expectedVersion: previous.version, resource }];
    if (next) return [{ kind: 'create', item: childItem(write.entity, next), resource }];
    return [{ kind: 'remove', key: customerKeys[write.entity](previous!.customerId, previous!.id), expectedVersion: previous!.version, resource }];
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
      const result = await queryPage(table, customerListQuery(query), page);
      return { items: result.items.map((item) => fromItem<Customer>(item)), nextCursor: result.nextCursor };
    },

    async commit(writes, events: readonly DomainEvent[]) {
      await transact(table, writes.flatMap(toTableWrite), events);
    },
  };
}

async function listChildren<T>(table: Table, customerId: string, prefix: string, page: PageRequest): Promise<Page<T>> {
  const result = await queryPage(
    table,
    {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': customerKeys.customer(customerId).pk, ':prefix': prefix },
    },
    page,
  );
  return { items: result.items.map((item) => fromItem<T>(item)), nextCursor: result.nextCursor };
}
