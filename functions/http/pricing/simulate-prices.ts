import { simulatePrices as simulate } from '../../../domain/pricing/simulation/simulate-prices.ts';
import { simulationDeps } from '../../composition.ts';
import type { Operation } from '../http-handler.ts';
import { json } from '../responses.ts';
import { priceSimulationResource } from './representation.ts';

/** A simulation creates nothing: 200, no Location, no ETag. */
export const simulatePrices: Operation = async (event) => {
  const simulation = await simulate(simulationDeps(), event.actor, event.json);
  return json(200, priceSimulationResource(simulation));
};
