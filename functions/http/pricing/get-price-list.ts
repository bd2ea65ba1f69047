import { getPriceList as get } from '../../../domain/pricing/admin/use-cases/price-lists.ts';
import { pricingAdminDeps } from '../../composition.ts';
import type { Operation } from '../http-handler.ts';
import { pathId } from '../request.ts';
import { json } from '../responses.ts';
import { priceListResource } from './admin-representation.ts';

export const getPriceList: Operation = async (event) => {
  const found = await get(pricingAdminDeps(), event.actor, pathId(event, 'priceListId', 'priceList'));
  return json(200, priceListResource(found), { version: found.version });
};
