import { priceListCreateSchema } from '../../../domain/pricing/admin/schemas.ts';
import { createPriceList as create } from '../../../domain/pricing/admin/use-cases/price-lists.ts';
import { pricingAdminDeps } from '../../composition.ts';
import { readsBody, type Operation } from '../http-handler.ts';
import { json } from '../responses.ts';
import { priceListLocation, priceListResource } from './admin-representation.ts';

export const createPriceList: Operation = readsBody(priceListCreateSchema, async (event) => {
  const { list: created, rules } = await create(pricingAdminDeps(), event.actor, event.json);
  return json(201, { ...priceListResource(created), rules }, { version: created.version, location: priceListLocation(created) });
});
