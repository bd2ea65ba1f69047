import { seesEverything, type Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { ForbiddenError, NotFoundError } from '../../shared/errors.ts';
import { eventFactory } from '../../shared/event-factory.ts';
import { pricingEventSchemas } from './events.ts';
import { requireVisibleCustomer, type Customer, type CustomerVisibility } from '../../customers/index.ts';
import type { PricingCatalog, PricingStore } from './ports.ts';
import type { PriceListRecord } from './records.ts';

/** What every pricing administration use case needs. */
export interface PricingAdminDeps {
  readonly store: PricingStore;
  readonly customers: CustomerVisibility;
  readonly catalog: PricingCatalog;
  readonly clock: Clock;
}

export const pricingEvent = eventFactory(pricingEventSchemas);

/** Prices are changed by admins and managers; agents and integrations read them (and simulate). */
export function assertCanChangePrices(actor: Actor): void {
  if (actor.role !== 'admin' && actor.role !== 'manager') {
    throw new ForbiddenError(actor.role === 'agent' ? 'Agents read prices; only admins and managers change them' : 'Integrations have read-only access to prices');
  }
}

/** A customer the actor may see (404 otherwise, as for the customer itself). */
export function visibleCustomer(deps: PricingAdminDeps, actor: Actor, customerId: string): Promise<Customer> {
  return requireVisibleCustomer(deps.customers, actor, customerId);
}

/**
 * A list the actor may see. A customer's list or offer follows the customer's visibility: to an agent, the lists of
 * other agents' customers do not exist.
 */
export async function visibleList(deps: PricingAdminDeps, actor: Actor, listId: string): Promise<PriceListRecord> {
  const list = await deps.store.getList(listId);
  if (!list) throw new NotFoundError('PriceList', listId);
  if (list.customerId !== undefined && !seesEverything(actor) && !(await deps.customers.visibleCustomer(actor, list.customerId))) {
    throw new NotFoundError('PriceList', listId);
  }
  return list;
}

/** Stamps of a new record. */
export function created(actor: Actor, clock: Clock): { version: 1; createdAt: string; updatedAt: string; updatedBy: string } {
  const now = clock.now().toISOString();
  return { version: 1, createdAt: now, updatedAt: now, updatedBy: actor.id };
}
