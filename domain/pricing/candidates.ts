import { Dec } from '../shared/money.ts';
import type { Conversion, RatesOnDate } from './exchange-rates.ts';
import { BASE, FormulaError, parseFormula, type Formula } from './formula.ts';
import type { CustomerReferenceView, Fee, PriceList, PriceRule, ProductView, RuleAction, RuleTarget } from './model.ts';
import type { CandidateCode, CandidateExplanation } from './result.ts';
import { SOURCE_LABELS, type PriceSource, type PricingStructure } from './structure.ts';

/**
 * Step 2 of a line: every rule that could apply — the customer reference's prices and the rules of the lists and
 * offers — is matched or skipped with its reason; within one source the most specific match wins: product over
 * family (nearer family first) over everything, then the highest quantity break reached, then the latest
 * `validFrom`, then the smallest rule id. The losers say which of these decided.
 */
export interface Candidate {
  readonly source: PriceSource;
  readonly origin: string;
  readonly id: string;
  readonly target: RuleTarget;
  /** The list or offer whose period also bounds the rule; none for a customer reference. */
  readonly list?: PriceList;
  readonly validFrom?: string;
  readonly validTo?: string;
  readonly minQuantity?: string;
  readonly currency: string;
  readonly action: RuleAction;
  readonly fees: readonly Fee[];
  /** For the explanation, worded for the product at hand. */
  readonly describedTarget: string;
  readonly describedAction: string;
}

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A candidate that matched the line, with what pricing it will need. */
export interface Matched {
  readonly candidate: Candidate;
  readonly explanation: Mutable<CandidateExplanation>;
  /** Position of its source in the structure. */
  readonly sourceIndex: number;
  /** 0 for the product, 1 + distance for a family, Infinity for everything. */
  readonly specificity: number;
  readonly minQuantity: Dec;
  readonly validFrom: string;
  /** Into the document's currency. */
  readonly conversion: Conversion;
  readonly formula?: Formula;
}

export interface LineCandidates {
  /** Every candidate, in structure order, then in the order given. */
  readonly explanations: Mutable<CandidateExplanation>[];
  /** The winner of each source, by position in the structure. */
  readonly winners: readonly (Matched | undefined)[];
}

/** Per document: the candidates of each product (built once however many lines name it) and the parsed formulas. */
export class CandidateIndex {
  private readonly byProduct = new Map<string, readonly Candidate[]>();
  private readonly formulas = new Map<string, Formula | FormulaError>();

  constructor(
    private readonly lists: ReadonlyMap<string, PriceList>,
    private readonly rulesByProduct: ReadonlyMap<string, readonly PriceRule[]>,
    private readonly references: ReadonlyMap<string, CustomerReferenceView>,
  ) {}

  forProduct(product: ProductView): readonly Candidate[] {
    let candidates = this.byProduct.get(product.id);
    if (!candidates) {
      candidates = [...referenceCandidates(product.id, this.references.get(product.id)), ...this.ruleCandidates(product.id)].map((candidate) => ({
        ...candidate,
        describedTarget: describeTarget(candidate.target, product),
        describedAction: describeAction(candidate, product),
      }));
      this.byProduct.set(product.id, candidates);
    }
    return candidates;
  }

  formula(text: string): Formula | FormulaError {
    let formula = this.formulas.get(text);
    if (!formula) {
      try {
        formula = parseFormula(text);
      } catch (error) {
        if (!(error instanceof FormulaError)) throw error;
        formula = error;
      }
      this.formulas.set(text, formula);
    }
    return formula;
  }

  private ruleCandidates(productId: string): Undescribed[] {
    const candidates: Undescribed[] = [];
    for (const rule of this.rulesByProduct.get(productId) ?? []) {
      const list = this.lists.get(rule.listId);
      // The loader hands over the rules of the customer's lists only; a rule of another list cannot apply.
      if (!list) continue;
      candidates.push({
        source: list.source,
        origin: `${SOURCE_LABELS[list.source]} ${list.name} (${list.id})`,
        id: rule.id,
        target: rule.target,
        list,
        validFrom: rule.validFrom,
        validTo: rule.validTo,
        minQuantity: rule.minQuantity,
        currency: list.currency,
        action: rule.action,
        fees: rule.fees ?? [],
      });
    }
    return candidates;
  }
}

type Undescribed = Omit<Candidate, 'describedTarget' | 'describedAction'>;

function referenceCandidates(productId: string, reference: CustomerReferenceView | undefined): Undescribed[] {
  if (!reference) return [];
  return reference.prices.map((entry) => ({
    source: 'customer_reference',
    origin: `customer reference ${reference.customerCode}`,
    id: entry.id,
    target: { kind: 'product', productId },
    validFrom: entry.validFrom,
    validTo: entry.validTo,
    minQuantity: entry.minQuantity,
    currency: reference.currency,
    action: { kind: 'fixed', price: entry.price, per: entry.per },
    fees: [],
  }));
}

export interface MatchContext {
  readonly product: ProductView;
  readonly salesQuantity: Dec;
  readonly date: string;
  readonly rates: RatesOnDate;
  readonly index: CandidateIndex;
  readonly structure: PricingStructure;
  readonly sourcePositions: ReadonlyMap<PriceSource, number>;
}

export function matchCandidates(candidates: readonly Candidate[], context: MatchContext): LineCandidates {
  const sourceCount = context.structure.sources.length;
  const bySource: Mutable<CandidateExplanation>[][] = Array.from({ length: sourceCount + 1 }, () => []);
  const winners: (Matched | undefined)[] = new Array(sourceCount).fill(undefined);
  const losers: Matched[] = [];

  for (const candidate of candidates) {
    const sourceIndex = context.sourcePositions.get(candidate.source) ?? sourceCount;
    const explanation: Mutable<CandidateExplanation> = {
      source: candidate.source,
      origin: candidate.origin,
      ruleId: candidate.id,
      target: candidate.describedTarget,
      action: candidate.describedAction,
      status: 'skipped',
      code: 'source_not_in_structure',
      reason: `the pricing structure does not use the ${SOURCE_LABELS[candidate.source]} source`,
    };
    bySource[sourceIndex]!.push(explanation);
    if (sourceIndex === sourceCount) continue;

    const matched = match(candidate, explanation, sourceIndex, context);
    if (!matched) continue;
    const current = winners[sourceIndex];
    if (!current || decidingKey(matched, current).aWins) {
      if (current) losers.push(current);
      winners[sourceIndex] = matched;
    } else {
      losers.push(matched);
    }
  }
  for (const loser of losers) explainDefeat(loser, winners[loser.sourceIndex]!, context.product);
  return { explanations: bySource.flat(), winners };
}

function match(candidate: Candidate, explanation: Mutable<CandidateExplanation>, sourceIndex: number, context: MatchContext): Matched | undefined {
  const skip = (code: CandidateCode, reason: string) => {
    explanation.code = code;
    explanation.reason = reason;
    return undefined;
  };
  const specificity = specificityOf(candidate.target, context.product);
  if (specificity === undefined) return skip('other_target', 'targets another product or family');

  const { date } = context;
  const periods = [
    { of: candidate.list?.source === 'offer' ? 'the offer' : 'the list', validFrom: candidate.list?.validFrom, validTo: candidate.list?.validTo },
    { of: 'the rule', validFrom: candidate.validFrom, validTo: candidate.validTo },
  ];
  for (const period of periods) {
    if (period.validFrom !== undefined && period.validFrom > date) return skip('not_yet_valid', `${period.of} is valid from ${period.validFrom}, after ${date}`);
    if (period.validTo !== undefined && period.validTo < date) return skip('expired', `${period.of} expired on ${period.validTo}, before ${date}`);
  }

  // A return (negative quantity) is priced as the sale of the same quantity.
  const minQuantity = new Dec(candidate.minQuantity ?? 0);
  if (minQuantity.greaterThan(context.salesQuantity.abs())) {
    const unit = context.product.units.sales;
    return skip('quantity_break_not_reached', `quantity break ${minQuantity.toFixed()} ${unit} not reached: the line has ${context.salesQuantity.toFixed()} ${unit}`);
  }

  // A percentage has no currency: only amounts need a rate.
  const needsRate = candidate.action.kind !== 'discount' || candidate.fees.length > 0;
  const conversion = context.rates.into(needsRate ? candidate.currency : context.rates.currency);
  if (!conversion) {
    return skip('no_exchange_rate', `priced in ${candidate.currency}, and no ${candidate.currency}→${context.rates.currency} rate is known on ${date}`);
  }

  let formula: Formula | undefined;
  if (candidate.action.kind === 'formula') {
    const parsed = context.index.formula(candidate.action.formula);
    if (parsed instanceof FormulaError) return skip('invalid_formula', `the formula cannot be used: ${parsed.message}`);
    const missing = [...parsed.names].filter((name) => name !== BASE && context.product.parameters[name] === undefined);
    if (missing.length > 0) return skip('missing_parameter', `the formula reads ${missing.map((name) => `\`${name}\``).join(', ')}, not set on this product`);
    formula = parsed;
  }

  explanation.status = 'applied';
  explanation.code = 'adjustment';
  explanation.reason = 'matched';
  const validFrom = [candidate.validFrom, candidate.list?.validFrom].find((from) => from !== undefined) ?? '';
  return { candidate, explanation, sourceIndex, specificity, minQuantity, validFrom, conversion, formula };
}

function specificityOf(target: RuleTarget, product: ProductView): number | undefined {
  if (target.kind === 'all') return Infinity;
  if (target.kind === 'product') return target.productId === product.id ? 0 : undefined;
  const distance = product.familyPath.indexOf(target.familyId);
  return distance < 0 ? undefined : 1 + distance;
}

/** The ranking inside one source; the first key that differs decides. */
function decidingKey(a: Matched, b: Matched): { key: 'specificity' | 'quantity' | 'validFrom' | 'id'; aWins: boolean } {
  if (a.specificity !== b.specificity) return { key: 'specificity', aWins: a.specificity < b.specificity };
  const quantity = a.minQuantity.comparedTo(b.minQuantity);
  if (quantity !== 0) return { key: 'quantity', aWins: quantity > 0 };
  if (a.validFrom !== b.validFrom) return { key: 'validFrom', aWins: a.validFrom > b.validFrom };
  return { key: 'id', aWins: a.candidate.id < b.candidate.id };
}

function explainDefeat(loser: Matched, winner: Matched, product: ProductView): void {
  const { key } = decidingKey(loser, winner);
  const other = `rule ${winner.candidate.id}`;
  const [code, reason]: [CandidateCode, string] =
    key === 'specificity'
      ? ['less_specific', `${other} of the same source is more specific (it targets ${describeTarget(winner.candidate.target, product)})`]
      : key === 'quantity'
        ? ['lower_quantity_break', `${other} of the same source has a higher quantity break reached (${winner.minQuantity.toFixed()} ${product.units.sales})`]
        : key === 'validFrom'
          ? ['older', `${other} of the same source is more recent (valid from ${winner.validFrom})`]
          : ['tie_broken_by_id', `${other} of the same source ranks the same; the tie is broken by rule id, ${winner.candidate.id} first`];
  loser.explanation.status = 'skipped';
  loser.explanation.code = code;
  loser.explanation.reason = reason;
}

function describeTarget(target: RuleTarget, product: ProductView): string {
  if (target.kind === 'all') return 'every product';
  if (target.kind === 'product') return target.productId === product.id ? `product ${product.code}` : `product ${target.productId}`;
  const distance = product.familyPath.indexOf(target.familyId);
  const where = distance === 0 ? "the product's own family" : distance > 0 ? `${distance} level${distance > 1 ? 's' : ''} above the product's family` : 'not a family of this product';
  return `family ${target.familyId} (${where})`;
}

function describeAction(candidate: Undescribed, product: ProductView): string {
  const { action, currency } = candidate;
  const perUnit = (role: 'sales' | 'management' | 'price' = 'price') => `per ${product.units[role]}`;
  const main =
    action.kind === 'fixed' || action.kind === 'net'
      ? `${action.kind} price ${action.price} ${currency} ${perUnit(action.per)}`
      : action.kind === 'discount'
        ? `discount ${action.percent} %`
        : action.kind === 'amount_off'
          ? `${action.amount} ${currency} off ${perUnit()}`
          : `formula ${action.formula}`;
  const fees = candidate.fees.map((fee) => `fee "${fee.label}" ${fee.amount} ${currency} ${fee.per === 'unit' ? perUnit() : 'per line'}`);
  return [main, ...fees].join(' + ');
}
