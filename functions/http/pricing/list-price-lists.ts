import * as z from 'zod';
import { listPriceLists as list } from '../../../domain/pricing/admin/use-cases/price-lists.ts';
import { LIST_SOURCES, priceGroupCode } from '../../../domain/pricing/admin/schemas.ts';
import { pricingAdminDeps } from '../../composition.ts';
import { readsQuery, type Operation } from '../http-handler.ts';
import { idFilter, parseQuery } from '../request.ts';
import { json, pageOf } from '../responses.ts';
import { priceListResource } from './admin-representation.ts';

const filters = {
  source: z.enum(LIST_SOURCES).optional(),
  customerId: idFilter('customer'),
  priceGroup: priceGroupCode.optional(),
  namePrefix: z.string().min(1).max(200).optional(),
};

export const listPriceLists: Operation = readsQuery(async (event) => {
  const { page, filters: query } = parseQuery(event, filters);
  const defined = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
  return json(200, pageOf(await list(pricingAdminDeps(), event.actor, defined, page), priceListResource));
});
