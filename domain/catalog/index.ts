/**
 * The catalog context's public entry: what another context may use of it (DESIGN §9). Reaching into the context's
 * other modules from outside it is refused by dependency-cruiser (`context-entry-only`).
 */
export type { CatalogDeps } from './access.ts';
export type { Family } from './family.ts';
export type { KitLine } from './kit.ts';
export type { Product } from './product.ts';
export { effectiveUnits, type CustomerReference } from './reference.ts';
export {
  PARAMETER_NAME,
  positiveDecimal,
  productFieldsSchema,
  productUnitsSchema,
  referenceFieldsSchema,
  unitAmount,
  VAT_CATEGORIES,
  type VatCategory,
} from './schemas.ts';
export { divideHalfUp, productConversions, UnitConversionError, type ProductConversions, type ProductUnits, type UnitLookup } from './units.ts';
export { explodeProductKit, getProductByCode, getProducts } from './use-cases/read-products.ts';
