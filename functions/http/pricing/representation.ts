import type { PriceSimulation } from '../../../domain/pricing/simulation/simulate-prices.ts';
import type { components } from '../../../openapi/generated/types.ts';

/** What the API shows of pricing, typed by the contract's generated types. */
type Schemas = components['schemas'];

export function priceSimulationResource(simulation: PriceSimulation): Schemas['PriceSimulation'] {
  return {
    ...simulation,
    lines: simulation.lines.map((line) => ({
      ...line,
      quantities: { ...line.quantities, adjustments: [...line.quantities.adjustments] },
      lineFees: [...line.lineFees],
      explanation: { candidates: [...line.explanation.candidates], waterfall: [...line.explanation.waterfall], notes: [...line.explanation.notes] },
    })),
    documentDiscounts: [...simulation.documentDiscounts],
    vat: { ...simulation.vat, breakdown: [...simulation.vat.breakdown] },
  };
}
