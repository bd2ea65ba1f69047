/** The pricing administration's ports over the other contexts' stores: the composition root's own adapters. */
export { pricingCatalog } from '../../functions/adapters/pricing-admin-ports.ts';
