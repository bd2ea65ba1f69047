import { priceSimulationSchema } from '../../../domain/pricing/simulation/schemas.ts';
import * as z from 'zod';
import { simulatePrices as simulate } from '../../../domain/pricing/simulation/simulate-prices.ts';
import { simulationDeps } from '../../composition.ts';
import { readsBody, readsQuery, type Operation } from '../http-handler.ts';
import { parseQueryParams } from '../request.ts';
import { json } from '../responses.ts';
import { EXPLAIN_LEVELS, priceSimulationResource } from './representation.ts';

/** A simulation creates nothing: 200, no Location, no ETag. `explain` trims the explanation, never the figures. */
export const simulatePrices: Operation = readsBody(priceSimulationSchema, readsQuery(async (event) => {
  const { explain } = parseQueryParams(event, { explain: z.enum(EXPLAIN_LEVELS).default('full') });
  const simulation = await simulate(simulationDeps(), event.actor, event.json);
  return json(200, priceSimulationResource(simulation, explain));
}));
