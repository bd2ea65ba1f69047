import { describe, expect, it } from 'vitest';
import { discount, fixed, list, priceOne, product, rule } from './fixtures.ts';

/**
 * The explanation of one line, asserted whole: a person with a calculator can redo every figure from the text.
 *
 * A steel tube: stock kept in kg, sold by the tube (12.5 kg each), priced per kg, in multiples of 5 tubes.
 * The standard list prices it in USD; the customer's list gives 10 % on the family (with a cutting fee); the
 * group list gives 5 %, or 8 % from 50 tubes; the document is in EUR.
 */
describe('the explanation of a line', () => {
  it('can be followed step by step with a calculator', () => {
    const tube = product({
      id: 'prd_tube',
      code: 'TUBE-6M',
      name: 'Steel tube 6 m',
      familyPath: ['fam_tubes', 'fam_steel'],
      units: { management: 'kg', sales: 'pce', price: 'kg', salesFactor: '12.5' },
      salesConditions: { multiple: '5' },
      costs: { weightedAverage: { amount: '1.60', currency: 'EUR' } },
    });
    const line = priceOne(
      { productId: 'prd_tube', quantity: '12' },
      {
        products: [tube],
        lists: [list('lst_std', 'standard_list', { name: 'Catalogue 2026', currency: 'USD' }), list('lst_acme', 'customer_list', { name: 'ACME' }), list('lst_pro', 'group_list', { name: 'Professionals' })],
        rules: [
          rule('rul_base', 'lst_std', fixed('2.40'), { target: { kind: 'product', productId: 'prd_tube' }, fees: [{ label: 'mill certificate', per: 'line', amount: '12.00' }] }),
          rule('rul_acme', 'lst_acme', discount('10'), { target: { kind: 'family', familyId: 'fam_steel' }, fees: [{ label: 'cutting', per: 'unit', amount: '0.05' }] }),
          rule('rul_pro5', 'lst_pro', discount('5')),
          rule('rul_pro8', 'lst_pro', discount('8'), { minQuantity: '50' }),
        ],
        exchangeRates: [{ from: 'USD', to: 'EUR', rate: '0.92', validFrom: '2026-03-01' }],
      },
    );

    expect(line).toEqual({
      index: 0,
      productId: 'prd_tube',
      productCode: 'TUBE-6M',
      quantities: {
        requested: { quantity: '12', unit: 'pce' },
        sales: { quantity: '15', unit: 'pce' },
        // 15 tubes × 12.5 kg
        management: { quantity: '187.500', unit: 'kg' },
        price: { quantity: '187.500', unit: 'kg' },
        adjustments: [{ kind: 'multiple', from: '12', to: '15', explanation: 'rounded up to a multiple of 5 pce (sales conditions of TUBE-6M)' }],
      },
      status: 'priced',
      unitPrice: '1.9378',
      computedUnitPrice: '1.9378',
      manual: { price: false, discount: false },
      lineFees: [{ ruleId: 'rul_base', label: 'standard list Catalogue 2026 (lst_std): fee "mill certificate"', amount: '11.04', calculation: '12.00 USD per line × 0.92 EUR per USD (rate of 2026-03-01) = 11.04' }],
      amount: '374.38',
      amountCalculation: '1.9378 × 187.500 kg = 363.34 + 11.04 (standard list Catalogue 2026 (lst_std): fee "mill certificate") = 374.38',
      documentDiscountShare: '0.00',
      netAmount: '374.38',
      vat: { category: 'standard', rate: '20' },
      margin: {
        basis: 'weightedAverage',
        cost: '300.00',
        amount: '74.38',
        rate: '19.87',
        calculation: 'cost: weighted average cost 1.60 EUR × 187.500 kg = 300.00; margin: 374.38 − 300.00 = 74.38 (19.87 % of 374.38)',
      },
      explanation: {
        candidates: [
          {
            source: 'customer_list',
            origin: 'customer list ACME (lst_acme)',
            ruleId: 'rul_acme',
            target: 'family fam_steel (1 level above the product\'s family)',
            action: 'discount 10 % + fee "cutting" 0.05 EUR per kg',
            status: 'applied',
            code: 'adjustment',
            reason: 'applies after the base price (customer list stacks)',
          },
          {
            source: 'group_list',
            origin: 'group list Professionals (lst_pro)',
            ruleId: 'rul_pro5',
            target: 'every product',
            action: 'discount 5 %',
            status: 'applied',
            code: 'adjustment',
            reason: 'applies after the base price (group list stacks)',
          },
          {
            source: 'group_list',
            origin: 'group list Professionals (lst_pro)',
            ruleId: 'rul_pro8',
            target: 'every product',
            action: 'discount 8 %',
            status: 'skipped',
            code: 'quantity_break_not_reached',
            reason: 'quantity break 50 pce not reached: the line has 15 pce',
          },
          {
            source: 'standard_list',
            origin: 'standard list Catalogue 2026 (lst_std)',
            ruleId: 'rul_base',
            target: 'product TUBE-6M',
            action: 'fixed price 2.40 USD per kg + fee "mill certificate" 12.00 USD per line',
            status: 'applied',
            code: 'base_price',
            reason: 'gives the base price',
          },
        ],
        waterfall: [
          {
            kind: 'base',
            source: 'standard_list',
            ruleId: 'rul_base',
            label: 'standard list Catalogue 2026 (lst_std): base price',
            calculation: '2.40 USD per kg × 0.92 EUR per USD (rate of 2026-03-01) = 2.2080',
            value: '2.2080',
            unitPrice: '2.2080',
          },
          {
            kind: 'discount',
            source: 'customer_list',
            ruleId: 'rul_acme',
            label: 'customer list ACME (lst_acme): discount 10 % (cascade)',
            calculation: '2.2080 × 0.9 = 1.9872',
            percent: '10',
            value: '-0.2208',
            unitPriceBefore: '2.2080',
            unitPrice: '1.9872',
          },
          {
            kind: 'discount',
            source: 'group_list',
            ruleId: 'rul_pro5',
            label: 'group list Professionals (lst_pro): discount 5 % (cascade)',
            // 2.2080 × 0.9 × 0.95 = 1.88784, rounded half-up to 4 decimals
            calculation: '2.2080 × 0.9 × 0.95 = 1.8878',
            percent: '5',
            value: '-0.0994',
            unitPriceBefore: '1.9872',
            unitPrice: '1.8878',
          },
          {
            kind: 'unit_fee',
            source: 'customer_list',
            ruleId: 'rul_acme',
            label: 'customer list ACME (lst_acme): fee "cutting" per kg',
            calculation: '1.8878 + 0.0500 = 1.9378',
            value: '0.0500',
            unitPriceBefore: '1.8878',
            unitPrice: '1.9378',
          },
        ],
        notes: [],
      },
    });
  });
});
