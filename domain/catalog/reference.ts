import type { FieldIssue } from '../shared/errors.ts';
import type { Product } from './product.ts';
import { quantityIssues, unitsIssues } from './product.ts';
import type { ReferenceFields } from './schemas.ts';
import type { ProductUnits, UnitLookup } from './units.ts';

/** A customer reference as stored (PRD-3): one per customer and product. */
export interface CustomerReference extends ReferenceFields {
  readonly id: string;
  readonly customerId: string;
  /** Fixed at creation: a reference for another product is another reference. */
  readonly productId: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Customer codes are unique per customer and found whatever their case: EDI partners are not consistent about it. */
export function referenceCodeKey(customerCode: string): string {
  return customerCode.trim().toUpperCase();
}

/**
 * The units a product is sold and priced in for one customer: the reference's units and factors override the
 * product's (PRD-1 "also per customer"). A reference that changes a unit without giving its factor makes the
 * factor vary by line, as on a product.
 */
export function effectiveUnits(product: Pick<Product, 'units'>, reference?: Pick<ReferenceFields, 'salesUnit' | 'priceUnit' | 'salesFactor' | 'priceFactor'>): ProductUnits {
  const own = product.units;
  if (!reference) return own;
  const salesFactor = reference.salesFactor ?? (reference.salesUnit === undefined ? own.salesFactor : undefined);
  const priceFactor = reference.priceFactor ?? (reference.priceUnit === undefined ? own.priceFactor : undefined);
  return {
    management: own.management,
    sales: reference.salesUnit ?? own.sales,
    price: reference.priceUnit ?? own.price,
    ...(salesFactor === undefined ? {} : { salesFactor }),
    ...(priceFactor === undefined ? {} : { priceFactor }),
  };
}

/** Checks a reference against its product: units and factors, packaging, quantities in the sales unit. */
export function referenceIssues(fields: ReferenceFields, product: Product, units: UnitLookup): FieldIssue[] {
  const effective = effectiveUnits(product, fields);
  const issues = unitsIssues(effective, units, {
    management: '/salesUnit',
    sales: '/salesUnit',
    price: '/priceUnit',
    salesFactor: '/salesFactor',
    priceFactor: '/priceFactor',
  });
  if (fields.packagingCode !== undefined) {
    const packagings = product.salesConditions?.packagings ?? [];
    if (!packagings.some((packaging) => packaging.code.toUpperCase() === fields.packagingCode!.toUpperCase())) {
      const known = packagings.map((packaging) => packaging.code).join(', ');
      issues.push({ pointer: '/packagingCode', message: known ? `is not a packaging of product ${product.code} (${known})` : `product ${product.code} has no packagings` });
    }
  }
  const salesUnit = units(effective.sales);
  if (salesUnit) {
    for (const field of ['minQuantity', 'multipleQuantity', 'economicBatch'] as const) issues.push(...quantityIssues(fields[field], salesUnit, `/${field}`));
    fields.prices.forEach((price, i) => issues.push(...quantityIssues(price.minQuantity, salesUnit, `/prices/${i}/minQuantity`)));
  }
  return issues;
}
