import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../../../domain/shared/errors.ts';
import { addAddress } from '../../../domain/customers/use-cases/addresses.ts';
import { addContact } from '../../../domain/customers/use-cases/contacts.ts';
import { convertAddressToCustomer, convertContactToCustomer } from '../../../domain/customers/use-cases/convert-to-customer.ts';
import { createCustomer } from '../../../domain/customers/use-cases/create-customer.ts';
import { alice, customersFixture, manager } from '../../support/customers-fixture.ts';

describe('turning a contact or an address into a customer (CUS-14)', () => {
  it('makes a person customer from a contact, with its address, and marks the source contact', async () => {
    const { deps, store, events } = customersFixture();
    const { customer: source } = await createCustomer(deps, alice, { name: 'Garage Leroy', currency: 'CHF' });
    const home = await addAddress(deps, alice, source.id, { roles: ['delivered_to'], line1: '5 rue du Lac', city: 'Genève', countryCode: 'CH' });
    const contact = await addContact(deps, alice, source.id, { firstName: 'Paul', lastName: 'Leroy', addressId: home.id, communication: { email: 'paul@leroy.ch' } });

    const created = await convertContactToCustomer(deps, alice, source.id, contact.id, 1, { asSubsidiary: true });

    expect(created.customer).toMatchObject({
      name: 'Paul Leroy', kind: 'person', state: 'prospect', currency: 'CHF', countryCode: 'CH', salesAgentId: alice.id,
      parentCustomerId: source.id, communication: { email: 'paul@leroy.ch' }, addressCount: 1, contactCount: 1,
      outstanding: { amount: '0.00', currency: 'CHF' },
    });
    expect(created.addresses[0]).toMatchObject({ line1: '5 rue du Lac', customerId: created.customer.id });
    expect(created.contacts[0]).toMatchObject({ lastName: 'Leroy', addressId: created.addresses[0]!.id, customerId: created.customer.id });
    expect(await store.getContact(source.id, contact.id)).toMatchObject({ convertedToCustomerId: created.customer.id, version: 2 });
    expect(events.slice(-2).map((e) => e.type)).toEqual(['customer.created', 'customer.contact-updated']);
    expect(events.at(-2)!.data).toMatchObject({ convertedFrom: { customerId: source.id, contactId: contact.id } });

    await expect(convertContactToCustomer(deps, alice, source.id, contact.id, 2, {})).rejects.toBeInstanceOf(ConflictError);
  });

  it('makes a company customer from an address, taking the contacts attached to it', async () => {
    const { deps, store } = customersFixture();
    const { customer: source } = await createCustomer(deps, manager, { name: 'Groupe Arnaud' });
    const site = await addAddress(deps, manager, source.id, { label: 'Arnaud Lyon', roles: ['delivered_to'], line1: '3 place Bellecour', city: 'Lyon', countryCode: 'FR' });
    await addContact(deps, manager, source.id, { lastName: 'Site manager', addressId: site.id });
    await addContact(deps, manager, source.id, { lastName: 'Head office' });

    const created = await convertAddressToCustomer(deps, manager, source.id, site.id, 1, {});
    expect(created.customer).toMatchObject({ name: 'Arnaud Lyon', kind: 'company', addressCount: 1, contactCount: 1 });
    expect(created.customer.parentCustomerId).toBeUndefined();
    expect(created.contacts.map((c) => c.lastName)).toEqual(['Site manager']);
    expect(await store.getAddress(source.id, site.id)).toMatchObject({ convertedToCustomerId: created.customer.id });
  });

  it('asks for a name when the address has no label', async () => {
    const { deps } = customersFixture();
    const { customer: source } = await createCustomer(deps, manager, { name: 'Groupe Arnaud' });
    const site = await addAddress(deps, manager, source.id, { line1: '3 place Bellecour', city: 'Lyon', countryCode: 'FR' });
    await expect(convertAddressToCustomer(deps, manager, source.id, site.id, 1, {})).rejects.toEqual(ValidationError.field('/name', 'is required when the address has no label'));
  });
});
