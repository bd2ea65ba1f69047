import { Dec, type DecimalValue } from '../shared/money.ts';
import { DomainError } from '../shared/errors.ts';

/**
 * Units of measure (PRD-1). A unit belongs to one dimension and converts exactly to the others of that
 * dimension through its factor (base units of the dimension in one unit, an exact decimal). A product has a
 * management unit (stock), a sales unit (quantities ordered) and a price unit (prices quoted); when those
 * are of different dimensions, the product's factor — or the line's, when the factor varies from one
 * piece to the next — bridges them.
 */
export const DIMENSIONS = ['count', 'mass', 'length', 'area', 'volume', 'time'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface Unit {
  readonly code: string;
  readonly name: string;
  readonly dimension: Dimension;
  /** Base units of its dimension in one unit, an exact decimal: kg 1, g 0.001, t 1000, lb 0.45359237. */
  readonly factor: string;
  /** Quantity precision in this unit, 0–6 decimals. */
  readonly decimals: number;
}

export type UnitLookup = (code: string) => Unit | undefined;

/** A unit a company added (a 50 m roll, a 25 kg bag): the standard units' fields plus what the server owns. */
export interface CustomUnit extends Unit {
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Custom units are loaded whole (one Query) with every use case that converts: their number is bounded. */
export const MAX_CUSTOM_UNITS = 200;

export function isStandardUnit(code: string): boolean {
  return STANDARD_UNITS.some((unit) => unit.code === code);
}

/**
 * Base units: piece, kilogram, metre, square metre, litre, minute. Time counts in minutes because an hour
 * must stay an exact factor (60), which a minute in hours (1/60) is not; a month is the commercial 30 days.
 */
export const STANDARD_UNITS: readonly Unit[] = [
  { code: 'pce', name: 'piece', dimension: 'count', factor: '1', decimals: 0 },
  { code: 'pair', name: 'pair', dimension: 'count', factor: '2', decimals: 0 },
  { code: 'dozen', name: 'dozen', dimension: 'count', factor: '12', decimals: 2 },
  { code: 'kg', name: 'kilogram', dimension: 'mass', factor: '1', decimals: 3 },
  { code: 'g', name: 'gram', dimension: 'mass', factor: '0.001', decimals: 1 },
  { code: 't', name: 'tonne', dimension: 'mass', factor: '1000', decimals: 3 },
  { code: 'lb', name: 'pound', dimension: 'mass', factor: '0.45359237', decimals: 3 },
  { code: 'm', name: 'metre', dimension: 'length', factor: '1', decimals: 3 },
  { code: 'cm', name: 'centimetre', dimension: 'length', factor: '0.01', decimals: 1 },
  { code: 'mm', name: 'millimetre', dimension: 'length', factor: '0.001', decimals: 0 },
  { code: 'km', name: 'kilometre', dimension: 'length', factor: '1000', decimals: 3 },
  { code: 'm2', name: 'square metre', dimension: 'area', factor: '1', decimals: 3 },
  { code: 'cm2', name: 'square centimetre', dimension: 'area', factor: '0.0001', decimals: 1 },
  { code: 'l', name: 'litre', dimension: 'volume', factor: '1', decimals: 3 },
  { code: 'ml', name: 'millilitre', dimension: 'volume', factor: '0.001', decimals: 0 },
  { code: 'm3', name: 'cubic metre', dimension: 'volume', factor: '1000', decimals: 3 },
  { code: 'min', name: 'minute', dimension: 'time', factor: '1', decimals: 0 },
  { code: 'h', name: 'hour', dimension: 'time', factor: '60', decimals: 2 },
  { code: 'day', name: 'day', dimension: 'time', factor: '1440', decimals: 2 },
  { code: 'month', name: 'month', dimension: 'time', factor: '43200', decimals: 2 },
];

/** A lookup over a set of units (the standard ones by default, plus any custom ones the caller adds). */
export function unitLookup(units: readonly Unit[] = STANDARD_UNITS): UnitLookup {
  const byCode = new Map(units.map((unit) => [unit.code, unit]));
  return (code) => byCode.get(code);
}

export type UnitErrorCode = 'unknown_unit' | 'incompatible_units' | 'variable_factor_required' | 'invalid_factor';

/** A quantity cannot be converted: the unit is unknown, unrelated to the product's units, or a factor is missing. */
export class UnitConversionError extends DomainError {
  constructor(
    readonly code: UnitErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The quantity in `to`, exact and rounded half-up to `to.decimals`. Throws when the dimensions differ. */
export function convertQuantity(quantity: string, from: Unit, to: Unit): string {
  if (from.dimension !== to.dimension) {
    throw new UnitConversionError('incompatible_units', `${from.code} (${from.dimension}) does not convert to ${to.code} (${to.dimension})`);
  }
  return divideHalfUp(new Dec(quantity).times(from.factor), new Dec(to.factor), to.decimals).toFixed(to.decimals);
}

/** A product's units by code, and the factors that bridge dimensions (management units in one sales / price unit). */
export interface ProductUnits {
  readonly management: string;
  readonly sales: string;
  readonly price: string;
  /** Management units in one sales unit; only when the dimensions differ; absent there means "given on the line". */
  readonly salesFactor?: string;
  /** Management units in one price unit; only when the dimensions differ; absent there means "given on the line". */
  readonly priceFactor?: string;
}

export interface QuantitiesInAllUnits {
  readonly sales: string;
  readonly management: string;
  readonly price: string;
}

/** `num / den` kept apart so that a chain of conversions divides once, exactly, at the end. */
export interface Ratio {
  readonly num: Dec;
  readonly den: Dec;
}

/**
 * The quantity, given in any unit related to the product, in its sales, management and price units — each
 * rounded half-up to that unit's decimals, all computed from the given quantity (never from another rounded one).
 * `variableFactor` stands for the product's missing sales or price factor (same meaning: management units in
 * one unit of that dimension), e.g. a bar's weight when it is sold by the piece and priced by the kilogram.
 */
export function quantitiesInAllUnits(
  quantity: string,
  unitCode: string,
  units: ProductUnits,
  lookup: UnitLookup,
  variableFactor?: string,
): QuantitiesInAllUnits {
  return productConversions(units, lookup, variableFactor).inAllUnits(quantity, unitCode);
}

export interface ProductConversions {
  /** As `quantitiesInAllUnits`. */
  inAllUnits(quantity: string, unitCode: string): QuantitiesInAllUnits;
  /** The quantity in `toCode`, rounded half-up to that unit's decimals. */
  convert(quantity: string, fromCode: string, toCode: string): string;
  /**
   * How many `to` units one `from` unit makes (`num / den`, exact): a quantity in `from` times the ratio is the
   * quantity in `to`, and a price per `to` times the ratio is the price per `from`.
   */
  ratio(fromCode: string, toCode: string): Ratio;
}

/** The conversions of one product line: units looked up and factors checked once, however many conversions follow. */
export function productConversions(units: ProductUnits, lookup: UnitLookup, variableFactor?: string): ProductConversions {
  return new ManagementPaths(units, lookup, variableFactor);
}

/** The ways between any unit related to a product and its management unit. */
class ManagementPaths implements ProductConversions {
  readonly management: Unit;
  readonly sales: Unit;
  readonly price: Unit;
  /** Units of another dimension than management's, with the management units in one of them. */
  private readonly bridges: { unit: Unit; factor: Dec }[] = [];
  private readonly toManagementByUnit = new Map<Unit, Ratio>();

  constructor(
    units: ProductUnits,
    private readonly lookup: UnitLookup,
    variableFactor: string | undefined,
  ) {
    this.management = this.unit(units.management);
    this.sales = this.unit(units.sales);
    this.price = this.unit(units.price);
    const variableDimensions = new Set<Dimension>();
    for (const [unit, factor, role] of [
      [this.sales, units.salesFactor, 'sales'],
      [this.price, units.priceFactor, 'price'],
    ] as const) {
      if (unit.dimension === this.management.dimension) continue;
      if (factor === undefined) variableDimensions.add(unit.dimension);
      const given = factor ?? variableFactor;
      if (given === undefined) {
        throw new UnitConversionError(
          'variable_factor_required',
          `${unit.code} (${role} unit) converts to ${this.management.code} by a factor that varies: give it on the line (${this.management.code} in one ${unit.code})`,
        );
      }
      this.bridges.push({ unit, factor: positive(given, `${this.management.code} in one ${unit.code}`) });
    }
    if (variableDimensions.size > 1) {
      throw new UnitConversionError('invalid_factor', `One line factor cannot stand for both the sales and the price factor (${[...variableDimensions].join(' and ')})`);
    }
  }

  unit(code: string): Unit {
    const unit = this.lookup(code);
    if (!unit) throw new UnitConversionError('unknown_unit', `Unknown unit ${code}`);
    return unit;
  }

  private toManagement(unit: Unit): Ratio {
    let ratio = this.toManagementByUnit.get(unit);
    if (!ratio) {
      if (unit.dimension === this.management.dimension) ratio = { num: factorOf(unit), den: factorOf(this.management) };
      else {
        const bridge = this.bridgeFor(unit);
        ratio = { num: factorOf(unit).times(bridge.factor), den: factorOf(bridge.unit) };
      }
      this.toManagementByUnit.set(unit, ratio);
    }
    return ratio;
  }

  inAllUnits(quantity: string, unitCode: string): QuantitiesInAllUnits {
    const from = this.unit(unitCode);
    const value = new Dec(quantity);
    const sales = this.express(value, from, this.sales);
    // Most products use one unit for two or three of the roles: convert once per distinct unit.
    const management = this.management === this.sales ? sales : this.express(value, from, this.management);
    const price = this.price === this.sales ? sales : this.price === this.management ? management : this.express(value, from, this.price);
    return { sales, management, price };
  }

  convert(quantity: string, fromCode: string, toCode: string): string {
    return this.express(new Dec(quantity), this.unit(fromCode), this.unit(toCode));
  }

  ratio(fromCode: string, toCode: string): Ratio {
    return this.between(this.unit(fromCode), this.unit(toCode));
  }

  private express(value: Dec, from: Unit, to: Unit): string {
    if (from === to) return value.toDecimalPlaces(to.decimals, Dec.ROUND_HALF_UP).toFixed(to.decimals);
    const ratio = this.between(from, to);
    return divideHalfUp(value.times(ratio.num), ratio.den, to.decimals).toFixed(to.decimals);
  }

  private between(from: Unit, to: Unit): Ratio {
    if (from === to) return ONE_TO_ONE;
    const toManagement = this.toManagement(from);
    const fromManagement = this.toManagement(to);
    return { num: toManagement.num.times(fromManagement.den), den: toManagement.den.times(fromManagement.num) };
  }

  private bridgeFor(unit: Unit): { unit: Unit; factor: Dec } {
    // The sales and price units use their own factor; another unit of their dimension goes through the first of them.
    const bridge = this.bridges.find((candidate) => candidate.unit === unit) ?? this.bridges.find((candidate) => candidate.unit.dimension === unit.dimension);
    if (!bridge) {
      const related = [...new Set([this.management, this.sales, this.price].map((u) => `${u.dimension} (${u.code})`))].join(', ');
      throw new UnitConversionError('incompatible_units', `${unit.code} (${unit.dimension}) is not related to this product's units: ${related}`);
    }
    return bridge;
  }
}

const ONE_TO_ONE: Ratio = { num: new Dec(1), den: new Dec(1) };

/** Factors as decimals, parsed once per unit. */
const factors = new WeakMap<Unit, Dec>();

function factorOf(unit: Unit): Dec {
  let factor = factors.get(unit);
  if (!factor) {
    factor = new Dec(unit.factor);
    factors.set(unit, factor);
  }
  return factor;
}

function positive(factor: string, meaning: string): Dec {
  const value = new Dec(factor);
  if (!value.isFinite() || value.lessThanOrEqualTo(0)) throw new UnitConversionError('invalid_factor', `The factor (${meaning}) must be positive, not ${factor}`);
  return value;
}

/**
 * `numerator / denominator` rounded half-up (away from zero) to `decimals`, exactly. The quotient is computed to
 * 40 significant digits, and rounding it gives the exact result unless it landed exactly on a tie (…5 right after
 * the last kept decimal): only then does the remainder of an integer division decide.
 */
export function divideHalfUp(numerator: DecimalValue, denominator: DecimalValue, decimals: number): Dec {
  const divisor = decimal(denominator);
  const quotient = divisor.equals(1) ? decimal(numerator) : decimal(numerator).dividedBy(divisor);
  if (quotient.decimalPlaces() !== decimals + 1 || !quotient.times(powerOfTen(decimals + 1)).mod(10).abs().equals(5)) {
    return quotient.toDecimalPlaces(decimals, Dec.ROUND_HALF_UP);
  }
  const scale = powerOfTen(decimals);
  const scaled = decimal(numerator).times(scale);
  const whole = scaled.dividedToIntegerBy(divisor);
  const remainder = scaled.minus(whole.times(divisor)).abs();
  if (remainder.times(2).lessThan(divisor.abs())) return whole.dividedBy(scale);
  const awayFromZero = scaled.isNegative() === divisor.isNegative() ? 1 : -1;
  return whole.plus(awayFromZero).dividedBy(scale);
}

function decimal(value: DecimalValue): Dec {
  return Dec.isDecimal(value) ? (value as Dec) : new Dec(value);
}

const powersOfTen: Dec[] = [];

function powerOfTen(exponent: number): Dec {
  return (powersOfTen[exponent] ??= new Dec(10).pow(exponent));
}
