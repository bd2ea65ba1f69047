import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../domain/shared/errors.ts';
import { createCustomer } from '../../../domain/customers/use-cases/create-customer.ts';
import { getCustomer, listCustomers } from '../../../domain/customers/use-cases/read-customers.ts';
import { NotFoundError } from '../../../domain/shared/errors.ts';
import { alice, bob, customersFixture, manager, shop } from '../../support/customers-fixture.ts';

describe('reading customers', () => {
  it('narrows an agent to their own book and refuses another agent\'s', async () => {
    const { deps } = customersFixture();
    await createCustomer(deps, alice, { name: 'Alpha' });
    const { customer: bobs } = await createCustomer(deps, bob, { name: 'Beta' });
    expect((await listCustomers(deps, alice, {}, { limit: 50 })).items.map((c) => c.name)).toEqual(['Alpha']);
    expect((await listCustomers(deps, manager, {}, { limit: 50 })).items.map((c) => c.name)).toEqual(['Alpha', 'Beta']);
    expect((await listCustomers(deps, shop, { salesAgentId: bob.id }, { limit: 50 })).items.map((c) => c.name)).toEqual(['Beta']);
    await expect(listCustomers(deps, alice, { salesAgentId: bob.id }, { limit: 50 })).rejects.toBeInstanceOf(ValidationError);
    await expect(getCustomer(deps, alice, bobs.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getCustomer(deps, shop, bobs.id)).customer.name).toBe('Beta');
  });
});
