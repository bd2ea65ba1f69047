import { describe, expect, it } from 'vitest';
import type { PricingStructure } from '../../../domain/pricing/structure.ts';
import { discount, fixed, list, priceLines, priceOne, rule, steps } from './fixtures.ts';

/**
 * Several percentages on one line (issue 7 §3): a rule that gives several ("remises en cascade", 20 % then 12.5 %),
 * several rules, the line's manual discounts. Each percentage is a step of its own, with its calculation, where it
 * comes from, and the unit price before and after it.
 */

const lists = [list('cl', 'customer_list', { name: 'Martin' }), list('gl', 'group_list', { name: 'Garages' }), list('std', 'standard_list')];
const bolt = { productId: 'prd_bolt', quantity: '1' };
const base = (price: string) => rule('base', 'std', fixed(price));
const structure = (discountCombination: PricingStructure['discountCombination'], unitPriceDecimals = 4) => ({ discountCombination, unitPriceDecimals });
const percentageSteps = (line: ReturnType<typeof priceOne>) => line.explanation.waterfall.filter((step) => step.kind === 'discount' || step.kind === 'manual_discount');

describe("a rule's several percentages", () => {
  it('20 % then 12.5 % of 100.00: 70.00 in cascade (× 0.8 × 0.875), each step explained', () => {
    const line = priceOne(bolt, { lists, rules: [base('100.00'), rule('r-martin', 'cl', discount('20', '12.5'))], structure: structure('cascade') });
    expect(line.unitPrice).toBe('70.0000');
    expect(percentageSteps(line)).toEqual([
      {
        kind: 'discount',
        source: 'customer_list',
        ruleId: 'r-martin',
        label: 'customer list Martin (cl): discount 20 % (1 of 2, cascade)',
        calculation: '100.0000 × 0.8 = 80.0000',
        percent: '20',
        value: '-20.0000',
        unitPriceBefore: '100.0000',
        unitPrice: '80.0000',
      },
      {
        kind: 'discount',
        source: 'customer_list',
        ruleId: 'r-martin',
        label: 'customer list Martin (cl): discount 12.5 % (2 of 2, cascade)',
        calculation: '100.0000 × 0.8 × 0.875 = 70.0000',
        percent: '12.5',
        value: '-10.0000',
        unitPriceBefore: '80.0000',
        unitPrice: '70.0000',
      },
    ]);
    expect(line.explanation.candidates.find((candidate) => candidate.ruleId === 'r-martin')!.action).toBe('discount 20 % then 12.5 %');
  });

  it('20 % + 12.5 % of 100.00: 67.50 cumulative (× (1 − 0.2 − 0.125))', () => {
    const line = priceOne(bolt, { lists, rules: [base('100.00'), rule('r-martin', 'cl', discount('20', '12.5'))], structure: structure('cumulative') });
    expect(line.unitPrice).toBe('67.5000');
    expect(percentageSteps(line).map(({ label, calculation, value, unitPriceBefore, unitPrice }) => ({ label, calculation, value, unitPriceBefore, unitPrice }))).toEqual([
      { label: 'customer list Martin (cl): discount 20 % (1 of 2, cumulative)', calculation: '100.0000 × (1 − 0.2) = 80.0000', value: '-20.0000', unitPriceBefore: '100.0000', unitPrice: '80.0000' },
      { label: 'customer list Martin (cl): discount 12.5 % (2 of 2, cumulative)', calculation: '100.0000 × (1 − 0.2 − 0.125) = 67.5000', value: '-12.5000', unitPriceBefore: '80.0000', unitPrice: '67.5000' },
    ]);
  });

  it('a three-step cascade is rounded once from its start, at 2 decimals as at 4', () => {
    // 10.10 × 0.85 = 8.585; × 0.925 = 7.941125; × 0.967 = 7.679067875. Rounding every step instead would give
    // 8.59 → 7.95 (8.59 × 0.925 = 7.94575) → 7.69 at 2 decimals: a cent more than the exact price rounded.
    const rules = [base('10.10'), rule('r-three', 'cl', discount('15', '7.5', '3.3'))];
    const atTwo = priceOne(bolt, { lists, rules, structure: structure('cascade', 2) });
    expect(percentageSteps(atTwo).map((step) => step.calculation)).toEqual(['10.10 × 0.85 = 8.59', '10.10 × 0.85 × 0.925 = 7.94', '10.10 × 0.85 × 0.925 × 0.967 = 7.68']);
    expect(steps(atTwo)).toEqual(['base 10.10 → 10.10', 'discount -1.51 → 8.59', 'discount -0.65 → 7.94', 'discount -0.26 → 7.68']);
    const atFour = priceOne(bolt, { lists, rules, structure: structure('cascade', 4) });
    expect(percentageSteps(atFour).map((step) => step.unitPrice)).toEqual(['8.5850', '7.9411', '7.6791']);
    expect(atFour.explanation.waterfall.at(-1)!.calculation).toBe('10.1000 × 0.85 × 0.925 × 0.967 = 7.6791');
    const cumulative = priceOne(bolt, { lists, rules, structure: structure('cumulative', 2) });
    expect(cumulative.explanation.waterfall.at(-1)!.calculation).toBe('10.10 × (1 − 0.15 − 0.075 − 0.033) = 7.49');
  });

  it("are steps of the line's one sequence: in structure order, then in the order the rule gives them", () => {
    const rules = [base('100.00'), rule('r-garages', 'gl', discount('20', '12.5')), rule('r-martin', 'cl', discount('10'))];
    const line = priceOne(bolt, { lists, rules, structure: structure('cascade') });
    expect(percentageSteps(line).map((step) => `${step.ruleId} ${step.percent}: ${step.calculation}`)).toEqual([
      'r-martin 10: 100.0000 × 0.9 = 90.0000',
      'r-garages 20: 100.0000 × 0.9 × 0.8 = 72.0000',
      'r-garages 12.5: 100.0000 × 0.9 × 0.8 × 0.875 = 63.0000',
    ]);
    // Cumulative: the three add up, whoever gives them (10 + 20 + 12.5 = 42.5 %).
    expect(priceOne(bolt, { lists, rules, structure: structure('cumulative') }).unitPrice).toBe('57.5000');
    // The order given is the order of the steps; the result is the same either way.
    const reversed = priceOne(bolt, { lists, rules: [base('100.00'), rule('r-garages', 'gl', discount('12.5', '20'))], structure: structure('cascade') });
    expect(percentageSteps(reversed).map((step) => `${step.percent} → ${step.unitPrice}`)).toEqual(['12.5 → 87.5000', '20 → 70.0000']);
  });
});

describe("a line's manual discounts", () => {
  it('apply after the rule discounts, in the order given, each flagged manual, combined per the structure', () => {
    const rules = [base('100.00'), rule('r-martin', 'cl', discount('10'))];
    const entered = { ...bolt, manualDiscounts: ['5', '2'] };
    const cascade = priceOne(entered, { lists, rules, structure: structure('cascade') });
    expect(cascade.manual).toEqual({ price: false, discount: true });
    expect(cascade.computedUnitPrice).toBe('90.0000');
    expect(cascade.unitPrice).toBe('83.7900');
    expect(cascade.explanation.waterfall.slice(-2)).toEqual([
      {
        kind: 'manual_discount',
        source: 'manual',
        label: 'manual discount 5 % (1 of 2, cascade; kept when the document is re-priced)',
        calculation: '90.0000 × 0.95 = 85.5000',
        percent: '5',
        value: '-4.5000',
        unitPriceBefore: '90.0000',
        unitPrice: '85.5000',
      },
      {
        kind: 'manual_discount',
        source: 'manual',
        label: 'manual discount 2 % (2 of 2, cascade; kept when the document is re-priced)',
        calculation: '90.0000 × 0.95 × 0.98 = 83.7900',
        percent: '2',
        value: '-1.7100',
        unitPriceBefore: '85.5000',
        unitPrice: '83.7900',
      },
    ]);
    // Cumulative: the manual percentages add up among themselves, on top of the price the rules give.
    const cumulative = priceOne(entered, { lists, rules, structure: structure('cumulative') });
    expect(cumulative.explanation.waterfall.slice(-2).map((step) => step.calculation)).toEqual(['90.0000 × (1 − 0.05) = 85.5000', '90.0000 × (1 − 0.05 − 0.02) = 83.7000']);
  });

  it('apply on top of a manual price, and on a free-text line', () => {
    const line = priceOne({ ...bolt, manualUnitPrice: '80', manualDiscounts: ['10', '5'] }, { lists, rules: [base('100.00')] });
    expect(steps(line)).toEqual(['base 100.0000 → 100.0000', 'manual_price -20.0000 → 80.0000', 'manual_discount -8.0000 → 72.0000', 'manual_discount -3.6000 → 68.4000']);
    expect(line.explanation.waterfall[1]).toMatchObject({ kind: 'manual_price', source: 'manual', unitPriceBefore: '100.0000' });
    const freeText = priceLines([{ description: 'Installation', quantity: '2', manualUnitPrice: '50', vatCategory: 'standard', manualDiscounts: ['10', '10'] }], { lists }).lines[0]!;
    expect(steps(freeText)).toEqual(['manual_price 50.0000 → 50.0000', 'manual_discount -5.0000 → 45.0000', 'manual_discount -4.5000 → 40.5000']);
    expect(freeText.amount).toBe('81.00');
  });

  it('none, or an empty list, changes nothing and flags nothing', () => {
    const line = priceOne({ ...bolt, manualDiscounts: [] }, { lists, rules: [base('100.00')] });
    expect(line.manual).toEqual({ price: false, discount: false });
    expect(steps(line)).toEqual(['base 100.0000 → 100.0000']);
  });
});

describe('capping at zero', () => {
  it('a percentage above 100 stops the price at zero, flagged capped; the steps after it stay at zero', () => {
    // The administration refuses a rule percentage above 100; the engine still never goes below zero.
    const line = priceOne(bolt, { lists, rules: [base('100.00'), rule('r-odd', 'cl', discount('120', '10'))], structure: structure('cascade') });
    expect(line.unitPrice).toBe('0.0000');
    expect(percentageSteps(line).map(({ calculation, value, unitPrice, capped }) => ({ calculation, value, unitPrice, capped }))).toEqual([
      { calculation: '100.0000 × 0 = 0.0000 (capped: not below zero)', value: '-100.0000', unitPrice: '0.0000', capped: true },
      { calculation: '100.0000 × 0 × 0.9 = 0.0000', value: '0.0000', unitPrice: '0.0000', capped: undefined },
    ]);
  });

  it('cumulative percentages adding up past 100 stop at zero, flagged capped, from the step that crosses it', () => {
    const rules = [base('100.00'), rule('r-martin', 'cl', discount('60')), rule('r-garages', 'gl', discount('30', '20'))];
    const line = priceOne(bolt, { lists, rules, structure: structure('cumulative') });
    expect(percentageSteps(line).map((step) => [step.unitPrice, step.capped ?? false])).toEqual([
      ['40.0000', false],
      ['10.0000', false],
      ['0.0000', true],
    ]);
    expect(line.explanation.waterfall.at(-1)!.calculation).toBe('100.0000 × (1 − 0.6 − 0.3 − 0.2) = 0.0000 (capped: not below zero)');
    const manual = priceOne({ ...bolt, manualDiscounts: ['60', '50'] }, { lists, rules: [base('100.00')], structure: structure('cumulative') });
    expect(percentageSteps(manual).map((step) => [step.kind, step.unitPrice, step.capped ?? false])).toEqual([
      ['manual_discount', '40.0000', false],
      ['manual_discount', '0.0000', true],
    ]);
    // In cascade the same percentages never reach zero: 100 × 0.4 × 0.5.
    expect(priceOne({ ...bolt, manualDiscounts: ['60', '50'] }, { lists, rules: [base('100.00')], structure: structure('cascade') }).unitPrice).toBe('20.0000');
  });
});
