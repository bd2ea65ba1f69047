import type { PriceSimulation } from '../../../domain/pricing/simulation/simulate-prices.ts';
import type { components } from '../../../openapi/generated/types.ts';

/** What the API shows of pricing, typed by the contract's generated types. */
type Schemas = components['schemas'];

/** How much of each line's explanation a simulation answers: every candidate, the waterfall and notes, or the figures alone. */
export const EXPLAIN_LEVELS = ['full', 'summary', 'none'] as const;
export type ExplainLevel = (typeof EXPLAIN_LEVELS)[number];

export function priceSimulationResource(simulation: PriceSimulation, explain: ExplainLevel = 'full'): Schemas['PriceSimulation'] {
  return {
    ...simulation,
    lines: simulation.lines.map(({ explanation, ...line }) => ({
      ...line,
      quantities: { ...line.quantities, adjustments: [...line.quantities.adjustments] },
      lineFees: [...line.lineFees],
      ...(explain === 'none'
        ? {}
        : {
            explanation: {
              ...(explain === 'full' ? { candidates: [...explanation.candidates] } : {}),
              waterfall: [...explanation.waterfall],
              notes: [...explanation.notes],
            },
          }),
    })),
    documentDiscounts: [...simulation.documentDiscounts],
    vat: { ...simulation.vat, breakdown: [...simulation.vat.breakdown] },
    totals: { ...simulation.totals, unpricedLines: [...simulation.totals.unpricedLines] },
  };
}
