import type { CatalogDeps } from '../../../domain/catalog/access.ts';
import type { Family } from '../../../domain/catalog/family.ts';
import type { Product } from '../../../domain/catalog/product.ts';
import { createProduct } from '../../../domain/catalog/use-cases/create-product.ts';
import { createFamily } from '../../../domain/catalog/use-cases/families.ts';
import { createCustomer } from '../../../domain/customers/use-cases/create-customer.ts';
import type { PricingAdminDeps } from '../../../domain/pricing/admin/access.ts';
import { ValidationError, type FieldIssue } from '../../../domain/shared/errors.ts';
import { customersFixture, manager } from '../../support/customers-fixture.ts';
import { inMemoryCatalogStore } from '../../support/in-memory-catalog-store.ts';
import { inMemoryPricingStore } from '../../support/in-memory-pricing-store.ts';
import { pricingCatalog } from '../../support/pricing-adapters.ts';
import { customerVisibility } from '../../../domain/customers/index.ts';

export { admin, alice, bob, manager, shop } from '../../support/customers-fixture.ts';

/**
 * Pricing's administration over the in-memory store, with the real catalogue and customers contexts behind its
 * ports (their own in-memory stores): the wiring of the composition root, in miniature.
 */
export function pricingFixture() {
  const customers = customersFixture();
  const catalog = inMemoryCatalogStore();
  const memory = inMemoryPricingStore();
  const clock = customers.clock;
  const catalogDeps: CatalogDeps = {
    store: catalog.store,
    clock,
    customers: customerVisibility(customers.store),
  };
  const deps: PricingAdminDeps = { store: memory.store, customers: customerVisibility(customers.store), catalog: pricingCatalog(catalog.store), clock };
  return {
    deps,
    clock,
    ...memory,
    /** A customer of the customers context, owned by `salesAgentId` when given, in `priceGroup` when given. */
    async customer(name = 'Dupont', salesAgentId?: string, priceGroup?: string): Promise<string> {
      const { customer } = await createCustomer(customers.deps, manager, {
        name,
        ...(salesAgentId ? { salesAgentId } : {}),
        ...(priceGroup !== undefined ? { priceGroup } : {}),
      });
      return customer.id;
    },
    product(code: string, fields: Record<string, unknown> = {}): Promise<Product> {
      return createProduct(catalogDeps, manager, { code, name: `Product ${code}`, units: PIECES, ...fields });
    },
    family(code: string, parentId?: string): Promise<Family> {
      return createFamily(catalogDeps, manager, { code, name: `Family ${code}`, ...(parentId ? { parentId } : {}) });
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
