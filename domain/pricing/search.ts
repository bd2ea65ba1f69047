import { BASE } from './formula.ts';
import type { Matched } from './candidates.ts';
import { SOURCE_LABELS, type PricingStructure } from './structure.ts';

/**
 * Step 3 of a line: the sources' winners walked in structure order. The first price-giving winner (fixed, net,
 * formula, reference price) gives the base price; a formula reading `base` takes the next price-giving winner's
 * price; discounts and amounts off of every applied source apply in order. A matched `stop` source ends the search:
 * the winners after it are superseded — except that, while no base price is known yet (the stopping source gave
 * only a discount, or a formula reading `base`), the next price-giving winner still gives its price, and only its
 * price. A `net` base price ignores the discounts of the sources after it.
 */
export interface Selection {
  /** The price-giving rules: the first gives the base price; each formula among them reads the next one's price. */
  readonly prices: readonly Matched[];
  /** Discounts and amounts off that apply, in structure order. */
  readonly adjustments: readonly Matched[];
  /** The rules whose fees apply, in structure order. */
  readonly withFees: readonly Matched[];
  /** Why there is no base price, when there is none. */
  readonly noPrice?: string;
}

export function selectRules(winners: readonly (Matched | undefined)[], structure: PricingStructure): Selection {
  const prices: Matched[] = [];
  const adjustments: Matched[] = [];
  const withFees: Matched[] = [];
  let stoppedBy: Matched | undefined;
  let needsPrice = true;

  const takePrice = (winner: Matched, priceOnly: boolean) => {
    const feeding = prices.at(-1);
    const only = priceOnly ? `; the search stopped at ${stoppedBy!.candidate.origin}, so only its price counts` : '';
    setRole(winner, feeding ? 'base_of_formula' : 'base_price', feeding ? `its price is \`base\` in the formula of rule ${feeding.candidate.id}${only}` : `gives the base price${only}`);
    prices.push(winner);
    needsPrice = winner.formula?.names.has(BASE) ?? false;
  };

  for (const winner of winners) {
    if (!winner) continue;
    const givesPrice = winner.candidate.action.kind !== 'discount' && winner.candidate.action.kind !== 'amount_off';
    if (stoppedBy) {
      if (needsPrice && givesPrice) takePrice(winner, true);
      else skip(winner, 'superseded', `superseded: ${stoppedBy.candidate.origin} matched and its source (${SOURCE_LABELS[stoppedBy.candidate.source]}) stops the search`);
      continue;
    }
    if (givesPrice && !needsPrice) {
      skip(winner, 'price_from_higher_source', `the base price already comes from ${prices[0]!.candidate.origin}, a source that ranks higher`);
    } else {
      if (givesPrice) takePrice(winner, false);
      else {
        const mode = structure.sources[winner.candidate.sourceIndex]!.mode === 'stop' ? 'stops the search' : 'stacks';
        setRole(winner, 'adjustment', `applies after the base price (${SOURCE_LABELS[winner.candidate.source]} ${mode})`);
        adjustments.push(winner);
      }
      withFees.push(winner);
    }
    if (structure.sources[winner.candidate.sourceIndex]!.mode === 'stop') stoppedBy = winner;
  }

  const base = prices[0];
  if (!base || needsPrice) {
    const noPrice = base ? `the formula of rule ${prices.at(-1)!.candidate.id} reads \`base\`, and no lower source gives a price` : 'no source gives a base price';
    for (const matched of [...prices, ...adjustments]) skip(matched, 'no_base_price', `not applied: ${noPrice}`);
    return { prices: [], adjustments: [], withFees: [], noPrice };
  }
  if (base.candidate.action.kind === 'net') {
    const afterNet = adjustments.filter((adjustment) => adjustment.candidate.sourceIndex > base.candidate.sourceIndex);
    for (const adjustment of afterNet) skip(adjustment, 'after_net_price', `not applied: ${base.candidate.origin} gives a net price`);
    return {
      prices,
      adjustments: adjustments.filter((adjustment) => !afterNet.includes(adjustment)),
      withFees: withFees.filter((matched) => !afterNet.includes(matched)),
    };
  }
  return { prices, adjustments, withFees };
}

function setRole(matched: Matched, code: 'base_price' | 'base_of_formula' | 'adjustment', reason: string): void {
  matched.explanation.status = 'applied';
  matched.explanation.code = code;
  matched.explanation.reason = reason;
}

export function skip(matched: Matched, code: Matched['explanation']['code'], reason: string): void {
  matched.explanation.status = 'skipped';
  matched.explanation.code = code;
  matched.explanation.reason = reason;
}
