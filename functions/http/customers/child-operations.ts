import type * as z from 'zod';
import type { Actor } from '../../../domain/shared/actor.ts';
import type { IdKind } from '../../../domain/shared/ids.ts';
import type { Page, PageRequest } from '../../../domain/shared/page.ts';
import type { ExpectedVersion } from '../../../domain/shared/versioning.ts';
import type { CustomersDeps } from '../../../domain/customers/access.ts';
import type { Address, Contact, CustomerAggregate } from '../../../domain/customers/customer.ts';
import { addressFieldsSchema, contactFieldsSchema, conversionSchema } from '../../../domain/customers/schemas.ts';
import * as addresses from '../../../domain/customers/use-cases/addresses.ts';
import * as contacts from '../../../domain/customers/use-cases/contacts.ts';
import { convertAddressToCustomer, convertContactToCustomer } from '../../../domain/customers/use-cases/convert-to-customer.ts';
import { customersDeps } from '../../composition.ts';
import { readsBody, readsQuery, type Operation } from '../http-handler.ts';
import { expectedVersion, parseQuery, pathId } from '../request.ts';
import { json, noContent, pageOf } from '../responses.ts';
import { addressLocation, addressResource, contactLocation, contactResource, customerLocation, customerResource } from './representation.ts';

/**
 * Addresses and contacts are sub-resources of a customer with the same six operations
 * (list, add, get, update, remove, convert to customer); only the use cases behind them differ.
 */
interface Child<T extends { id: string; version: number }> {
  readonly param: string;
  /** The fields a client writes: the body of add and update. */
  readonly fields: z.ZodType;
  readonly idKind: IdKind;
  readonly list: (deps: CustomersDeps, actor: Actor, customerId: string, page: PageRequest) => Promise<Page<T>>;
  readonly add: (deps: CustomersDeps, actor: Actor, customerId: string, input: unknown) => Promise<T>;
  readonly get: (deps: CustomersDeps, actor: Actor, customerId: string, id: string) => Promise<T>;
  readonly update: (deps: CustomersDeps, actor: Actor, customerId: string, id: string, expected: ExpectedVersion, patch: unknown) => Promise<T>;
  readonly remove: (deps: CustomersDeps, actor: Actor, customerId: string, id: string, expected: ExpectedVersion) => Promise<void>;
  readonly convert: (deps: CustomersDeps, actor: Actor, customerId: string, id: string, expected: ExpectedVersion, input: unknown) => Promise<CustomerAggregate>;
  readonly location: (child: T) => string;
  readonly resource: (child: T) => unknown;
}

export const addressChild: Child<Address> = {
  param: 'addressId',
  fields: addressFieldsSchema,
  idKind: 'address',
  list: addresses.listAddresses,
  add: addresses.addAddress,
  get: addresses.getAddress,
  update: addresses.updateAddress,
  remove: addresses.removeAddress,
  convert: convertAddressToCustomer,
  location: addressLocation,
  resource: addressResource,
};

export const contactChild: Child<Contact> = {
  param: 'contactId',
  fields: contactFieldsSchema,
  idKind: 'contact',
  list: contacts.listContacts,
  add: contacts.addContact,
  get: contacts.getContact,
  update: contacts.updateContact,
  remove: contacts.removeContact,
  convert: convertContactToCustomer,
  location: contactLocation,
  resource: contactResource,
};

const customerIdOf = (event: Parameters<Operation>[0]) => pathId(event, 'customerId', 'customer');

export function listChildren<T extends { id: string; version: number }>(child: Child<T>): Operation {
  return readsQuery(async (event) => {
    const { page } = parseQuery(event, {});
    const result = await child.list(customersDeps(), event.actor, customerIdOf(event), page);
    return json(200, pageOf(result, child.resource));
  });
}

export function addChild<T extends { id: string; version: number }>(child: Child<T>): Operation {
  return readsBody(child.fields, async (event) => {
    const created = await child.add(customersDeps(), event.actor, customerIdOf(event), event.json);
    return json(201, child.resource(created), { version: created.version, location: child.location(created) });
  });
}

export function getChild<T extends { id: string; version: number }>(child: Child<T>): Operation {
  return async (event) => {
    const found = await child.get(customersDeps(), event.actor, customerIdOf(event), pathId(event, child.param, child.idKind));
    return json(200, child.resource(found), { version: found.version });
  };
}

export function updateChild<T extends { id: string; version: number }>(child: Child<T>): Operation {
  return readsBody(child.fields, async (event) => {
    const customerId = customerIdOf(event);
    const updated = await child.update(customersDeps(), event.actor, customerId, pathId(event, child.param, child.idKind), expectedVersion(event), event.json);
    return json(200, child.resource(updated), { version: updated.version });
  });
}

export function removeChild<T extends { id: string; version: number }>(child: Child<T>): Operation {
  return async (event) => {
    const customerId = customerIdOf(event);
    await child.remove(customersDeps(), event.actor, customerId, pathId(event, child.param, child.idKind), expectedVersion(event));
    return noContent();
  };
}

export function convertChild<T extends { id: string; version: number }>(child: Child<T>): Operation {
  return readsBody(conversionSchema, async (event) => {
    const customerId = customerIdOf(event);
    const created = await child.convert(customersDeps(), event.actor, customerId, pathId(event, child.param, child.idKind), expectedVersion(event), event.json);
    return json(201, customerResource(created), { version: created.customer.version, location: customerLocation(created.customer.id) });
  });
}
