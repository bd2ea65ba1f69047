import type { Family } from '../../../domain/catalog/family.ts';
import type { KitLine } from '../../../domain/catalog/kit.ts';
import type { Product } from '../../../domain/catalog/product.ts';
import type { CustomerReference } from '../../../domain/catalog/reference.ts';
import type { CustomUnit, Unit } from '../../../domain/catalog/units.ts';
import { isCustomUnit } from '../../../domain/catalog/use-cases/units.ts';
import type { components } from '../../../openapi/generated/types.ts';

/** What the API shows of the catalogue's records, typed by the contract's generated types. */
type Schemas = components['schemas'];

export function familyResource(family: Family): Schemas['Family'] {
  return { ...family, ancestorIds: [...family.ancestorIds] };
}

export function productResource(product: Product): Schemas['Product'] {
  return product;
}

export function referenceResource(reference: CustomerReference): Schemas['CustomerReference'] {
  return reference;
}

/** `standard`: one of the units every installation has (read-only); the custom ones carry a version. */
export function unitResource(unit: Unit | CustomUnit): Schemas['Unit'] {
  return { ...unit, standard: !isCustomUnit(unit) };
}

export function kitExplosion(productId: string, quantity: string, lines: readonly KitLine[]): Schemas['KitExplosion'] {
  return { productId, quantity, lines: [...lines] };
}

export const unitLocation = (unit: Unit) => `/units/${unit.code}`;
export const familyLocation = (family: Family) => `/families/${family.id}`;
export const productLocation = (product: Product) => `/products/${product.id}`;
export const referenceLocation = (reference: CustomerReference) => `/customers/${reference.customerId}/references/${reference.id}`;
