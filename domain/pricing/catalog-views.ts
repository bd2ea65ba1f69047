import { effectiveUnits, type CustomerReference, type Family, type Product } from '../catalog/index.ts';
import type { CustomerReferenceView, ProductView, QuantityConditions } from './model.ts';

/**
 * The catalogue's records as the engine reads them (model.ts). Pure, so that every loader — the simulator's, and
 * later the quotes' and orders' — builds the same views from the same records.
 */

/**
 * The product for one customer: the reference's units and factors replace the product's (PRD-1 "also per
 * customer"). `family` is the product's own family (its `ancestorIds` give the rest of the chain); absent when the
 * product has none or it could not be read, in which case only the family id is known.
 */
export function productView(product: Product, family: Pick<Family, 'id' | 'ancestorIds'> | undefined, reference?: CustomerReference): ProductView {
  return {
    id: product.id,
    code: product.code,
    name: product.name,
    familyPath: familyPathOf(product, family),
    units: effectiveUnits(product, reference),
    ...(product.weight === undefined ? {} : { weightKg: product.weight }),
    ...(product.volume === undefined ? {} : { volumeM3: product.volume }),
    vatCategory: product.vatCategory,
    parameters: product.parameters ?? {},
    ...productConditions(product, reference),
    costs: { ...product.costs },
  };
}

/** The product's family first, then its parent, up to the root: the order in which family rules are preferred. */
export function familyPathOf(product: Pick<Product, 'familyId'>, family: Pick<Family, 'id' | 'ancestorIds'> | undefined): string[] {
  if (product.familyId === undefined) return [];
  if (!family || family.id !== product.familyId) return [product.familyId];
  return [family.id, ...[...family.ancestorIds].reverse()];
}

/**
 * The product's minimum and multiple are in its sales unit. A reference that sells in another unit without
 * conditions of its own leaves them out rather than read them in the wrong unit (the reference's own
 * conditions, when it has some, replace them anyway: see referenceView).
 */
function productConditions(product: Product, reference: CustomerReference | undefined): { salesConditions?: QuantityConditions } {
  const conditions = quantityConditions(product.salesConditions?.minQuantity, product.salesConditions?.multipleQuantity);
  if (!conditions) return {};
  if (reference?.salesUnit !== undefined && reference.salesUnit !== product.units.sales) return {};
  return { salesConditions: conditions };
}

/**
 * The reference as the engine reads it: its code, its minimum and multiple (which replace the product's as a
 * whole), and its price schedule, each price identified as `<reference id>/prices/<index>` so that the
 * explanation points at the very entry that applied.
 */
export function referenceView(reference: CustomerReference, fallbackCurrency: string): CustomerReferenceView {
  const conditions = quantityConditions(reference.minQuantity, reference.multipleQuantity);
  return {
    customerCode: reference.customerCode,
    ...(conditions ? { conditions } : {}),
    currency: reference.prices[0]?.currency ?? fallbackCurrency,
    prices: reference.prices.map((price, i) => ({
      id: `${reference.id}/prices/${i}`,
      validFrom: price.validFrom,
      ...(price.validTo === undefined ? {} : { validTo: price.validTo }),
      minQuantity: price.minQuantity,
      price: price.unitPrice,
    })),
  };
}

function quantityConditions(minimum: string | undefined, multiple: string | undefined): QuantityConditions | undefined {
  if (minimum === undefined && multiple === undefined) return undefined;
  return { ...(minimum === undefined ? {} : { minimum }), ...(multiple === undefined ? {} : { multiple }) };
}
