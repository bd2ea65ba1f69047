import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError, VersionMismatchError } from '../../../domain/shared/errors.ts';
import { addAddress, removeAddress, updateAddress } from '../../../domain/customers/use-cases/addresses.ts';
import { addContact, listContacts, removeContact, updateContact } from '../../../domain/customers/use-cases/contacts.ts';
import { createCustomer } from '../../../domain/customers/use-cases/create-customer.ts';
import { alice, bob, customersFixture, manager } from '../../support/customers-fixture.ts';

const warehouse = { label: 'Entrepôt', roles: ['delivered_to'], line1: '12 quai des Chartrons', postalCode: '33000', city: 'Bordeaux', countryCode: 'FR' };

describe('addresses and contacts', () => {
  it('moves the customer version and counters with each child change', async () => {
    const { deps, store, events } = customersFixture();
    const { customer } = await createCustomer(deps, manager, { name: 'Dupont' });
    const address = await addAddress(deps, manager, customer.id, warehouse);
    const contact = await addContact(deps, manager, customer.id, { lastName: 'Durand', addressId: address.id });
    expect(await store.getCustomer(customer.id)).toMatchObject({ version: 3, addressCount: 1, contactCount: 1 });
    await removeContact(deps, manager, customer.id, contact.id, 1);
    expect(await store.getCustomer(customer.id)).toMatchObject({ version: 4, contactCount: 0 });
    expect(events.map((e) => e.type).slice(1)).toEqual(['customer.address-added', 'customer.contact-added', 'customer.contact-removed']);
  });

  it('reads a contact phone in the country of its address', async () => {
    const { deps } = customersFixture();
    const { customer } = await createCustomer(deps, manager, { name: 'Dupont', countryCode: 'FR' });
    const brussels = await addAddress(deps, manager, customer.id, { ...warehouse, city: 'Bruxelles', countryCode: 'BE' });
    const contact = await addContact(deps, manager, customer.id, { lastName: 'Peeters', addressId: brussels.id, communication: { phone: '02 555 12 12' } });
    expect(contact.communication!.phone).toBe('+3225551212');
  });

  it('refuses an address of another customer', async () => {
    const { deps } = customersFixture();
    const { customer: a } = await createCustomer(deps, manager, { name: 'A' });
    const { customer: b } = await createCustomer(deps, manager, { name: 'B' });
    const address = await addAddress(deps, manager, a.id, warehouse);
    await expect(addContact(deps, manager, b.id, { lastName: 'X', addressId: address.id })).rejects.toEqual(
      ValidationError.field('/addressId', `is not an address of customer ${b.id}`),
    );
  });

  it('keeps an address that contacts are attached to', async () => {
    const { deps } = customersFixture();
    const { customer } = await createCustomer(deps, manager, { name: 'Dupont' });
    const address = await addAddress(deps, manager, customer.id, warehouse);
    const contact = await addContact(deps, manager, customer.id, { lastName: 'Durand', addressId: address.id });
    await expect(removeAddress(deps, manager, customer.id, address.id, 1)).rejects.toMatchObject({ code: 'address_in_use' });
    await updateContact(deps, manager, customer.id, contact.id, 1, { addressId: null });
    await removeAddress(deps, manager, customer.id, address.id, 1);
  });

  it('merge-patches an address at its own version', async () => {
    const { deps } = customersFixture();
    const { customer } = await createCustomer(deps, manager, { name: 'Dupont' });
    const address = await addAddress(deps, manager, customer.id, warehouse);
    const updated = await updateAddress(deps, manager, customer.id, address.id, 1, { roles: ['delivered_to', 'invoiced_to'], line2: 'Bât. B' });
    expect(updated).toMatchObject({ version: 2, roles: ['delivered_to', 'invoiced_to'], line2: 'Bât. B', city: 'Bordeaux' });
    await expect(updateAddress(deps, manager, customer.id, address.id, 1, { line2: 'x' })).rejects.toBeInstanceOf(VersionMismatchError);
    await expect(updateAddress(deps, manager, customer.id, address.id, 2, { roles: ['delivered_to', 'delivered_to'] })).rejects.toBeInstanceOf(ValidationError);
  });

  it('writes nothing for a patch that changes nothing: neither the child nor its customer moves, no event', async () => {
    const { deps, store, events, clock } = customersFixture();
    const { customer } = await createCustomer(deps, manager, { name: 'Dupont' });
    const address = await addAddress(deps, manager, customer.id, warehouse);
    const contact = await addContact(deps, manager, customer.id, { lastName: 'Durand', addressId: address.id, communication: { email: 'd@example.com' } });
    const before = { customer: await store.getCustomer(customer.id), events: events.length };
    clock.advance(60_000);
    expect(await updateAddress(deps, manager, customer.id, address.id, '*', { city: 'Bordeaux', roles: ['delivered_to'] })).toEqual(address);
    expect(await updateContact(deps, manager, customer.id, contact.id, [1], { communication: { email: 'd@example.com' }, addressId: address.id })).toEqual(contact);
    expect(await store.getCustomer(customer.id)).toEqual(before.customer);
    expect(events).toHaveLength(before.events);
    // A stale version is still refused, change or not.
    await expect(updateAddress(deps, manager, customer.id, address.id, 2, { city: 'Bordeaux' })).rejects.toBeInstanceOf(VersionMismatchError);
    const moved = await updateAddress(deps, manager, customer.id, address.id, '*', { city: 'Mérignac' });
    expect(moved).toMatchObject({ version: 2, city: 'Mérignac', updatedAt: clock.now().toISOString() });
    expect(await store.getCustomer(customer.id)).toMatchObject({ version: before.customer!.version + 1 });
  });

  it('hides the children of customers an agent does not own', async () => {
    const { deps } = customersFixture();
    const { customer } = await createCustomer(deps, alice, { name: 'Alice client' });
    await expect(addAddress(deps, bob, customer.id, warehouse)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listContacts(deps, bob, customer.id, { limit: 10 })).rejects.toBeInstanceOf(NotFoundError);
    expect((await listContacts(deps, alice, customer.id, { limit: 10 })).items).toEqual([]);
  });

  it('bounds the number of addresses of one customer', async () => {
    const { deps, store } = customersFixture();
    const { customer } = await createCustomer(deps, manager, { name: 'Dupont' });
    await store.commit([{ entity: 'customer', previous: customer, next: { ...customer, version: 2, addressCount: 200 } }], []);
    await expect(addAddress(deps, manager, customer.id, warehouse)).rejects.toEqual(new ConflictError('too_many_addresses', 'A customer has at most 200 addresses'));
  });
});
