import type { CatalogDeps } from '../../../domain/catalog/access.ts';

import type { Product } from '../../../domain/catalog/product.ts';
import { createProduct } from '../../../domain/catalog/use-cases/create-product.ts';
import { createCustomer } from '../../../domain/customers/use-cases/create-customer.ts';
import { ValidationError, type FieldIssue } from '../../../domain/shared/errors.ts';
import { inMemoryCatalogStore } from '../../support/in-memory-catalog-store.ts';
import { customersFixture, manager } from '../../support/customers-fixture.ts';
import { customerVisibility } from '../../../domain/customers/index.ts';

export { admin, alice, bob, manager, shop } from '../../support/customers-fixture.ts';

/**
 * The catalog's use cases over the in-memory store, with a customer directory over the real customers
 * context (its own in-memory store): the adapter the composition root will wire, in miniature.
 */
export function catalogFixture() {
  const customers = customersFixture();
  const memory = inMemoryCatalogStore();
  const directory = customerVisibility(customers.store);
  const deps: CatalogDeps = { store: memory.store, customers: directory, clock: customers.clock };
  return {
    deps,
    clock: customers.clock,
    ...memory,
    /** A customer of the customers context, owned by `salesAgentId` when given. */
    async customer(name = 'Dupont', salesAgentId?: string): Promise<string> {
      const { customer } = await createCustomer(customers.deps, manager, { name, ...(salesAgentId ? { salesAgentId } : {}) });
      return customer.id;
    },
    /** A product counted in pieces, with any fields overridden. */
    product(code: string, fields: Record<string, unknown> = {}): Promise<Product> {
      return createProduct(deps, manager, { code, name: `Product ${code}`, units: PIECES, ...fields });
    },
  };
}

export const PIECES = { management: 'pce', sales: 'pce', price: 'pce' };

/** The issues of the ValidationError a promise rejects with (fails the test otherwise). */
export async function issuesOf(promise: Promise<unknown>): Promise<readonly FieldIssue[]> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ValidationError)) throw new Error(`expected a ValidationError, got ${String(error)}`);
  return error.issues;
}
