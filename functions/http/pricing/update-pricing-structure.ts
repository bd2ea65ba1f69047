import { pricingStructureSchema } from '../../../domain/pricing/admin/schemas.ts';
import { updatePricingStructure as update } from '../../../domain/pricing/admin/use-cases/pricing-structure.ts';
import { pricingAdminDeps } from '../../composition.ts';
import { readsBody, type Operation } from '../http-handler.ts';
import { expectedVersion } from '../request.ts';
import { json } from '../responses.ts';

export const updatePricingStructure: Operation = readsBody(pricingStructureSchema, async (event) => {
  const structure = await update(pricingAdminDeps(), event.actor, expectedVersion(event), event.json);
  return json(200, structure, { version: structure.version });
});
