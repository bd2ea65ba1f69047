import { defineLifecycle, type ActionOf, type Lifecycle } from '../shared/lifecycle.ts';
import type { FieldIssue } from '../shared/errors.ts';
import { Dec, minorUnits } from '../shared/money.ts';
import { COST_BASES, type ProductFields, type ProductState } from './schemas.ts';
import type { ProductUnits, Unit, UnitLookup } from './units.ts';

/** The product record as stored: the client's fields plus what the server owns. */
export interface Product extends ProductFields {
  readonly id: string;
  readonly version: number;
  readonly state: ProductState;
  readonly stateReason?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A discontinued product stays readable (documents name it) but is no longer offered. */
export const PRODUCT_LIFECYCLE = defineLifecycle({
  resource: 'product',
  initial: 'active',
  actions: {
    discontinue: { from: ['active'], to: 'discontinued', reason: 'optional' },
    reactivate: { from: ['discontinued'], to: 'active', reason: 'optional' },
  },
}) satisfies Lifecycle<ProductState, string>;

export type ProductStateAction = ActionOf<typeof PRODUCT_LIFECYCLE>;

/**
 * Checks that need the units of measure, and brings amounts to their canonical form (costs padded to the
 * currency's decimals). Kit components need the store: the use cases check them (product-rules.ts).
 */
export function checkProductFields(fields: ProductFields, units: UnitLookup, base = ''): { value: ProductFields; issues: FieldIssue[] } {
  const issues: FieldIssue[] = unitsIssues(fields.units, units, {
    management: `${base}/units/management`,
    sales: `${base}/units/sales`,
    price: `${base}/units/price`,
    salesFactor: `${base}/units/salesFactor`,
    priceFactor: `${base}/units/priceFactor`,
  });
  const value: ProductFields = { ...fields };

  if (fields.kind === 'kit' && fields.kit === undefined) issues.push({ pointer: `${base}/kit`, message: 'is required for a kit: list its components' });
  if (fields.kind !== 'kit' && fields.kit !== undefined) issues.push({ pointer: `${base}/kit`, message: `only a kit has components, not a product of kind ${fields.kind}` });

  const salesUnit = units(fields.units.sales);
  const conditions = fields.salesConditions;
  if (salesUnit && conditions) {
    issues.push(...quantityIssues(conditions.minQuantity, salesUnit, `${base}/salesConditions/minQuantity`));
    issues.push(...quantityIssues(conditions.multipleQuantity, salesUnit, `${base}/salesConditions/multipleQuantity`));
    conditions.packagings?.forEach((packaging, i) => issues.push(...quantityIssues(packaging.quantity, salesUnit, `${base}/salesConditions/packagings/${i}/quantity`)));
  }
  if (fields.costs) {
    value.costs = Object.fromEntries(
      COST_BASES.flatMap((basis) => {
        const cost = fields.costs![basis];
        return cost ? [[basis, { amount: padToCurrency(cost.amount, cost.currency), currency: cost.currency }]] : [];
      }),
    );
  }
  return { value, issues };
}

/**
 * The rules of a product's units (PRD-1): every code is a known unit; a factor bridges the sales or the price
 * unit to the management unit exactly when their dimensions differ (absent there: the line gives it, it
 * varies); and a line gives only one variable factor, so at most one dimension may vary.
 */
export function unitsIssues(
  productUnits: ProductUnits,
  units: UnitLookup,
  pointers: Readonly<Record<keyof ProductUnits, string>>,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const known = (role: 'management' | 'sales' | 'price'): Unit | undefined => {
    const unit = units(productUnits[role]);
    if (!unit) issues.push({ pointer: pointers[role], message: `${productUnits[role]} is not a known unit code (such as "pce", "kg", "m" or "l")` });
    return unit;
  };
  const management = known('management');
  const sales = known('sales');
  const price = known('price');
  if (!management) return issues;

  const varying: { role: 'sales' | 'price'; unit: Unit }[] = [];
  for (const [role, unit] of [['sales', sales], ['price', price]] as const) {
    if (!unit) continue;
    const factorField = role === 'sales' ? 'salesFactor' : 'priceFactor';
    const factor = productUnits[factorField];
    if (unit.dimension === management.dimension) {
      if (factor !== undefined) {
        issues.push({ pointer: pointers[factorField], message: `applies only when the ${role} unit is of another dimension than the management unit (${unit.code} and ${management.code} are both ${unit.dimension})` });
      }
    } else if (factor === undefined) {
      varying.push({ role, unit });
    }
  }
  if (varying.length === 2 && varying[0]!.unit.dimension !== varying[1]!.unit.dimension) {
    issues.push({
      pointer: pointers.priceFactor,
      message: `is required: the sales factor (${management.code} in one ${varying[0]!.unit.code}) already varies by line, and a line gives only one factor`,
    });
  }
  return issues;
}

/** A quantity in a unit has at most that unit's decimals (no 2.5 pieces). */
export function quantityIssues(quantity: string | undefined, unit: Unit, pointer: string): FieldIssue[] {
  if (quantity === undefined || new Dec(quantity).decimalPlaces() <= unit.decimals) return [];
  return [{ pointer, message: unit.decimals === 0 ? `must be a whole number of ${unit.code}` : `${unit.code} quantities have at most ${unit.decimals} decimals` }];
}

/** "12.5" EUR → "12.50"; finer amounts keep their decimals ("0.0123"). */
function padToCurrency(amount: string, currency: string): string {
  const value = new Dec(amount);
  return value.toFixed(Math.max(value.decimalPlaces(), minorUnits(currency)));
}
