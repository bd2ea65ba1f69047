import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkFormula, evaluateFormula, FormulaError, parseFormula } from '../../../domain/pricing/formula.ts';
import { Dec } from '../../../domain/shared/money.ts';

function evaluate(text: string, values: Record<string, string> = {}): string {
  return evaluateFormula(parseFormula(text), (name) => (values[name] === undefined ? undefined : new Dec(values[name]))).toFixed();
}

describe('formula prices', () => {
  it('evaluates + − × ÷, unary minus and parentheses with decimals, not floats', () => {
    expect(evaluate('0.1 + 0.2')).toBe('0.3');
    expect(evaluate('base * 1.2 + length * 0.35', { base: '10.00', length: '2.5' })).toBe('12.875');
    expect(evaluate('(base - 2) / 4', { base: '10' })).toBe('2');
    expect(evaluate('-base + 1', { base: '3' })).toBe('-2');
    expect(evaluate('2 - -3')).toBe('5');
    expect(evaluate('1 + 2 * 3')).toBe('7');
    expect(evaluate('.5 + 10.')).toBe('10.5');
  });

  it('has min, max and round (half-up)', () => {
    expect(evaluate('min(base, 12, 15)', { base: '13' })).toBe('12');
    expect(evaluate('max(base * 0.9, 5)', { base: '4' })).toBe('5');
    expect(evaluate('round(base / 3, 2)', { base: '10' })).toBe('3.33');
    expect(evaluate('round(2.345, 2)')).toBe('2.35');
    expect(evaluate('round(-2.345, 2)')).toBe('-2.35');
    expect(evaluate('round(2.5, 0)')).toBe('3');
  });

  it('lists the names a formula reads', () => {
    expect([...parseFormula('round(base * width * height, 2) + width').names]).toEqual(['base', 'width', 'height']);
  });

  it('throws a typed error for a missing value or a division by zero', () => {
    expect(() => evaluate('base * 2')).toThrow(new FormulaError(['`base` has no value']));
    expect(() => evaluate('1 / (base - 2)', { base: '2' })).toThrow(new FormulaError(['division by zero']));
  });

  it.each([
    ['1e3', '1e3 is not a plain decimal number'],
    ['"abc"', '"abc" is not a plain decimal number'],
    ['true', 'true is not a plain decimal number'],
    ['+base', 'the unary operator + is not allowed (only -)'],
    ['!base', 'the unary operator ! is not allowed (only -)'],
    ['base % 2', 'the operator % is not allowed (only + - * /)'],
    ['base ** 2', 'the operator ** is not allowed (only + - * /)'],
    ['base == 2', 'the operator == is not allowed (only + - * /)'],
    ['base ? 1 : 2', 'a condition (?:) is not allowed in a formula'],
    ['base.constructor', 'a property access (.) is not allowed in a formula'],
    ['this', 'this is not allowed in a formula'],
    ['[1, 2]', 'an array is not allowed in a formula'],
    ['base, 2', 'more than one expression is not allowed in a formula'],
    ['eval(base)', 'eval() is not a known function (min, max, round)'],
    ['base.valueOf()', 'a property access (.) is not allowed in a formula'],
    ['round(base)', 'round(x, n) takes a value and a whole number of decimals from 0 to 10'],
    ['round(base, width)', 'round(x, n) takes a value and a whole number of decimals from 0 to 10'],
    ['round(base, 11)', 'round(x, n) takes a value and a whole number of decimals from 0 to 10'],
    ['min(base)', 'min() takes at least two arguments'],
    ['(base', 'Unclosed ( at character 5'],
    ['', 'the formula is empty'],
  ])('refuses %s', (text, issue) => {
    expect(checkFormula(text, ['width'])).toEqual([issue]);
    expect(() => parseFormula(text)).toThrow(FormulaError);
  });

  it('checks at saving time that every name is a product parameter or base', () => {
    expect(checkFormula('base * 1.1 + width * 2', ['width', 'height'])).toEqual([]);
    expect(checkFormula('base * ratio + lenght', ['length'])).toEqual([
      '`ratio` is not a product parameter (known: length, base)',
      '`lenght` is not a product parameter (known: length, base)',
    ]);
    expect(checkFormula('x'.repeat(501), [])).toEqual(['the formula is longer than 500 characters']);
  });

  it('reports every refused construct at once', () => {
    expect(checkFormula('base % 2 + this', [])).toEqual(['the operator % is not allowed (only + - * /)', 'this is not allowed in a formula']);
    expect(checkFormula('min(base) + round(base)', [])).toEqual(['min() takes at least two arguments', 'round(x, n) takes a value and a whole number of decimals from 0 to 10']);
  });

  it('property: evaluation is exact decimal arithmetic', () => {
    const decimal = fc.tuple(fc.integer({ min: -(10 ** 9), max: 10 ** 9 }), fc.integer({ min: 0, max: 6 })).map(([n, scale]) => new Dec(n).dividedBy(new Dec(10).pow(scale)).toFixed());
    fc.assert(
      fc.property(decimal, decimal, decimal, (a, b, c) => {
        expect(evaluate('a * b + c - a', { a, b, c })).toBe(new Dec(a).times(b).plus(c).minus(a).toFixed());
        expect(evaluate('round(a * b, 2)', { a, b })).toBe(new Dec(a).times(b).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed());
      }),
    );
  });
});
