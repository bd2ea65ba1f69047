import { priceListFieldsSchema } from '../../../domain/pricing/admin/schemas.ts';
import { updatePriceList as update } from '../../../domain/pricing/admin/use-cases/price-lists.ts';
import { pricingAdminDeps } from '../../composition.ts';
import { readsBody, type Operation } from '../http-handler.ts';
import { expectedVersion, pathId } from '../request.ts';
import { json } from '../responses.ts';
import { priceListResource } from './admin-representation.ts';

/** `{ "active": false }` deactivates a list, `true` activates it again: lists are never deleted. */
export const updatePriceList: Operation = readsBody(priceListFieldsSchema, async (event) => {
  const updated = await update(pricingAdminDeps(), event.actor, pathId(event, 'priceListId', 'priceList'), expectedVersion(event), event.json);
  return json(200, priceListResource(updated), { version: updated.version });
});
