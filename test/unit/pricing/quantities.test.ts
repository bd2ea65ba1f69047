import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../domain/shared/errors.ts';
import { fixed, list, priceOne, product, rule } from './fixtures.ts';

const standard = { lists: [list('std', 'standard_list')], rules: [rule('r1', 'std', fixed('2.00'))] };

describe('line quantities', () => {
  it('raises to the minimum, then rounds up to the multiple, and says so', () => {
    const bolt = product({ salesConditions: { minimum: '10', multiple: '4' } });
    const line = priceOne({ productId: 'prd_bolt', quantity: '3' }, { ...standard, products: [bolt] });
    expect(line.quantities.adjustments).toEqual([
      { kind: 'minimum', from: '3', to: '10', explanation: 'raised to the minimum of 10 pce (sales conditions of BOLT-M8)' },
      { kind: 'multiple', from: '10', to: '12', explanation: 'rounded up to a multiple of 4 pce (sales conditions of BOLT-M8)' },
    ]);
    expect(line.quantities.sales).toEqual({ quantity: '12', unit: 'pce' });
    expect(line.amount).toBe('24.00');
  });

  it('leaves a quantity that already fits alone', () => {
    const bolt = product({ salesConditions: { minimum: '10', multiple: '4' } });
    expect(priceOne({ productId: 'prd_bolt', quantity: '16' }, { ...standard, products: [bolt] }).quantities.adjustments).toEqual([]);
  });

  it("takes the customer reference's conditions over the product's", () => {
    const bolt = product({ salesConditions: { minimum: '10', multiple: '4' } });
    const line = priceOne(
      { productId: 'prd_bolt', quantity: '3' },
      { ...standard, products: [bolt], references: { prd_bolt: { customerCode: 'ACME-77', conditions: { multiple: '50' }, currency: 'EUR', prices: [] } } },
    );
    expect(line.quantities.adjustments).toEqual([{ kind: 'multiple', from: '3', to: '50', explanation: 'rounded up to a multiple of 50 pce (customer reference ACME-77)' }]);
  });

  it('does not adjust a return (negative quantity)', () => {
    const bolt = product({ salesConditions: { minimum: '10', multiple: '4' } });
    const line = priceOne({ productId: 'prd_bolt', quantity: '-3' }, { ...standard, products: [bolt] });
    expect(line.quantities.adjustments).toEqual([]);
    expect(line.amount).toBe('-6.00');
  });

  it('converts the requested unit to the sales unit, then shows all three units', () => {
    const cable = product({ units: { management: 'm', sales: 'm', price: 'kg', priceFactor: '4' } });
    const line = priceOne({ productId: 'prd_bolt', quantity: '2.5', unit: 'km' }, { ...standard, products: [cable] });
    expect(line.quantities).toEqual({
      requested: { quantity: '2.5', unit: 'km' },
      sales: { quantity: '2500.000', unit: 'm' },
      management: { quantity: '2500.000', unit: 'm' },
      price: { quantity: '625.000', unit: 'kg' },
      adjustments: [{ kind: 'conversion', from: '2.5', to: '2500.000', explanation: '2.5 km is 2500.000 m, the sales unit (rounded half-up to its precision)' }],
    });
    expect(line.amount).toBe('1250.00');
  });

  it("rounds to the sales unit's precision, and says so", () => {
    const line = priceOne({ productId: 'prd_bolt', quantity: '2.5' }, standard);
    expect(line.quantities.adjustments).toEqual([{ kind: 'precision', from: '2.5', to: '3', explanation: '2.5 pce rounded half-up to 3, the precision of pce' }]);
  });

  it('a bar sold by the piece and priced by the kilogram takes its weight from the line', () => {
    // Managed and sold by the piece; 0.08 pieces in one kilogram: this bar weighs 12.5 kg.
    const bar = product({ units: { management: 'pce', sales: 'pce', price: 'kg' } });
    const line = priceOne({ productId: 'prd_bolt', quantity: '3', variableFactor: '0.08' }, { ...standard, products: [bar] });
    expect(line.quantities.price).toEqual({ quantity: '37.500', unit: 'kg' });
    expect(line.amountCalculation).toBe('2.0000 × 37.500 kg = 75.00');
  });

  it('names the field when the unit does not fit or the variable factor is missing', () => {
    const bar = product({ units: { management: 'pce', sales: 'pce', price: 'kg' } });
    const error = (run: () => unknown) => {
      try {
        run();
      } catch (e) {
        return e as ValidationError;
      }
      throw new Error('expected an error');
    };
    const missing = error(() => priceOne({ productId: 'prd_bolt', quantity: '3' }, { ...standard, products: [bar] }));
    expect(missing).toBeInstanceOf(ValidationError);
    expect(missing.issues).toEqual([{ pointer: '/lines/0/variableFactor', message: 'kg (price unit) converts to pce by a factor that varies: give it on the line (pce in one kg)' }]);
    const unrelated = error(() => priceOne({ productId: 'prd_bolt', quantity: '3', unit: 'l', variableFactor: '0.08' }, { ...standard, products: [bar] }));
    expect(unrelated.issues[0]!.pointer).toBe('/lines/0/unit');
    const unknown = error(() => priceOne({ productId: 'prd_nope', quantity: '3' }, standard));
    expect(unknown.issues).toEqual([{ pointer: '/lines/0/productId', message: 'prd_nope is not a known product' }]);
  });
});
