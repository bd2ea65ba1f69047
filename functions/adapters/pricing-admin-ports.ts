import type { CatalogStore } from '../../domain/catalog/ports.ts';
import type { PricingCatalog } from '../../domain/pricing/admin/ports.ts';

/**
 * The catalogue as pricing's administration needs it, over the catalogue's store: what the composition root wires
 * (the customers' visibility is their own port); the tests reuse it.
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
