import { seesEverything, type Actor } from '../../shared/actor.ts';
import { ValidationError } from '../../shared/errors.ts';
import type { Page, PageRequest } from '../../shared/page.ts';
import { visibleAggregate, type CustomersDeps } from '../access.ts';
import type { Customer, CustomerAggregate } from '../customer.ts';
import type { CustomerQuery } from '../ports.ts';

/** A customer with its addresses and contacts; an agent's view stops at their own customers (404 otherwise). */
export function getCustomer(deps: CustomersDeps, actor: Actor, customerId: string): Promise<CustomerAggregate> {
  return visibleAggregate(deps, actor, customerId);
}

/**
 * Lists customers by the given filters. An agent's list is always narrowed to their own book;
 * asking for another agent's book is refused rather than silently emptied.
 */
export async function listCustomers(deps: CustomersDeps, actor: Actor, query: CustomerQuery, page: PageRequest): Promise<Page<Customer>> {
  if (!seesEverything(actor)) {
    if (query.salesAgentId !== undefined && query.salesAgentId !== actor.id) {
      throw ValidationError.field('/query/salesAgentId', 'agents can only list their own customers');
    }
    return deps.store.list({ ...query, salesAgentId: actor.id }, page);
  }
  return deps.store.list(query, page);
}
