import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { ForbiddenError, NotFoundError } from '../shared/errors.ts';
import { eventFactory } from '../shared/event-factory.ts';
import type { Family } from './family.ts';
import { catalogEventSchemas } from './events.ts';
import type { CatalogStore } from './ports.ts';
import { requireVisibleCustomer, type Customer, type CustomerVisibility } from '../customers/index.ts';
import type { Product } from './product.ts';
import { STANDARD_UNITS, unitLookup, type UnitLookup } from './units.ts';

/** What every catalog use case needs. */
export interface CatalogDeps {
  readonly store: CatalogStore;
  readonly customers: CustomerVisibility;
  readonly clock: Clock;
}

export const catalogEvent = eventFactory(catalogEventSchemas);

/** The units of measure by code, standard then custom: one Query, once per use case that converts. */
export async function loadUnits(store: Pick<CatalogStore, 'listCustomUnits'>): Promise<UnitLookup> {
  return unitLookup([...STANDARD_UNITS, ...(await store.listCustomUnits())]);
}

/** The catalogue and customer references are changed by admins and managers; agents and integrations read them. */
export function assertCanChangeCatalog(actor: Actor): void {
  if (actor.role !== 'admin' && actor.role !== 'manager') {
    throw new ForbiddenError(actor.role === 'agent' ? 'Agents read the catalogue; only admins and managers change it' : 'Integrations have read-only access to the catalogue');
  }
}

/** A customer the actor may see: references of a customer follow the customer's visibility (404 otherwise). */
export function visibleCustomer(deps: CatalogDeps, actor: Actor, customerId: string): Promise<Customer> {
  return requireVisibleCustomer(deps.customers, actor, customerId);
}

export async function existingFamily(deps: CatalogDeps, familyId: string): Promise<Family> {
  const family = await deps.store.getFamily(familyId);
  if (!family) throw new NotFoundError('Family', familyId);
  return family;
}

export async function existingProduct(deps: CatalogDeps, productId: string): Promise<Product> {
  const product = await deps.store.getProduct(productId);
  if (!product) throw new NotFoundError('Product', productId);
  return product;
}

