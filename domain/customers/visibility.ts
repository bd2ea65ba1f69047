import type { Actor } from '../shared/actor.ts';
import { NotFoundError } from '../shared/errors.ts';
import { canSee } from './access.ts';
import type { Customer } from './customer.ts';
import type { CustomerStore } from './ports.ts';

/**
 * The customers context as every other context sees it (DESIGN §9): one port, one visibility rule (an agent sees
 * only their own customers; to them, the others do not exist).
 */
export interface CustomerVisibility {
  /** The customer's header if it exists and the actor may see it, else null. */
  visibleCustomer(actor: Actor, customerId: string): Promise<Customer | null>;
}

/** The port over the customers' store: one read of the header, never of its addresses and contacts. */
export function customerVisibility(store: Pick<CustomerStore, 'getCustomer'>): CustomerVisibility {
  return {
    async visibleCustomer(actor, customerId) {
      const customer = await store.getCustomer(customerId);
      return customer && canSee(actor, customer) ? customer : null;
    },
  };
}

/** The customer the actor may see, or a 404 as for the customer itself. */
export async function requireVisibleCustomer(customers: CustomerVisibility, actor: Actor, customerId: string): Promise<Customer> {
  const customer = await customers.visibleCustomer(actor, customerId);
  if (!customer) throw new NotFoundError('Customer', customerId);
  return customer;
}
