import { productConversions, UnitConversionError, type ProductConversions, type UnitLookup } from '../catalog/index.ts';
import { ValidationError } from '../shared/errors.ts';
import { Dec } from '../shared/money.ts';
import type { ProductLine, ProductView, QuantityConditions } from './model.ts';
import type { LineQuantities, QuantityAdjustment } from './result.ts';

/**
 * Step 1 of a line: the requested quantity in the sales unit, raised to the minimum and rounded up to the multiple
 * (the customer reference's conditions, else the product's), then in all three units. Every change is explained.
 * Only positive quantities are adjusted: a return (negative) or an empty line keeps its quantity.
 * Also returns the line's unit conversions, for the prices quoted per another unit.
 */
export function lineQuantities(
  line: ProductLine,
  product: ProductView,
  conditions: { readonly values: QuantityConditions; readonly origin: string } | undefined,
  lookup: UnitLookup,
  pointer: string,
): { quantities: LineQuantities; conversions: ProductConversions } {
  const units = product.units;
  const requestedUnit = line.unit ?? units.sales;
  return withPointer(pointer, () => {
    const conversions = productConversions(units, lookup, line.variableFactor);
    const adjustments: QuantityAdjustment[] = [];
    const inSales = conversions.convert(line.quantity, requestedUnit, units.sales);
    if (requestedUnit !== units.sales) {
      adjustments.push({ kind: 'conversion', from: line.quantity, to: inSales, explanation: `${line.quantity} ${requestedUnit} is ${inSales} ${units.sales}, the sales unit (rounded half-up to its precision)` });
    } else if (!new Dec(inSales).equals(line.quantity)) {
      adjustments.push({ kind: 'precision', from: line.quantity, to: inSales, explanation: `${line.quantity} ${units.sales} rounded half-up to ${inSales}, the precision of ${units.sales}` });
    }

    let quantity = new Dec(inSales);
    const { minimum, multiple } = conditions?.values ?? {};
    if (quantity.greaterThan(0) && minimum !== undefined && quantity.lessThan(minimum)) {
      const raised = new Dec(minimum);
      adjustments.push({ kind: 'minimum', from: quantity.toFixed(), to: raised.toFixed(), explanation: `raised to the minimum of ${minimum} ${units.sales} (${conditions!.origin})` });
      quantity = raised;
    }
    if (quantity.greaterThan(0) && multiple !== undefined && !new Dec(multiple).isZero()) {
      const remainder = quantity.mod(multiple);
      if (!remainder.isZero()) {
        const rounded = quantity.plus(new Dec(multiple).minus(remainder));
        adjustments.push({ kind: 'multiple', from: quantity.toFixed(), to: rounded.toFixed(), explanation: `rounded up to a multiple of ${multiple} ${units.sales} (${conditions!.origin})` });
        quantity = rounded;
      }
    }

    const all = conversions.inAllUnits(quantity.toFixed(), units.sales);
    const quantities: LineQuantities = {
      requested: { quantity: line.quantity, unit: requestedUnit },
      sales: { quantity: all.sales, unit: units.sales },
      management: { quantity: all.management, unit: units.management },
      price: { quantity: all.price, unit: units.price },
      adjustments,
    };
    return { quantities, conversions };
  });
}

/** A unit problem on a line is the caller's to fix: name the field. */
function withPointer<T>(pointer: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof UnitConversionError)) throw error;
    const field = error.code === 'variable_factor_required' || error.code === 'invalid_factor' ? 'variableFactor' : 'unit';
    throw ValidationError.field(`${pointer}/${field}`, error.message);
  }
}
