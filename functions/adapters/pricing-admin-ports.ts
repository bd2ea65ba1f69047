import type { CatalogStore } from '../../domain/catalog/ports.ts';
import { canSee } from '../../domain/customers/access.ts';
import type { CustomerStore } from '../../domain/customers/ports.ts';
import type { PricingCatalog, PricingCustomers } from '../../domain/pricing/admin/ports.ts';

/**
 * The ports pricing's administration needs from the other contexts, over their stores: what the composition root
 * wires (the catalogue's products and families, the customers' visibility rule); the tests reuse them.
 */
export function pricingCatalog(store: CatalogStore): PricingCatalog {
  return {
    async product(productId) {
      const product = await store.getProduct(productId);
      if (!product) return null;
      const family = product.familyId !== undefined ? await store.getFamily(product.familyId) : null;
      // The engine's familyPath runs from the product's own family up to the root; ancestorIds run top first.
      const familyPath = family ? [family.id, ...[...family.ancestorIds].reverse()] : [];
      return { id: product.id, code: product.code, parameters: product.parameters ?? {}, familyPath };
    },
    async family(familyId) {
      const family = await store.getFamily(familyId);
      return family ? { id: family.id, code: family.code } : null;
    },
  };
}

export function pricingCustomers(store: CustomerStore): PricingCustomers {
  return {
    async visibleCustomer(actor, customerId) {
      const customer = await store.getCustomer(customerId);
      if (!customer || !canSee(actor, customer)) return null;
      return { id: customer.id, currency: customer.currency, ...(customer.priceGroup !== undefined ? { priceGroup: customer.priceGroup } : {}) };
    },
  };
}
