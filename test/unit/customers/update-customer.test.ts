import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError, ValidationError, VersionMismatchError } from '../../../domain/shared/errors.ts';
import { createCustomer } from '../../../domain/customers/use-cases/create-customer.ts';
import { updateCustomer } from '../../../domain/customers/use-cases/update-customer.ts';
import { alice, bob, customersFixture, manager, shop } from '../../support/customers-fixture.ts';

describe('updateCustomer (JSON merge patch)', () => {
  it('merges nested objects, removes fields set to null, and bumps the version', async () => {
    const { deps, clock, events } = customersFixture();
    const { customer } = await createCustomer(deps, manager, {
      name: 'Dupont',
      notes: 'old',
      transport: { transitLeadTimeDays: 2, imposedCarrier: 'Geodis' },
    });
    clock.advance(60_000);
    const { customer: updated } = await updateCustomer(deps, manager, customer.id, 1, { notes: null, transport: { imposedCarrier: 'DHL' } });
    expect(updated.version).toBe(2);
    expect(updated.notes).toBeUndefined();
    expect(updated.transport).toEqual({ transitLeadTimeDays: 2, imposedCarrier: 'DHL' });
    expect(updated.updatedAt).toBe('2026-11-27T09:01:00.000Z');
    expect(updated.createdAt).toBe(customer.createdAt);
    expect(events.at(-1)).toMatchObject({ type: 'customer.updated', data: { changedFields: ['transport', 'notes'], version: 2 } });
  });

  it('validates the merged result as a whole, with pointers into the patch', async () => {
    const { deps } = customersFixture();
    const { customer } = await createCustomer(deps, manager, { name: 'Dupont' });
    const error = await updateCustomer(deps, manager, customer.id, 1, { name: null, paymentTerms: { netDays: 30 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.pointer).sort()).toEqual(['/name', '/paymentTerms/method']);
  });

  it('refuses server-owned fields', async () => {
    const { deps } = customersFixture();
    const { customer } = await createCustomer(deps, manager, { name: 'Dupont' });
    const error = await updateCustomer(deps, manager, customer.id, 1, { state: 'active', outstanding: { amount: '1', currency: 'EUR' } }).catch((e: unknown) => e);
    expect((error as ValidationError).issues).toEqual([
      { pointer: '/state', message: 'is set by the server and cannot be written' },
      { pointer: '/outstanding', message: 'is set by the server and cannot be written' },
    ]);
  });

  it('rejects a stale version and leaves the customer untouched', async () => {
    const { deps, store } = customersFixture();
    const { customer } = await createCustomer(deps, manager, { name: 'Dupont' });
    await updateCustomer(deps, manager, customer.id, 1, { name: 'Dupont SA' });
    await expect(updateCustomer(deps, manager, customer.id, 1, { name: 'Lost update' })).rejects.toEqual(new VersionMismatchError(1, 2));
    expect((await store.getCustomer(customer.id))!.name).toBe('Dupont SA');
  });

  it('changes nothing (no new version, no event) when the patch changes nothing', async () => {
    const { deps, events } = customersFixture();
    const { customer } = await createCustomer(deps, manager, { name: 'Dupont' });
    const { customer: same } = await updateCustomer(deps, manager, customer.id, 1, { name: 'Dupont' });
    expect(same.version).toBe(1);
    expect(events).toHaveLength(1);
  });

  it('hides other agents\' customers and keeps agents from handing theirs away', async () => {
    const { deps } = customersFixture();
    const { customer } = await createCustomer(deps, alice, { name: 'Alice client' });
    await expect(updateCustomer(deps, bob, customer.id, 1, { notes: 'x' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateCustomer(deps, alice, customer.id, 1, { salesAgentId: bob.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateCustomer(deps, shop, customer.id, 1, { notes: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
    const { customer: moved } = await updateCustomer(deps, manager, customer.id, 1, { salesAgentId: bob.id });
    expect(moved.salesAgentId).toBe(bob.id);
  });

  it('refuses a group cycle', async () => {
    const { deps } = customersFixture();
    const { customer: group } = await createCustomer(deps, manager, { name: 'Groupe' });
    const { customer: child } = await createCustomer(deps, manager, { name: 'Filiale', parentCustomerId: group.id });
    const error = await updateCustomer(deps, manager, group.id, 1, { parentCustomerId: child.id }).catch((e: unknown) => e);
    expect((error as ValidationError).issues).toEqual([{ pointer: '/parentCustomerId', message: 'would make the customer its own group' }]);
  });

  it('refuses a patch that is not an object', async () => {
    const { deps } = customersFixture();
    const { customer } = await createCustomer(deps, manager, { name: 'Dupont' });
    await expect(updateCustomer(deps, manager, customer.id, 1, ['name'])).rejects.toBeInstanceOf(ValidationError);
  });
});
