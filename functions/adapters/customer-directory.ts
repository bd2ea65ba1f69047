import type { CustomerDirectory } from '../../domain/catalog/ports.ts';
import { visibleCustomer, type CustomersDeps } from '../../domain/customers/access.ts';
import { NotFoundError } from '../../domain/shared/errors.ts';

/**
 * The customers context as the catalog sees it, through the customers' own visibility rule (an agent sees
 * only their customers): one read of the customer's header, never of its addresses and contacts.
 */
export function createCustomerDirectory(customers: () => CustomersDeps): CustomerDirectory {
  return {
    async visibleCustomer(actor, customerId) {
      try {
        const customer = await visibleCustomer(customers(), actor, customerId);
        return { id: customer.id, currency: customer.currency };
      } catch (error) {
        if (error instanceof NotFoundError) return null;
        throw error;
      }
    },
  };
}
