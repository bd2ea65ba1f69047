import { AlreadyExistsError } from '../../../domain/shared/errors.ts';
import type { DomainEvent } from '../../../domain/shared/events.ts';
import { nameOrderKey, searchKey } from '../../../domain/shared/text.ts';
import type { Address, Contact, Customer, CustomerAggregate } from '../../../domain/customers/customer.ts';
import { addressRecordSchema, contactRecordSchema, customerRecordSchema } from '../../../domain/customers/records.ts';
import type { CustomerQuery, CustomerStore, CustomerWrite } from '../../../domain/customers/ports.ts';
import type { Page, PageRequest } from '../../../domain/shared/page.ts';
import type { Table } from './client.ts';
import { defineEntity, type Entity, type KeyOf } from './entity.ts';
import { queryAll, type Filter, type KeyQuery } from './pagination.ts';
import { getRecord, recordPage } from './record-reads.ts';
import { transact, type TableWrite } from './transactions.ts';

/** By name, then id: the order of every list of customers. */
const byName = (customer: Pick<Customer, 'name' | 'id'>) => nameOrderKey(customer.name, customer.id);

/** The entities of the customers context; the chart in README.md explains each key. */
export const customerEntity = defineEntity({
  name: 'customer',
  schema: customerRecordSchema,
  key: { pk: (customer: Pick<Customer, 'id'>) => `CUSTOMER#${customer.id}`, sk: () => '#CUSTOMER' },
  indexes: {
    gsi1: { pk: () => 'CUSTOMERS', sk: byName },
    gsi2: { pk: (customer: Pick<Customer, 'salesAgentId'>) => customer.salesAgentId && `AGENT#${customer.salesAgentId}#CUSTOMERS`, sk: byName },
    gsi3: { pk: (customer: Pick<Customer, 'state'>) => `CUSTOMERS#STATE#${customer.state}`, sk: byName },
    gsi4: { pk: (customer: Pick<Customer, 'parentCustomerId'>) => customer.parentCustomerId && `CUSTOMER#${customer.parentCustomerId}#SUBSIDIARIES`, sk: byName },
    gsi5: { pk: () => 'CUSTOMERS#CHANGES', sk: (customer: Pick<Customer, 'updatedAt' | 'id'>) => `${customer.updatedAt}#${customer.id}` },
  },
  attributes: { nameKey: (customer) => searchKey(customer.name) },
});

/** Addresses and contacts live in their customer's partition: its aggregate is one Query. */
const childKey = (prefix: string): KeyOf<{ customerId: string; id: string }> => ({ pk: (child) => customerEntity.key({ id: child.customerId }).pk, sk: (child) => `${prefix}${child.id}` });

export const addressEntity = defineEntity({ name: 'address', schema: addressRecordSchema, key: childKey('ADDRESS#') });
export const contactEntity = defineEntity({ name: 'contact', schema: contactRecordSchema, key: childKey('CONTACT#') });

/** The marker that keeps customer codes unique; upper-cased, so a change of case only keeps the same marker. */
export const customerCodeMarker = (code: string) => ({ pk: `CUSTOMER_CODE#${code.toUpperCase()}`, sk: '#UNIQUE' });

/** Chooses the index that answers the most selective filter; the remaining filters run inside that Query. */
export function customerListQuery(query: CustomerQuery): KeyQuery {
  const nameKey = query.namePrefix !== undefined ? searchKey(query.namePrefix) : undefined;
  const byNamePrefix = nameKey ? { sortPrefix: nameKey } : {};
  const { indexes } = customerEntity;
  let key: KeyQuery;
  if (query.updatedSince !== undefined) {
    key = { index: 'gsi5', partition: indexes.gsi5.pk(), sortFrom: query.updatedSince, filters: nameKey ? [{ attribute: 'nameKey', test: 'beginsWith', value: nameKey }] : [] };
  } else if (query.salesAgentId !== undefined) key = { index: 'gsi2', partition: indexes.gsi2.pk(query)!, ...byNamePrefix };
  else if (query.parentCustomerId !== undefined) key = { index: 'gsi4', partition: indexes.gsi4.pk(query)!, ...byNamePrefix };
  else if (query.state !== undefined) key = { index: 'gsi3', partition: indexes.gsi3.pk({ state: query.state }), ...byNamePrefix };
  else key = { index: 'gsi1', partition: indexes.gsi1.pk(), ...byNamePrefix };

  const filters: Filter[] = [...(key.filters ?? [])];
  if (query.salesAgentId !== undefined && key.index !== 'gsi2') filters.push({ attribute: 'salesAgentId', test: 'equals', value: query.salesAgentId });
  if (query.parentCustomerId !== undefined && key.index !== 'gsi4') filters.push({ attribute: 'parentCustomerId', test: 'equals', value: query.parentCustomerId });
  if (query.state !== undefined && key.index !== 'gsi3') filters.push({ attribute: 'state', test: 'equals', value: query.state });
  return { ...key, filters };
}

export function createCustomerStore(table: Table): CustomerStore {

  const toTableWrite = (write: CustomerWrite): TableWrite[] => {
    if (write.entity === 'customer') {
      const item = customerEntity.item(write.next);
      const codeChanged = write.previous?.code?.toUpperCase() !== write.next.code?.toUpperCase();
      const codeWrites: TableWrite[] = codeChanged
        ? [
            ...(write.next.code
              ? [{
                  kind: 'claim' as const,
                  item: { ...customerCodeMarker(write.next.code), entity: 'customer-code', customerId: write.next.id },
                  conflict: new AlreadyExistsError('customer_code_taken', `Customer code ${write.next.code} is already used by another customer`),
                }]
              : []),
            ...(write.previous?.code ? [{ kind: 'release' as const, key: customerCodeMarker(write.previous.code) }] : []),
          ]
        : [];
      const main: TableWrite = write.previous
        ? { kind: 'replace', item, expectedVersion: write.previous.version, resource: 'Customer', id: write.next.id }
        : { kind: 'create', item, resource: 'Customer' };
      return [main, ...codeWrites];
    }
    return write.entity === 'address' ? childWrites('Address', addressEntity, write) : childWrites('Contact', contactEntity, write);
  };

  return {
    getCustomer: (customerId) => getRecord(table, customerEntity, customerEntity.key({ id: customerId })),

    async getAggregate(customerId): Promise<CustomerAggregate | null> {
      const items = await queryAll(table, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': customerEntity.key({ id: customerId }).pk },
        // As getRecord: the aggregate a client just changed, at its new version.
        ConsistentRead: true,
      });
      const customer = items.find((item) => item.entity === customerEntity.name);
      if (!customer) return null;
      return {
        customer: customerEntity.parse(customer),
        addresses: items.filter((item) => item.entity === addressEntity.name).map(addressEntity.parse),
        contacts: items.filter((item) => item.entity === contactEntity.name).map(contactEntity.parse),
      };
    },

    async getAddress(customerId, addressId) {
      return getRecord(table, addressEntity, addressEntity.key({ customerId, id: addressId }));
    },

    async getContact(customerId, contactId) {
      return getRecord(table, contactEntity, contactEntity.key({ customerId, id: contactId }));
    },

    listAddresses: (customerId, page) => listChildren(table, addressEntity, customerId, page),
    listContacts: (customerId, page) => listChildren(table, contactEntity, customerId, page),

    list: (query, page) => recordPage(table, customerEntity, customerListQuery(query), page),

    async commit(writes, events: readonly DomainEvent[]) {
      await transact(table, writes.flatMap(toTableWrite), events);
    },
  };
}

function childWrites<T extends Address | Contact>(resource: string, entity: Entity<T, { customerId: string; id: string }, unknown>, write: { previous: T | null; next: T | null }): TableWrite[] {
  const { previous, next } = write;
  if (next && previous) return [{ kind: 'replace', item: entity.item(next), expectedVersion: previous.version, resource, id: next.id }];
  if (next) return [{ kind: 'create', item: entity.item(next), resource }];
  return [{ kind: 'remove', key: entity.key(previous!), expectedVersion: previous!.version, resource, id: previous!.id }];
}

/** A customer's addresses or contacts, in id order: the sort keys under the customer's partition. */
async function listChildren<T extends Address | Contact>(table: Table, entity: Entity<T, { customerId: string; id: string }, unknown>, customerId: string, page: PageRequest): Promise<Page<T>> {
  const { pk, sk: prefix } = entity.key({ customerId, id: '' });
  return recordPage(table, entity, { partition: pk, sortPrefix: prefix }, page);
}
