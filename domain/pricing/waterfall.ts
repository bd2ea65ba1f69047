import { divideHalfUp, type ProductConversions } from '../catalog/index.ts';
import { Dec } from '../shared/money.ts';
import type { Matched } from './candidates.ts';
import { amountStep, percentageSteps } from './discounts.ts';
import { BASE, evaluateFormula, FormulaError } from './formula.ts';
import type { ProductView } from './model.ts';
import type { LineFee, WaterfallStep } from './result.ts';
import { roundHalfUp, type CurrencyRounding } from './rounding.ts';
import { skip, type Selection } from './search.ts';
import type { DiscountCombination } from './structure.ts';

/**
 * Steps 4–6 of a line: the unit price, per price unit and in the document's currency, built step by step — the
 * base price (converted from its unit and currency; formulas evaluated from the lowest price up), the percentage
 * discounts combined per the structure (each percentage of each rule a step of its own, in structure order, then
 * in the rule's order), the amounts off, the per-unit fees — then the manual price and the manual discounts, kept
 * and flagged. Every step is rounded half-up to the unit-price precision and shows its calculation.
 */
export interface ManualEntries {
  readonly manualUnitPrice?: string;
  readonly manualDiscounts?: readonly string[];
}

export interface WaterfallContext {
  /** With the line's unit conversions; none on a free-text line. */
  readonly product?: { readonly view: ProductView; readonly conversions: ProductConversions };
  readonly decimals: number;
  readonly combination: DiscountCombination;
  readonly money: CurrencyRounding;
}

export interface Waterfall {
  readonly steps: readonly WaterfallStep[];
  /** The price the rules give; undefined when they give none. */
  readonly computed?: Dec;
  /** The final unit price, manual entries included; undefined when there is neither. */
  readonly unitPrice?: Dec;
  readonly lineFees: readonly LineFee[];
  readonly notes: readonly string[];
}

/** The running unit price and the steps that led to it. */
class Running {
  readonly steps: WaterfallStep[] = [];
  price: Dec | undefined;

  constructor(readonly decimals: number) {}

  text(value: Dec): string {
    return value.toFixed(this.decimals);
  }

  step({ capped, ...step }: Omit<WaterfallStep, 'value' | 'unitPriceBefore' | 'unitPrice'>, next: Dec): void {
    const before = this.price;
    this.steps.push({
      ...step,
      value: this.text(before === undefined ? next : next.minus(before)),
      ...(before === undefined ? {} : { unitPriceBefore: this.text(before) }),
      unitPrice: this.text(next),
      ...(capped ? { capped } : {}),
    });
    this.price = next;
  }
}

export function unitPriceWaterfall(selection: Selection, manual: ManualEntries, context: WaterfallContext): Waterfall {
  const running = new Running(context.decimals);
  const notes: string[] = [];
  if (selection.noPrice) notes.push(`No price from the rules: ${selection.noPrice}.`);

  const priced = basePrices(selection, context, running, notes);
  let lineFees: LineFee[] = [];
  if (priced) {
    applyRuleDiscounts(selection, context, running);
    applyAmountsOff(selection, running);
    lineFees = applyFees(selection, context, running);
  }
  const computed = running.price;

  if (manual.manualUnitPrice !== undefined) {
    const price = roundHalfUp(new Dec(manual.manualUnitPrice), context.decimals);
    const calculation = computed === undefined ? `entered: ${running.text(price)}` : `entered ${running.text(price)} replaces the computed ${running.text(computed)}`;
    running.step({ kind: 'manual_price', source: 'manual', label: 'manual unit price (kept when the document is re-priced)', calculation }, price);
    if (computed !== undefined && !computed.equals(price)) notes.push(`The rules give ${running.text(computed)}; the manual price ${running.text(price)} is kept.`);
  }
  const manualDiscounts = manual.manualDiscounts ?? [];
  if (manualDiscounts.length > 0 && running.price !== undefined) {
    // On top of the final price (the manual one, if entered): combined among themselves per the structure.
    const entries = manualDiscounts.map((percent, i): PercentageEntry => ({
      percent: new Dec(percent),
      step: { kind: 'manual_discount', source: 'manual', label: `manual discount ${new Dec(percent).toFixed()} % (${position(i, manualDiscounts.length, context)}; kept when the document is re-priced)` },
    }));
    applyPercentages(entries, context, running);
  }
  return { steps: running.steps, computed, unitPrice: running.price, lineFees, notes };
}

/** The price chain from the lowest price up: a plain price first, then each formula reading the price below it. */
function basePrices(selection: Selection, context: WaterfallContext, running: Running, notes: string[]): boolean {
  const chain = [...selection.prices].reverse();
  const values: { matched: Matched; price: Dec; calculation: string }[] = [];
  for (const matched of chain) {
    const below = values.at(-1)?.price;
    try {
      values.push({ matched, ...priceOf(matched, below, context, running) });
    } catch (error) {
      if (!(error instanceof FormulaError)) throw error;
      skip(matched, 'formula_failed', `the formula failed: ${error.message}`);
      for (const other of [...selection.prices, ...selection.adjustments]) {
        if (other !== matched) skip(other, 'no_base_price', `not applied: the formula of rule ${matched.candidate.id} failed`);
      }
      notes.push(`No price from the rules: the formula of rule ${matched.candidate.id} failed (${error.message}).`);
      return false;
    }
  }
  for (const [i, { matched, price, calculation }] of values.entries()) {
    const { candidate } = matched;
    const kind = candidate.action.kind === 'formula' ? 'formula' : 'base';
    const what = candidate.action.kind === 'formula' ? `formula ${candidate.action.formula}` : `${candidate.action.kind === 'net' ? 'net' : 'base'} price`;
    running.step({ kind, source: candidate.source, ruleId: candidate.id, label: `${candidate.origin}: ${what}${i < values.length - 1 ? ', read as `base` by the formula above' : ''}`, calculation }, price);
  }
  return values.length > 0;
}

function priceOf(matched: Matched, below: Dec | undefined, context: WaterfallContext, running: Running): { price: Dec; calculation: string } {
  const { candidate, conversion } = matched;
  const { action, currency } = candidate;
  const converted = conversion.description ? ` × ${conversion.description}` : '';
  if (action.kind === 'formula') {
    // The formula is written in its list's currency: `base` goes in converted back, the result comes out converted.
    const parameters = context.product!.view.parameters;
    const base = below && below.dividedBy(conversion.rate);
    const result = evaluateFormula(matched.formula!, (name) => (name === BASE ? base : new Dec(parameters[name]!)));
    const price = roundHalfUp(result.times(conversion.rate), context.decimals);
    const inputs = [...matched.formula!.names].map((name) => {
      if (name !== BASE) return `${name} = ${parameters[name]}`;
      return converted ? `base = ${base!.toSignificantDigits(10).toFixed()} ${currency} (${running.text(below!)} ${context.money.currency} converted back)` : `base = ${running.text(below!)}`;
    });
    const resultText = converted ? `${result.toFixed()} ${currency}${converted} = ${running.text(price)}` : running.text(price);
    return { price, calculation: `${action.formula} with ${inputs.join(', ') || 'no inputs'} = ${resultText}` };
  }
  if (action.kind !== 'fixed' && action.kind !== 'net') throw new Error(`selectRules keeps price-giving rules only, not ${action.kind}`);
  const { view, conversions } = context.product!;
  const units = view.units;
  const quotedIn = units[action.per ?? 'price'];
  const ratio = conversions.ratio(units.price, quotedIn);
  const price = divideHalfUp(new Dec(action.price).times(ratio.num).times(conversion.rate), ratio.den, context.decimals);
  const perUnit = quotedIn === units.price ? '' : ` × ${ratioText(ratio.num, ratio.den)} ${quotedIn} in one ${units.price}`;
  return { price, calculation: `${action.price} ${currency} per ${quotedIn}${perUnit}${converted} = ${running.text(price)}` };
}

/** The ratio as a decimal, or an approximation with its exact fraction when it does not terminate. */
function ratioText(num: Dec, den: Dec): string {
  const value = num.dividedBy(den);
  return value.times(den).equals(num) && value.decimalPlaces() <= 12 ? value.toFixed() : `${value.toSignificantDigits(10).toFixed()} (${num.toFixed()} / ${den.toFixed()})`;
}

/** One percentage of a sequence, and who the step is for. */
interface PercentageEntry {
  readonly percent: Dec;
  readonly step: Pick<WaterfallStep, 'kind' | 'source' | 'ruleId' | 'label'>;
}

/** Every percentage of every discount rule, in structure order, then in the order the rule gives them. */
function applyRuleDiscounts(selection: Selection, context: WaterfallContext, running: Running): void {
  const entries = selection.adjustments.flatMap(({ candidate }) => {
    if (candidate.action.kind !== 'discount') return [];
    const { percents } = candidate.action;
    return percents.map((percent, i): PercentageEntry => ({
      percent: new Dec(percent),
      step: { kind: 'discount', source: candidate.source, ruleId: candidate.id, label: `${candidate.origin}: discount ${new Dec(percent).toFixed()} % (${position(i, percents.length, context)})` },
    }));
  });
  applyPercentages(entries, context, running);
}

/** "2 of 3, cascade" for a rule's or a line's several percentages; the combination alone for one. */
function position(i: number, count: number, context: WaterfallContext): string {
  return count > 1 ? `${i + 1} of ${count}, ${context.combination}` : context.combination;
}

/** A sequence of percentages off the running price, combined per the structure and rounded once from its start (discounts.ts). */
function applyPercentages(entries: readonly PercentageEntry[], context: WaterfallContext, running: Running): void {
  if (entries.length === 0) return;
  const steps = percentageSteps(running.price!, entries.map((entry) => entry.percent), context.combination, context.decimals);
  for (const [i, step] of steps.entries()) {
    const { percent, step: who } = entries[i]!;
    running.step({ ...who, calculation: step.calculation, percent: percent.toFixed(), ...(step.capped ? { capped: true } : {}) }, step.value);
  }
}

function applyAmountsOff(selection: Selection, running: Running): void {
  for (const matched of selection.adjustments) {
    const { candidate, conversion } = matched;
    if (candidate.action.kind !== 'amount_off') continue;
    const amount = roundHalfUp(new Dec(candidate.action.amount).times(conversion.rate), running.decimals);
    const step = amountStep(running.price!, amount, running.decimals);
    const converted = conversion.description ? ` (${candidate.action.amount} ${candidate.currency} × ${conversion.description})` : '';
    running.step(
      { kind: 'amount_off', source: candidate.source, ruleId: candidate.id, label: `${candidate.origin}: ${candidate.action.amount} ${candidate.currency} off${converted}`, calculation: step.calculation, ...(step.capped ? { capped: true } : {}) },
      step.value,
    );
  }
}

/** Fees per unit join the unit price; fees per line are returned, to be added to the line amount. */
function applyFees(selection: Selection, context: WaterfallContext, running: Running): LineFee[] {
  const lineFees: LineFee[] = [];
  for (const { candidate, conversion } of selection.withFees) {
    for (const fee of candidate.fees) {
      const converted = conversion.description ? ` × ${conversion.description}` : '';
      const label = `${candidate.origin}: fee "${fee.label}"`;
      if (fee.per === 'line') {
        const amount = context.money.text(new Dec(fee.amount).times(conversion.rate));
        lineFees.push({ ruleId: candidate.id, label, amount, calculation: `${fee.amount} ${candidate.currency} per line${converted} = ${amount}` });
      } else {
        const amount = roundHalfUp(new Dec(fee.amount).times(conversion.rate), running.decimals);
        const next = running.price!.plus(amount);
        const calculation = `${running.text(running.price!)} + ${running.text(amount)}${converted ? ` (${fee.amount} ${candidate.currency}${converted})` : ''} = ${running.text(next)}`;
        running.step({ kind: 'unit_fee', source: candidate.source, ruleId: candidate.id, label: `${label} per ${context.product!.view.units.price}`, calculation }, next);
      }
    }
  }
  return lineFees;
}
