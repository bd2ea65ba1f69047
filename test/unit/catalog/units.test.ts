import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  convertQuantity,
  divideHalfUp,
  DIMENSIONS,
  quantitiesInAllUnits,
  STANDARD_UNITS,
  UnitConversionError,
  unitLookup,
  productConversions,
  type ProductUnits,
  type Unit,
} from '../../../domain/catalog/units.ts';
import { Dec } from '../../../domain/shared/money.ts';

const lookup = unitLookup();
const unit = (code: string): Unit => lookup(code)!;

function conversionError(run: () => unknown): UnitConversionError {
  try {
    run();
  } catch (error) {
    if (error instanceof UnitConversionError) return error;
    throw error;
  }
  throw new Error('expected a UnitConversionError');
}

describe('standard units', () => {
  it('covers every dimension with unique codes, exact factors and a precision of 0 to 6 decimals', () => {
    expect(new Set(STANDARD_UNITS.map((u) => u.code)).size).toBe(STANDARD_UNITS.length);
    expect(new Set(STANDARD_UNITS.map((u) => u.dimension))).toEqual(new Set(DIMENSIONS));
    for (const u of STANDARD_UNITS) {
      expect(new Dec(u.factor).greaterThan(0)).toBe(true);
      expect(u.decimals).toBeGreaterThanOrEqual(0);
      expect(u.decimals).toBeLessThanOrEqual(6);
    }
  });

  it('has one base unit (factor 1) per dimension', () => {
    for (const dimension of DIMENSIONS) {
      expect(STANDARD_UNITS.filter((u) => u.dimension === dimension && u.factor === '1')).toHaveLength(1);
    }
  });

  it('looks custom units up next to the standard ones', () => {
    const roll = { code: 'roll50', name: 'roll of 50 m', dimension: 'length', factor: '50', decimals: 0 } as const;
    const withCustom = unitLookup([...STANDARD_UNITS, roll]);
    expect(withCustom('roll50')).toBe(roll);
    expect(convertQuantity('3', roll, unit('km'))).toBe('0.150');
    expect(lookup('roll50')).toBeUndefined();
  });
});

describe('convertQuantity', () => {
  it('converts within a dimension, exactly, padded to the target precision', () => {
    expect(convertQuantity('1500', unit('g'), unit('kg'))).toBe('1.500');
    expect(convertQuantity('2.5', unit('t'), unit('kg'))).toBe('2500.000');
    expect(convertQuantity('1', unit('lb'), unit('g'))).toBe('453.6');
    expect(convertQuantity('3', unit('dozen'), unit('pce'))).toBe('36');
    expect(convertQuantity('90', unit('min'), unit('h'))).toBe('1.50');
    expect(convertQuantity('1', unit('month'), unit('day'))).toBe('30.00');
    expect(convertQuantity('1', unit('m3'), unit('l'))).toBe('1000.000');
    expect(convertQuantity('12500', unit('cm2'), unit('m2'))).toBe('1.250');
  });

  it('rounds half-up (away from zero) to the target precision', () => {
    expect(convertQuantity('1', unit('kg'), unit('lb'))).toBe('2.205'); // 2.20462262…
    expect(convertQuantity('5', unit('pce'), unit('dozen'))).toBe('0.42'); // 0.41666…
    expect(convertQuantity('1.5', unit('mm'), unit('mm'))).toBe('2');
    expect(convertQuantity('-1.5', unit('mm'), unit('mm'))).toBe('-2');
    expect(convertQuantity('0.4', unit('mm'), unit('mm'))).toBe('0');
  });

  it('refuses to convert across dimensions, with a typed error', () => {
    const error = conversionError(() => convertQuantity('1', unit('kg'), unit('m')));
    expect(error.code).toBe('incompatible_units');
    expect(error.message).toBe('kg (mass) does not convert to m (length)');
  });
});

describe('divideHalfUp', () => {
  it('decides the rounding from the exact remainder', () => {
    expect(divideHalfUp('1', '8', 2).toFixed(2)).toBe('0.13'); // 0.125
    expect(divideHalfUp('-1', '8', 2).toFixed(2)).toBe('-0.13');
    expect(divideHalfUp('1', '-8', 2).toFixed(2)).toBe('-0.13');
    expect(divideHalfUp('1', '3', 0).toFixed(0)).toBe('0');
    expect(divideHalfUp('2', '3', 0).toFixed(0)).toBe('1');
  });
});

describe('divideHalfUp against integer arithmetic', () => {
  /** Reference: a/b with a = n/10^s, b = m/10^t, to d decimals half-up, with BigInt only. */
  function reference(n: bigint, s: number, m: bigint, t: number, d: number): string {
    // a/b × 10^d = n × 10^(t+d) / (m × 10^s)
    const num = n * 10n ** BigInt(t + d);
    const den = m * 10n ** BigInt(s);
    const negative = num < 0n !== den < 0n;
    const [absNum, absDen] = [num < 0n ? -num : num, den < 0n ? -den : den];
    let q = absNum / absDen;
    if (2n * (absNum % absDen) >= absDen) q += 1n;
    return new Dec((negative ? -q : q).toString()).dividedBy(new Dec(10).pow(d)).toFixed(d);
  }

  it('property: agrees with exact integer division, ties included', () => {
    const scaled = fc.tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 8 }));
    fc.assert(
      fc.property(scaled, scaled.filter(([m]) => m !== 0n), fc.integer({ min: 0, max: 6 }), ([n, s], [m, t], d) => {
        const a = new Dec(n.toString()).dividedBy(new Dec(10).pow(s));
        const b = new Dec(m.toString()).dividedBy(new Dec(10).pow(t));
        expect(divideHalfUp(a, b, d).toFixed(d)).toBe(reference(n, s, m, t, d));
      }),
      { numRuns: 2000 },
    );
  });

});

describe('quantitiesInAllUnits', () => {
  const sameDimension: ProductUnits = { management: 'kg', sales: 't', price: 'lb' };

  it('expresses a quantity in the sales, management and price units', () => {
    expect(quantitiesInAllUnits('1.2', 't', sameDimension, lookup)).toEqual({ sales: '1.200', management: '1200.000', price: '2645.547' });
    expect(quantitiesInAllUnits('500', 'g', sameDimension, lookup)).toEqual({ sales: '0.001', management: '0.500', price: '1.102' });
  });

  it('bridges dimensions with the product factor: cable sold by the reel of 100 m, managed in metres, priced by the kilogram', () => {
    const cable: ProductUnits = { management: 'm', sales: 'pce', price: 'kg', salesFactor: '100', priceFactor: '4' }; // 4 m weigh 1 kg
    expect(quantitiesInAllUnits('3', 'pce', cable, lookup)).toEqual({ sales: '3', management: '300.000', price: '75.000' });
    expect(quantitiesInAllUnits('150', 'm', cable, lookup)).toEqual({ sales: '2', management: '150.000', price: '37.500' }); // 1.5 reels → 2
    expect(quantitiesInAllUnits('1', 't', cable, lookup)).toEqual({ sales: '40', management: '4000.000', price: '1000.000' });
  });

  it('takes a varying factor from the line: a bar sold by the piece, priced by the kilogram', () => {
    const bar: ProductUnits = { management: 'pce', sales: 'pce', price: 'kg' };
    // This bar weighs 12.5 kg: 0.08 pieces in one kilogram.
    expect(quantitiesInAllUnits('3', 'pce', bar, lookup, '0.08')).toEqual({ sales: '3', management: '3', price: '37.500' });
    const barInKg: ProductUnits = { management: 'kg', sales: 'pce', price: 'kg' };
    expect(quantitiesInAllUnits('3', 'pce', barInKg, lookup, '12.5')).toEqual({ sales: '3', management: '37.500', price: '37.500' });
  });

  it('explains a missing variable factor, an unknown unit, an unrelated unit and a bad factor', () => {
    const bar: ProductUnits = { management: 'pce', sales: 'pce', price: 'kg' };
    const missing = conversionError(() => quantitiesInAllUnits('3', 'pce', bar, lookup));
    expect(missing.code).toBe('variable_factor_required');
    expect(missing.message).toBe('kg (price unit) converts to pce by a factor that varies: give it on the line (pce in one kg)');

    const unknown = conversionError(() => quantitiesInAllUnits('3', 'box', bar, lookup, '0.08'));
    expect(unknown.code).toBe('unknown_unit');
    expect(unknown.message).toBe('Unknown unit box');

    const unrelated = conversionError(() => quantitiesInAllUnits('3', 'm', bar, lookup, '0.08'));
    expect(unrelated.code).toBe('incompatible_units');
    expect(unrelated.message).toBe("m (length) is not related to this product's units: count (pce), mass (kg)");

    expect(conversionError(() => quantitiesInAllUnits('3', 'pce', bar, lookup, '0')).code).toBe('invalid_factor');
    expect(conversionError(() => quantitiesInAllUnits('3', 'pce', { management: 'pce', sales: 'm', price: 'kg' }, lookup, '2')).code).toBe('invalid_factor');
  });

  it("gives the exact ratio between two of a product's units, for prices quoted per another unit", () => {
    const bar: ProductUnits = { management: 'pce', sales: 'pce', price: 'kg' };
    const kgPerPiece = productConversions(bar, lookup, '0.08').ratio('pce', 'kg');
    expect(kgPerPiece.num.dividedBy(kgPerPiece.den).toFixed()).toBe('12.5');
    const poundsPerKg = productConversions({ management: 'kg', sales: 'kg', price: 'kg' }, lookup).ratio('kg', 'lb');
    expect(poundsPerKg.num.toFixed()).toBe('1');
    expect(poundsPerKg.den.toFixed()).toBe('0.45359237');
  });

  it('converts between any two related units of a product, once the units are checked', () => {
    const cable = productConversions({ management: 'm', sales: 'pce', price: 'kg', salesFactor: '100', priceFactor: '4' }, lookup);
    expect(cable.convert('2', 'pce', 'kg')).toBe('50.000');
    expect(cable.convert('1', 't', 'pce')).toBe('40');
    expect(cable.inAllUnits('3', 'pce')).toEqual({ sales: '3', management: '300.000', price: '75.000' });
  });

  it('ignores a factor between units of the same dimension', () => {
    expect(quantitiesInAllUnits('2', 'kg', { management: 'kg', sales: 'kg', price: 'g', priceFactor: '99' }, lookup).price).toBe('2000.0');
  });
});

describe('properties', () => {
  const unitPair = fc.constantFrom(...DIMENSIONS).chain((dimension) => {
    const units = STANDARD_UNITS.filter((u) => u.dimension === dimension);
    return fc.tuple(fc.constantFrom(...units), fc.constantFrom(...units));
  });
  /** A quantity already at the precision of its unit, as a user would enter it. */
  const quantityIn = (u: Unit) => fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).map((n) => new Dec(n.toString()).dividedBy(new Dec(10).pow(u.decimals)).toFixed(u.decimals));
  const step = (u: Unit) => new Dec(10).pow(-u.decimals);

  it('there and back returns the quantity within the precision of the units it went through', () => {
    fc.assert(
      fc.property(unitPair.chain(([from, to]) => fc.tuple(fc.constant(from), fc.constant(to), quantityIn(from))), ([from, to, quantity]) => {
        const back = convertQuantity(convertQuantity(quantity, from, to), to, from);
        // Half a step of the target, seen in the source unit, plus half a step of the source for the last rounding.
        const tolerance = step(to).times(to.factor).dividedBy(from.factor).plus(step(from)).dividedBy(2);
        expect(new Dec(back).minus(quantity).abs().lessThanOrEqualTo(tolerance)).toBe(true);
        // Through a unit at least as fine, nothing is lost at all.
        if (step(to).times(to.factor).lessThan(step(from).times(from.factor))) expect(back).toBe(quantity);
      }),
    );
  });

  it('conversion is monotonic', () => {
    fc.assert(
      fc.property(unitPair.chain(([from, to]) => fc.tuple(fc.constant(from), fc.constant(to), quantityIn(from), quantityIn(from))), ([from, to, a, b]) => {
        const [low, high] = new Dec(a).lessThanOrEqualTo(b) ? [a, b] : [b, a];
        expect(new Dec(convertQuantity(low, from, to)).lessThanOrEqualTo(convertQuantity(high, from, to))).toBe(true);
      }),
    );
  });

  it('is exact with decimal factors: the result is the exact product rounded once, half-up', () => {
    const factor = fc.tuple(fc.integer({ min: 1, max: 10 ** 9 }), fc.integer({ min: 0, max: 9 })).map(([n, scale]) => new Dec(n).dividedBy(new Dec(10).pow(scale)).toFixed());
    const customUnit = (code: string) =>
      fc.tuple(factor, fc.integer({ min: 0, max: 6 })).map(([f, decimals]): Unit => ({ code, name: code, dimension: 'mass', factor: f, decimals }));
    fc.assert(
      fc.property(customUnit('a'), customUnit('b'), fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (from, to, units) => {
        const quantity = new Dec(units.toString()).dividedBy(1000).toFixed();
        const converted = new Dec(convertQuantity(quantity, from, to));
        // Exactly: |converted × to.factor − quantity × from.factor| ≤ half a step of `to`, in base units, never more.
        const error = converted.times(to.factor).minus(new Dec(quantity).times(from.factor)).abs();
        expect(error.lessThanOrEqualTo(step(to).times(to.factor).dividedBy(2))).toBe(true);
        // And a quantity that lands exactly on the target's grid is returned unrounded.
        const exact = converted.times(to.factor).equals(new Dec(quantity).times(from.factor));
        if (new Dec(quantity).times(from.factor).dividedBy(to.factor).decimalPlaces() <= to.decimals) expect(exact).toBe(true);
      }),
    );
  });

  it('all three quantities derive from the given one: the management quantity of a sales quantity converts back to it', () => {
    const product: ProductUnits = { management: 'kg', sales: 'pce', price: 'lb', salesFactor: '2.5' };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 6 }), (pieces) => {
        const all = quantitiesInAllUnits(String(pieces), 'pce', product, lookup);
        expect(all.management).toBe(new Dec(pieces).times('2.5').toFixed(3));
        expect(quantitiesInAllUnits(all.management, 'kg', product, lookup).sales).toBe(String(pieces));
      }),
    );
  });
});
