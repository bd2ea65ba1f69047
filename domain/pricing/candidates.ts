import { Dec } from '../shared/money.ts';
import type { Conversion, RatesOnDate } from './exchange-rates.ts';
import { BASE, FormulaError, parseFormula, type Formula } from './formula.ts';
import type { CustomerReferenceView, Fee, PriceList, PriceRule, ProductView, RuleAction, RuleTarget } from './model.ts';
import type { CandidateCode, CandidateExplanation } from './result.ts';
import { SOURCE_LABELS, type PriceSource } from './structure.ts';

/**
 * Step 2 of a line: every rule that could apply — the customer reference's prices and the rules of the lists and
 * offers — is matched or skipped with its reason; within one source the most specific match wins: product over
 * family (nearer family first) over everything, then the highest quantity break reached, then the latest
 * `validFrom`, then the smallest rule id. The losers say which of these decided.
 *
 * Everything but the quantity break depends only on the product and the document (its date and currency): it is
 * decided once per product and document, however many lines name the product.
 */
export interface Candidate {
  readonly source: PriceSource;
  /** Position of its source in the structure; the structure's length when it does not use the source. */
  readonly sourceIndex: number;
  readonly origin: string;
  readonly id: string;
  readonly target: RuleTarget;
  readonly currency: string;
  readonly action: RuleAction;
  readonly fees: readonly Fee[];
  /** For the explanation, worded for the product at hand. */
  readonly describedTarget: string;
  readonly describedAction: string;
  /** Quantity break, in sales units (0 when none). */
  readonly minQuantity: Dec;
  /** 0 for the product, 1 + distance for a family, Infinity for everything. */
  readonly specificity: number;
  /** The rule's `validFrom`, else its list's; '' when neither has one (the oldest). */
  readonly validFrom: string;
  /** Why it cannot apply to this product on this date, whatever the quantity. */
  readonly skip?: { readonly code: CandidateCode; readonly reason: string };
  /** Into the document's currency (identity for a percentage). */
  readonly conversion?: Conversion;
  readonly formula?: Formula;
}

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A candidate that matched the line. */
export interface Matched {
  readonly candidate: Candidate;
  readonly explanation: Mutable<CandidateExplanation>;
  readonly conversion: Conversion;
  readonly formula?: Formula;
}

export interface LineCandidates {
  /** Every candidate, in structure order, then in the order given. */
  readonly explanations: Mutable<CandidateExplanation>[];
  /** The winner of each source, by position in the structure. */
  readonly winners: readonly (Matched | undefined)[];
}

interface Source {
  readonly source: PriceSource;
  readonly origin: string;
  readonly currency: string;
  /** The list's or offer's own period, which bounds its rules'. */
  readonly period?: { readonly of: string; readonly validFrom?: string; readonly validTo?: string };
}

interface RuleLike {
  readonly id: string;
  readonly target: RuleTarget;
  readonly validFrom?: string;
  readonly validTo?: string;
  readonly minQuantity?: string;
  readonly action: RuleAction;
  readonly fees?: readonly Fee[];
}

const NO_BREAK = new Dec(0);

interface RuleFacts {
  readonly fees: readonly Fee[];
  readonly minQuantity: Dec;
  readonly validFrom: string;
  readonly conversion?: Conversion;
  readonly formula?: Formula;
  readonly sourceSkip?: Candidate['skip'];
  readonly ruleSkip?: Candidate['skip'];
  /** The action described per set of product units (prices read "per kg" or "per pce"). */
  readonly actionTexts: Map<string, string>;
}

/** Per document: the candidates of each product, prepared once, and the parsed formulas. */
export class CandidateIndex {
  private readonly byProduct = new Map<string, readonly Candidate[]>();
  private readonly formulas = new Map<string, Formula | FormulaError>();
  private readonly facts = new WeakMap<RuleLike, RuleFacts>();
  private readonly listSources = new Map<string, Source>();

  constructor(
    private readonly lists: ReadonlyMap<string, PriceList>,
    private readonly rulesByProduct: ReadonlyMap<string, readonly PriceRule[]>,
    private readonly references: ReadonlyMap<string, CustomerReferenceView>,
    private readonly sourcePositions: ReadonlyMap<PriceSource, number>,
    private readonly rates: RatesOnDate,
    private readonly date: string,
  ) {}

  /** How many sources the structure uses. */
  get sourceCount(): number {
    return this.sourcePositions.size;
  }

  forProduct(product: ProductView): readonly Candidate[] {
    const known = this.byProduct.get(product.id);
    if (known) return known;
    const candidates: Candidate[] = [];
    const reference = this.references.get(product.id);
    if (reference) {
      const source: Source = { source: 'customer_reference', origin: `customer reference ${reference.customerCode}`, currency: reference.currency };
      for (const entry of reference.prices) {
        const action: RuleAction = { kind: 'fixed', price: entry.price, per: entry.per };
        candidates.push(this.prepare(product, source, { ...entry, target: { kind: 'product', productId: product.id }, action }));
      }
    }
    for (const rule of this.rulesByProduct.get(product.id) ?? []) {
      const source = this.listSource(rule.listId);
      // The loader hands over the rules of the customer's lists only; a rule of another list cannot apply.
      if (source) candidates.push(this.prepare(product, source, rule));
    }
    this.byProduct.set(product.id, candidates);
    return candidates;
  }

  private listSource(listId: string): Source | undefined {
    const known = this.listSources.get(listId);
    if (known) return known;
    const list = this.lists.get(listId);
    if (!list) return undefined;
    const period = { of: list.source === 'offer' ? 'the offer' : 'the list', validFrom: list.validFrom, validTo: list.validTo };
    const source: Source = { source: list.source, origin: `${SOURCE_LABELS[list.source]} ${list.name} (${list.id})`, currency: list.currency, period };
    this.listSources.set(listId, source);
    return source;
  }

  private prepare(product: ProductView, source: Source, rule: RuleLike): Candidate {
    const facts = this.factsOf(source, rule);
    const specificity = specificityOf(rule.target, product);
    const missing = facts.formula ? [...facts.formula.names].filter((name) => name !== BASE && !Object.hasOwn(product.parameters, name)) : [];
    const unitsKey = `${product.units.price} ${product.units.sales} ${product.units.management}`;
    let describedAction = facts.actionTexts.get(unitsKey);
    if (describedAction === undefined) {
      describedAction = describeAction(rule.action, facts.fees, source.currency, product);
      facts.actionTexts.set(unitsKey, describedAction);
    }
    return {
      source: source.source,
      sourceIndex: this.sourcePositions.get(source.source) ?? this.sourceCount,
      origin: source.origin,
      id: rule.id,
      target: rule.target,
      currency: source.currency,
      action: rule.action,
      fees: facts.fees,
      describedTarget: describeTarget(rule.target, product),
      describedAction,
      minQuantity: facts.minQuantity,
      specificity: specificity ?? Infinity,
      validFrom: facts.validFrom,
      skip:
        facts.sourceSkip ??
        (specificity === undefined ? { code: 'other_target', reason: 'targets another product or family' } : undefined) ??
        facts.ruleSkip ??
        (missing.length > 0 ? { code: 'missing_parameter', reason: `the formula reads ${missing.map((name) => `\`${name}\``).join(', ')}, not set on this product` } : undefined),
      conversion: facts.conversion,
      formula: facts.formula,
    };
  }

  /** What a rule is whatever the product, worked out once per document even when it reaches many products. */
  private factsOf(source: Source, rule: RuleLike): RuleFacts {
    const known = this.facts.get(rule);
    if (known) return known;
    const fees = rule.fees ?? [];
    // A percentage has no currency: only amounts need a rate.
    const needsRate = rule.action.kind !== 'discount' || fees.length > 0;
    const conversion = this.rates.into(needsRate ? source.currency : this.rates.currency) ?? undefined;
    const formula = rule.action.kind === 'formula' ? this.formula(rule.action.formula) : undefined;
    const facts: RuleFacts = {
      fees,
      minQuantity: rule.minQuantity === undefined ? NO_BREAK : new Dec(rule.minQuantity),
      validFrom: rule.validFrom ?? source.period?.validFrom ?? '',
      conversion,
      formula: formula instanceof FormulaError ? undefined : formula,
      sourceSkip: this.sourcePositions.has(source.source) ? undefined : { code: 'source_not_in_structure', reason: `the pricing structure does not use the ${SOURCE_LABELS[source.source]} source` },
      ruleSkip: this.ruleSkip(source, rule, conversion, formula),
      actionTexts: new Map(),
    };
    this.facts.set(rule, facts);
    return facts;
  }

  private ruleSkip(source: Source, rule: RuleLike, conversion: Conversion | undefined, formula: Formula | FormulaError | undefined): Candidate['skip'] {
    const { date } = this;
    for (const period of [source.period, { of: 'the rule', validFrom: rule.validFrom, validTo: rule.validTo }]) {
      if (period?.validFrom !== undefined && period.validFrom > date) return { code: 'not_yet_valid', reason: `${period.of} is valid from ${period.validFrom}, after ${date}` };
      if (period?.validTo !== undefined && period.validTo < date) return { code: 'expired', reason: `${period.of} expired on ${period.validTo}, before ${date}` };
    }
    if (!conversion) return { code: 'no_exchange_rate', reason: `priced in ${source.currency}, and no ${source.currency}→${this.rates.currency} rate is known on ${date}` };
    if (formula instanceof FormulaError) return { code: 'invalid_formula', reason: `the formula cannot be used: ${formula.message}` };
    return undefined;
  }

  private formula(text: string): Formula | FormulaError {
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
}

/**
 * The line's verdict on each candidate: its prepared skip, else the quantity break (a return, with a negative
 * quantity, is priced as the sale of the same quantity), then the ranking within its source.
 */
export function matchCandidates(candidates: readonly Candidate[], sourceCount: number, salesQuantity: Dec, product: ProductView): LineCandidates {
  const bySource: Mutable<CandidateExplanation>[][] = [];
  for (let i = 0; i <= sourceCount; i += 1) bySource.push([]);
  const winners: (Matched | undefined)[] = new Array(sourceCount).fill(undefined);
  const losers: Matched[] = [];
  const quantity = salesQuantity.abs();

  for (const candidate of candidates) {
    const explanation: Mutable<CandidateExplanation> = {
      source: candidate.source,
      origin: candidate.origin,
      ruleId: candidate.id,
      target: candidate.describedTarget,
      action: candidate.describedAction,
      status: 'skipped',
      code: 'adjustment',
      reason: 'matched',
    };
    bySource[candidate.sourceIndex]!.push(explanation);
    if (candidate.skip) {
      explanation.code = candidate.skip.code;
      explanation.reason = candidate.skip.reason;
      continue;
    }
    if (candidate.minQuantity.greaterThan(quantity)) {
      const unit = product.units.sales;
      explanation.code = 'quantity_break_not_reached';
      explanation.reason = `quantity break ${candidate.minQuantity.toFixed()} ${unit} not reached: the line has ${salesQuantity.toFixed()} ${unit}`;
      continue;
    }
    explanation.status = 'applied';
    const matched: Matched = { candidate, explanation, conversion: candidate.conversion!, formula: candidate.formula };
    const current = winners[candidate.sourceIndex];
    if (!current || decidingKey(candidate, current.candidate).aWins) {
      if (current) losers.push(current);
      winners[candidate.sourceIndex] = matched;
    } else {
      losers.push(matched);
    }
  }
  for (const loser of losers) explainDefeat(loser, winners[loser.candidate.sourceIndex]!.candidate, product);
  return { explanations: bySource.flat(), winners };
}

function specificityOf(target: RuleTarget, product: ProductView): number | undefined {
  if (target.kind === 'all') return Infinity;
  if (target.kind === 'product') return target.productId === product.id ? 0 : undefined;
  const distance = product.familyPath.indexOf(target.familyId);
  return distance < 0 ? undefined : 1 + distance;
}

/** The ranking inside one source; the first key that differs decides. */
function decidingKey(a: Candidate, b: Candidate): { key: 'specificity' | 'quantity' | 'validFrom' | 'id'; aWins: boolean } {
  if (a.specificity !== b.specificity) return { key: 'specificity', aWins: a.specificity < b.specificity };
  const quantity = a.minQuantity.comparedTo(b.minQuantity);
  if (quantity !== 0) return { key: 'quantity', aWins: quantity > 0 };
  if (a.validFrom !== b.validFrom) return { key: 'validFrom', aWins: a.validFrom > b.validFrom };
  return { key: 'id', aWins: a.id < b.id };
}

function explainDefeat(loser: Matched, winner: Candidate, product: ProductView): void {
  const { key } = decidingKey(loser.candidate, winner);
  const other = `rule ${winner.id} of the same source`;
  const [code, reason]: [CandidateCode, string] =
    key === 'specificity'
      ? ['less_specific', `${other} is more specific (it targets ${winner.describedTarget})`]
      : key === 'quantity'
        ? ['lower_quantity_break', `${other} has a higher quantity break reached (${winner.minQuantity.toFixed()} ${product.units.sales})`]
        : key === 'validFrom'
          ? ['older', `${other} is more recent (valid from ${winner.validFrom})`]
          : ['tie_broken_by_id', `${other} ranks the same; the tie is broken by rule id, ${winner.id} first`];
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

function describeAction(action: RuleAction, fees: readonly Fee[], currency: string, product: ProductView): string {
  const perUnit = (role: 'sales' | 'management' | 'price' = 'price') => `per ${product.units[role]}`;
  const main =
    action.kind === 'fixed' || action.kind === 'net'
      ? `${action.kind} price ${action.price} ${currency} ${perUnit(action.per)}`
      : action.kind === 'discount'
        ? `discount ${action.percents.map((percent) => `${percent} %`).join(' then ')}`
        : action.kind === 'amount_off'
          ? `${action.amount} ${currency} off ${perUnit()}`
          : `formula ${action.formula}`;
  const feeTexts = fees.map((fee) => `fee "${fee.label}" ${fee.amount} ${currency} ${fee.per === 'unit' ? perUnit() : 'per line'}`);
  return [main, ...feeTexts].join(' + ');
}
