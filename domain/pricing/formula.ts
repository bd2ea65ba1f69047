import jsep from 'jsep';
import { Dec } from '../shared/money.ts';
import { DomainError } from '../shared/errors.ts';

/**
 * Formula prices (PRC-4): an arithmetic expression over the product's numeric parameters and `base` (the price
 * the lower sources give). jsep only parses; the tree it returns is checked against a whitelist and turned into
 * our own small tree, which is evaluated with decimals. Nothing is ever executed as JavaScript.
 *
 * Allowed: decimal numbers, names (parameters, `base`), + − × ÷, unary minus, parentheses, `min(a, b, …)`,
 * `max(a, b, …)` and `round(x, n)` (half-up to n decimals, n a whole number from 0 to 10).
 */
export const BASE = 'base';
export const MAX_FORMULA_LENGTH = 500;

export type FormulaNode =
  | { readonly kind: 'number'; readonly value: Dec }
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'negate'; readonly operand: FormulaNode }
  | { readonly kind: 'binary'; readonly operator: BinaryOperator; readonly left: FormulaNode; readonly right: FormulaNode }
  | { readonly kind: 'min' | 'max'; readonly args: readonly FormulaNode[] }
  | { readonly kind: 'round'; readonly arg: FormulaNode; readonly decimals: number };

type BinaryOperator = '+' | '-' | '*' | '/';

export interface Formula {
  readonly text: string;
  readonly tree: FormulaNode;
  /** The names the formula reads, `base` included: each must have a value when it is evaluated. */
  readonly names: ReadonlySet<string>;
}

/** A formula that cannot be parsed, or a name without a value or a division by zero when it is evaluated. */
export class FormulaError extends DomainError {
  readonly code = 'invalid_formula';
  constructor(readonly issues: readonly string[]) {
    super(issues.join('; '));
  }
}

const BINARY_OPERATORS: ReadonlySet<string> = new Set<BinaryOperator>(['+', '-', '*', '/']);
const PLAIN_DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;

/** Parses and checks a formula; throws a FormulaError listing every problem. */
export function parseFormula(text: string): Formula {
  const issues: string[] = [];
  const names = new Set<string>();
  const tree = parseTree(text, issues, names);
  if (!tree || issues.length > 0) throw new FormulaError(issues);
  return { text, tree, names };
}

/**
 * Saving-time check: the problems of a formula (syntax, constructs outside the whitelist, unknown names), as
 * readable messages; empty when the formula is fine. `allowedNames` are the parameter names it may read.
 */
export function checkFormula(text: string, allowedNames: Iterable<string>): string[] {
  const issues: string[] = [];
  const names = new Set<string>();
  parseTree(text, issues, names);
  const allowed = new Set(allowedNames);
  for (const name of names) {
    if (name !== BASE && !allowed.has(name)) issues.push(`\`${name}\` is not a product parameter (known: ${[...allowed, BASE].join(', ')})`);
  }
  return issues;
}

function parseTree(text: string, issues: string[], names: Set<string>): FormulaNode | undefined {
  if (text.trim() === '') {
    issues.push('the formula is empty');
    return undefined;
  }
  if (text.length > MAX_FORMULA_LENGTH) {
    issues.push(`the formula is longer than ${MAX_FORMULA_LENGTH} characters`);
    return undefined;
  }
  let parsed: jsep.Expression;
  try {
    parsed = jsep(text);
  } catch (error) {
    issues.push(error instanceof Error ? error.message : 'the formula cannot be read');
    return undefined;
  }
  return toNode(parsed, issues, names);
}

/** Our tree from jsep's, accepting only the whitelisted constructs; every refusal is an issue. */
function toNode(expression: jsep.Expression, issues: string[], names: Set<string>): FormulaNode | undefined {
  switch (expression.type) {
    case 'Literal': {
      const { raw } = expression as jsep.Literal;
      if (typeof (expression as jsep.Literal).value !== 'number' || !PLAIN_DECIMAL.test(raw)) {
        issues.push(`${raw} is not a plain decimal number`);
        return undefined;
      }
      return { kind: 'number', value: new Dec(raw) };
    }
    case 'Identifier': {
      const { name } = expression as jsep.Identifier;
      names.add(name);
      return { kind: 'name', name };
    }
    case 'UnaryExpression': {
      const { operator, argument } = expression as jsep.UnaryExpression;
      if (operator !== '-') {
        issues.push(`the unary operator ${operator} is not allowed (only -)`);
        return undefined;
      }
      const operand = toNode(argument, issues, names);
      return operand && { kind: 'negate', operand };
    }
    case 'BinaryExpression': {
      const { operator, left, right } = expression as jsep.BinaryExpression;
      if (!BINARY_OPERATORS.has(operator)) {
        issues.push(`the operator ${operator} is not allowed (only + - * /)`);
        return undefined;
      }
      const l = toNode(left, issues, names);
      const r = toNode(right, issues, names);
      return l && r && { kind: 'binary', operator: operator as BinaryOperator, left: l, right: r };
    }
    case 'CallExpression':
      return toCall(expression as jsep.CallExpression, issues, names);
    default:
      issues.push(`${describe(expression)} is not allowed in a formula`);
      return undefined;
  }
}

function toCall(call: jsep.CallExpression, issues: string[], names: Set<string>): FormulaNode | undefined {
  const callee = call.callee.type === 'Identifier' ? (call.callee as jsep.Identifier).name : undefined;
  if (callee === 'min' || callee === 'max') {
    if (call.arguments.length < 2) {
      issues.push(`${callee}() takes at least two arguments`);
      return undefined;
    }
    const args = call.arguments.map((arg) => toNode(arg, issues, names));
    return args.every((arg) => arg !== undefined) ? { kind: callee, args: args as FormulaNode[] } : undefined;
  }
  if (callee === 'round') {
    const [value, decimals] = call.arguments;
    const places = decimals?.type === 'Literal' && /^\d+$/.test((decimals as jsep.Literal).raw) ? Number((decimals as jsep.Literal).raw) : NaN;
    if (call.arguments.length !== 2 || !(places <= 10)) {
      issues.push('round(x, n) takes a value and a whole number of decimals from 0 to 10');
      return undefined;
    }
    const arg = toNode(value!, issues, names);
    return arg && { kind: 'round', arg, decimals: places };
  }
  issues.push(callee === undefined ? `${describe(call.callee)} is not allowed in a formula` : `${callee}() is not a known function (min, max, round)`);
  return undefined;
}

const DESCRIPTIONS: Record<string, string> = {
  Compound: 'more than one expression',
  SequenceExpression: 'a sequence',
  ConditionalExpression: 'a condition (?:)',
  MemberExpression: 'a property access (.)',
  ThisExpression: 'this',
  ArrayExpression: 'an array',
};

function describe(expression: jsep.Expression): string {
  return DESCRIPTIONS[expression.type] ?? `a ${expression.type}`;
}

/** The formula's value with the given names; throws a FormulaError for a missing name or a division by zero. */
export function evaluateFormula(formula: Formula, values: (name: string) => Dec | undefined): Dec {
  return evaluate(formula.tree, values);
}

function evaluate(node: FormulaNode, values: (name: string) => Dec | undefined): Dec {
  switch (node.kind) {
    case 'number':
      return node.value;
    case 'name': {
      const value = values(node.name);
      if (value === undefined) throw new FormulaError([`\`${node.name}\` has no value`]);
      return value;
    }
    case 'negate':
      return evaluate(node.operand, values).negated();
    case 'binary': {
      const left = evaluate(node.left, values);
      const right = evaluate(node.right, values);
      if (node.operator === '+') return left.plus(right);
      if (node.operator === '-') return left.minus(right);
      if (node.operator === '*') return left.times(right);
      if (right.isZero()) throw new FormulaError(['division by zero']);
      return left.dividedBy(right);
    }
    case 'min':
      return Dec.min(...node.args.map((arg) => evaluate(arg, values)));
    case 'max':
      return Dec.max(...node.args.map((arg) => evaluate(arg, values)));
    case 'round':
      return evaluate(node.arg, values).toDecimalPlaces(node.decimals, Dec.ROUND_HALF_UP);
  }
}
