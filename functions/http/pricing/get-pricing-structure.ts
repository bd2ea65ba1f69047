import { getPricingStructure as get } from '../../../domain/pricing/admin/use-cases/pricing-structure.ts';
import { pricingAdminDeps } from '../../composition.ts';
import type { Operation } from '../http-handler.ts';
import { json } from '../responses.ts';

/** The structure's ETag is its version: "0" while it is the default. */
export const getPricingStructure: Operation = async (event) => {
  const structure = await get(pricingAdminDeps(), event.actor);
  return json(200, structure, { version: structure.version });
};
