import { Dec, type Money } from '../shared/money.ts';
import type { Incoterm } from '../shared/reference-data.ts';
import type { RatesOnDate } from './exchange-rates.ts';
import type { TransportRule } from './model.ts';
import type { TransportOutcome } from './result.ts';
import { fraction, type CurrencyRounding } from './rounding.ts';

/** The document's totals a transport rule may be based on, worked out only for the basis of the rule that applies. */
export interface TransportMeasures {
  readonly weight: () => Dec;
  readonly volume: () => Dec;
  /** The goods amount, after document discounts, in the document's currency. */
  readonly amount: () => Dec;
}

const BASIS_UNITS = { weight: 'kg', volume: 'm³', amount: '' } as const;

/**
 * Transport fees (PRC-11). The rule for the document's Incoterm and delivery country (the most specific: Incoterm and
 * country, then Incoterm, then country, then any; ties go to the smallest id), its bracket for the measure (the highest
 * `from` not above it), fixed plus variable, converted into the document's currency; waived when the goods amount
 * reaches the customer's free-shipping threshold.
 */
export function transportFee(
  rules: readonly TransportRule[],
  context: { incoterm?: Incoterm; deliveryCountry?: string; freeShippingThreshold?: Money },
  measures: TransportMeasures,
  rates: RatesOnDate,
  money: CurrencyRounding,
): TransportOutcome {
  const currency = money.currency;
  const none = (explanation: string): TransportOutcome => ({ status: 'none', amount: money.text(0), explanation });
  const rule = selectRule(rules, context.incoterm, context.deliveryCountry);
  const where = `${context.incoterm ?? 'no Incoterm'}, delivery to ${context.deliveryCountry ?? 'an unknown country'}`;
  if (!rule) return none(`No transport rule applies (${where})`);

  const measure = measures[rule.basis]();
  const unit = BASIS_UNITS[rule.basis];
  const measureText = rule.basis === 'amount' ? `goods amount ${measure.toFixed()} ${currency}` : `total ${rule.basis} ${measure.toFixed()} ${unit}`;
  const bracket = [...rule.brackets].filter((b) => new Dec(b.from).lessThanOrEqualTo(measure)).sort((a, b) => new Dec(b.from).comparedTo(a.from))[0];
  if (!bracket) return none(`${rule.name} (${where}): the ${measureText} is below its first bracket: no fee`);

  const conversion = rates.into(rule.currency);
  if (!conversion) return none(`${rule.name} (${where}) is in ${rule.currency}, and no ${rule.currency}→${currency} rate is known on ${rates.date}: no transport fee computed`);
  const fixed = new Dec(bracket.fixed ?? 0);
  const variable = new Dec(bracket.variable ?? 0);
  const variablePart = rule.basis === 'amount' ? measure.times(fraction(variable)) : measure.times(variable);
  const inRuleCurrency = fixed.plus(variablePart);
  const amount = money.text(inRuleCurrency.times(conversion.rate));
  const variableText = rule.basis === 'amount' ? `${bracket.variable ?? '0'} % × ${measure.toFixed()}` : `${bracket.variable ?? '0'} × ${measure.toFixed()} ${unit}`;
  const formula = `${bracket.fixed ?? '0'} + ${variableText}`;
  const fee = conversion.description ? `(${formula}) ${rule.currency} × ${conversion.description}` : formula;
  const calculation = `${rule.name} (${where}), bracket from ${bracket.from}: ${fee} = ${amount}`;
  const outcome = { ruleId: rule.id, basis: rule.basis, measure: measure.toFixed() };

  const waiver = freeShipping(context.freeShippingThreshold, measures.amount(), rates);
  if (waiver.waived) return { status: 'waived', amount: money.text(0), ...outcome, explanation: `${calculation}; ${waiver.explanation}` };
  return { status: 'charged', amount, ...outcome, explanation: waiver.explanation ? `${calculation}; ${waiver.explanation}` : calculation };
}

function freeShipping(threshold: Money | undefined, goods: Dec, rates: RatesOnDate): { waived: boolean; explanation: string } {
  if (!threshold) return { waived: false, explanation: '' };
  const conversion = rates.into(threshold.currency);
  if (!conversion) return { waived: false, explanation: `the free-shipping threshold is in ${threshold.currency}, which has no rate on ${rates.date}: not applied` };
  const limit = new Dec(threshold.amount).times(conversion.rate);
  const limitText = `${threshold.amount} ${threshold.currency}${conversion.description ? ` (= ${limit.toFixed()} ${rates.currency} at ${conversion.description})` : ''}`;
  return goods.greaterThanOrEqualTo(limit)
    ? { waived: true, explanation: `waived: the goods amount ${goods.toFixed()} reaches the customer's free-shipping threshold ${limitText}` }
    : { waived: false, explanation: `the goods amount ${goods.toFixed()} is below the customer's free-shipping threshold ${limitText}` };
}

function selectRule(rules: readonly TransportRule[], incoterm: Incoterm | undefined, country: string | undefined): TransportRule | undefined {
  let best: { rule: TransportRule; score: number } | undefined;
  for (const rule of rules) {
    if (rule.incoterm !== undefined && rule.incoterm !== incoterm) continue;
    if (rule.countries !== undefined && (country === undefined || !rule.countries.includes(country))) continue;
    const score = (rule.incoterm ? 2 : 0) + (rule.countries ? 1 : 0);
    if (!best || score > best.score || (score === best.score && rule.id < best.rule.id)) best = { rule, score };
  }
  return best?.rule;
}
