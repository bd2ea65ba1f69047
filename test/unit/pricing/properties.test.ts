import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DocumentDiscount, PriceRule, ProductLine, ProductView, TransportRule } from '../../../domain/pricing/model.ts';
import type { PricedDocument } from '../../../domain/pricing/result.ts';
import { Dec } from '../../../domain/shared/money.ts';
import { discount, fixed, list, priceLines, product, rule } from './fixtures.ts';

const cents = (max: number) => fc.integer({ min: 0, max }).map((n) => new Dec(n).dividedBy(100).toFixed(2));
const percent = fc.integer({ min: 0, max: 5000 }).map((n) => new Dec(n).dividedBy(100).toFixed());
const sum = (values: readonly string[]) => values.reduce((acc, value) => acc.plus(value), new Dec(0));

const lists = [list('cl', 'customer_list'), list('gl', 'group_list'), list('std', 'standard_list')];
const products: ProductView[] = [
  product({ id: 'p0', code: 'P0', weightKg: '1.5' }),
  product({ id: 'p1', code: 'P1', vatCategory: 'reduced', units: { management: 'kg', sales: 'kg', price: 'kg' }, weightKg: '1' }),
  product({ id: 'p2', code: 'P2', units: { management: 'pce', sales: 'pce', price: 'kg', priceFactor: '0.3' }, weightKg: '3.333' }),
];
const transport: TransportRule = { id: 'tr', name: 'Road', basis: 'weight', currency: 'EUR', brackets: [{ from: '0', fixed: '9.90', variable: '0.137' }] };

const documents = fc.record({
  prices: fc.tuple(cents(100_000), cents(100_000), cents(100_000)),
  /** The percentages of a customer list's rule and of a group list's: one to three each. */
  discounts: fc.tuple(fc.array(percent, { minLength: 1, maxLength: 3 }), fc.array(percent, { minLength: 1, maxLength: 3 })),
  lines: fc.array(
    fc.record({ product: fc.integer({ min: 0, max: 2 }), quantity: fc.integer({ min: -50, max: 100_000 }).map((n) => new Dec(n).dividedBy(1000).toFixed()), manualDiscounts: fc.array(percent, { maxLength: 3 }) }),
    { minLength: 1, maxLength: 12 },
  ),
  documentDiscounts: fc.array(
    fc.oneof(
      percent.map((p): DocumentDiscount => ({ kind: 'percent', label: 'p', percent: p })),
      cents(5_000).map((a): DocumentDiscount => ({ kind: 'amount', label: 'a', amount: a })),
    ),
    { maxLength: 3 },
  ),
});

type Generated = typeof documents extends fc.Arbitrary<infer T> ? T : never;

function price(input: Generated): PricedDocument {
  const rules: PriceRule[] = [
    ...input.prices.map((p, i) => rule(`base-${i}`, 'std', fixed(p), { target: { kind: 'product', productId: `p${i}` } })),
    rule('cl', 'cl', discount(...input.discounts[0])),
    rule('gl', 'gl', discount(...input.discounts[1])),
  ];
  const lines: ProductLine[] = input.lines.map((l) => ({ productId: `p${l.product}`, quantity: l.quantity, manualDiscounts: l.manualDiscounts }));
  return priceLines(lines, { products, lists, rules, transportRules: [transport] }, { documentDiscounts: input.documentDiscounts });
}

describe('document invariants', () => {
  it('the lines sum exactly to the totals, the VAT bases to the net total, and the gross is net plus tax', () => {
    fc.assert(
      fc.property(documents, (input) => {
        const { lines, totals, vat, documentDiscounts, transport } = price(input);
        expect(sum(lines.map((l) => l.amount)).equals(totals.lines)).toBe(true);
        expect(sum(lines.map((l) => l.documentDiscountShare)).equals(totals.documentDiscounts)).toBe(true);
        expect(sum(documentDiscounts.map((d) => d.amount)).equals(totals.documentDiscounts)).toBe(true);
        expect(sum(lines.map((l) => l.netAmount)).equals(totals.goods)).toBe(true);
        expect(sum(lines.map((l) => l.netAmount)).plus(transport.amount).equals(totals.net)).toBe(true);
        expect(sum(vat.breakdown.map((b) => b.base)).equals(totals.net)).toBe(true);
        expect(sum(vat.breakdown.map((b) => b.tax)).equals(totals.tax)).toBe(true);
        expect(new Dec(totals.net).plus(totals.tax).equals(totals.gross)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('every amount is at the currency precision; a line amount is its unit price × quantity within half a cent', () => {
    fc.assert(
      fc.property(documents, (input) => {
        const document = price(input);
        for (const line of document.lines) {
          for (const amount of [line.amount, line.documentDiscountShare, line.netAmount]) expect(amount).toMatch(/^-?\d+\.\d{2}$/);
          expect(line.unitPrice).toMatch(/^\d+\.\d{4}$/);
          const exact = new Dec(line.unitPrice).times(line.quantities.price.quantity);
          expect(new Dec(line.amount).minus(exact).abs().lessThanOrEqualTo('0.005')).toBe(true);
        }
        for (const entry of document.vat.breakdown) {
          expect(new Dec(entry.tax).minus(new Dec(entry.base).times(entry.rate).dividedBy(100)).abs().lessThanOrEqualTo('0.005')).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('discounts never raise a price, and document discounts never take the goods below zero', () => {
    fc.assert(
      fc.property(documents, (input) => {
        const document = price(input);
        for (const line of document.lines) {
          const base = new Dec(line.explanation.waterfall[0]!.unitPrice);
          expect(new Dec(line.unitPrice).lessThanOrEqualTo(base)).toBe(true);
          expect(new Dec(line.unitPrice).isNegative()).toBe(false);
        }
        if (new Dec(document.totals.lines).greaterThanOrEqualTo(0)) expect(new Dec(document.totals.goods).isNegative()).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('the waterfall chains: each step starts where the one before ended and moves the price by its value; one step per percentage', () => {
    fc.assert(
      fc.property(documents, (input) => {
        const document = price(input);
        document.lines.forEach((line, i) => {
          const { waterfall } = line.explanation;
          expect(waterfall[0]!.unitPriceBefore).toBeUndefined();
          for (const [j, step] of waterfall.entries()) {
            if (j === 0) continue;
            expect(step.unitPriceBefore).toBe(waterfall[j - 1]!.unitPrice);
            expect(new Dec(step.unitPriceBefore!).plus(step.value).equals(step.unitPrice)).toBe(true);
          }
          expect(waterfall.filter((step) => step.kind === 'discount').map((step) => `${step.ruleId} ${step.percent}`)).toEqual([
            ...input.discounts[0].map((p) => `cl ${new Dec(p).toFixed()}`),
            ...input.discounts[1].map((p) => `gl ${new Dec(p).toFixed()}`),
          ]);
          const manual = waterfall.filter((step) => step.kind === 'manual_discount');
          expect(manual.map((step) => `${step.source} ${step.percent}`)).toEqual(input.lines[i]!.manualDiscounts.map((p) => `manual ${new Dec(p).toFixed()}`));
          expect(waterfall.slice(waterfall.length - manual.length)).toEqual(manual);
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('discount combination through the engine', () => {
  const sourcesInOrder = (order: readonly ('customer_list' | 'group_list' | 'offer')[]) => ({
    sources: [...order.map((source) => ({ source, mode: 'stack' as const })), { source: 'standard_list' as const, mode: 'stop' as const }],
  });
  const threeDiscounts = fc.tuple(cents(1_000_000), percent, percent, percent);
  const data = ([base, a, b, c]: [string, string, string, string], structure: object) => ({
    lists: [...lists, list('of', 'offer')],
    rules: [rule('base', 'std', fixed(base)), rule('a', 'cl', discount(a)), rule('b', 'gl', discount(b)), rule('c', 'of', discount(c))],
    structure,
  });
  const unitPrice = (input: [string, string, string, string], structure: object) => priceLines([{ productId: 'prd_bolt', quantity: '1' }], data(input, structure)).lines[0]!.unitPrice;

  it('the order of the sources does not change a cascade or a cumulative result', () => {
    fc.assert(
      fc.property(threeDiscounts, fc.constantFrom('cascade' as const, 'cumulative' as const), (input, combination) => {
        const one = unitPrice(input, { ...sourcesInOrder(['customer_list', 'group_list', 'offer']), discountCombination: combination });
        const other = unitPrice(input, { ...sourcesInOrder(['offer', 'customer_list', 'group_list']), discountCombination: combination });
        expect(other).toBe(one);
      }),
    );
  });

  it("a rule's several percentages price as the same percentages in several rules, in the same order", () => {
    fc.assert(
      fc.property(threeDiscounts, fc.constantFrom('cascade' as const, 'cumulative' as const), ([base, a, b, c], combination) => {
        const structure = { ...sourcesInOrder(['customer_list', 'group_list', 'offer']), discountCombination: combination };
        const inOneRule = priceLines([{ productId: 'prd_bolt', quantity: '1' }], { lists, rules: [rule('base', 'std', fixed(base)), rule('abc', 'cl', discount(a, b, c))], structure }).lines[0]!;
        expect(inOneRule.unitPrice).toBe(unitPrice([base, a, b, c], structure));
        expect(inOneRule.explanation.waterfall.map((step) => step.unitPrice)).toEqual(
          priceLines([{ productId: 'prd_bolt', quantity: '1' }], data([base, a, b, c], structure)).lines[0]!.explanation.waterfall.map((step) => step.unitPrice),
        );
      }),
    );
  });

  it('a cascade never gives less than the cumulative discount', () => {
    fc.assert(
      fc.property(threeDiscounts, (input) => {
        const order = sourcesInOrder(['customer_list', 'group_list', 'offer']);
        const cascade = unitPrice(input, { ...order, discountCombination: 'cascade' });
        const cumulative = unitPrice(input, { ...order, discountCombination: 'cumulative' });
        expect(new Dec(cascade).greaterThanOrEqualTo(cumulative)).toBe(true);
      }),
    );
  });
});
