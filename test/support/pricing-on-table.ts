import type { CatalogDeps } from '../../domain/catalog/access.ts';
import { customerVisibility } from '../../domain/customers/index.ts';
import type { PricingAdminDeps } from '../../domain/pricing/admin/access.ts';
import type { Clock } from '../../domain/shared/clock.ts';
import { createCatalogStore } from '../../functions/adapters/dynamodb/catalog-store.ts';
import type { Table } from '../../functions/adapters/dynamodb/client.ts';
import { createCustomerStore } from '../../functions/adapters/dynamodb/customer-store.ts';
import { createPricingStore } from '../../functions/adapters/dynamodb/pricing-store.ts';
import { pricingCatalog } from './pricing-adapters.ts';

/** The three stores over one test table, and the pricing administration's and the catalogue's deps wired over them as the composition root wires them. */
export function pricingOnTable(table: Table, clock: Clock) {
  const store = createPricingStore(table);
  const catalogStore = createCatalogStore(table);
  const customerStore = createCustomerStore(table);
  const customers = customerVisibility(customerStore);
  const deps: PricingAdminDeps = { store, customers, catalog: pricingCatalog(catalogStore), clock };
  const catalogDeps: CatalogDeps = { store: catalogStore, clock, customers };
  return { store, catalogStore, customerStore, deps, catalogDeps };
}
