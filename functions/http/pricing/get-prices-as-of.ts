import * as z from 'zod';
import { priceGroupCode } from '../../../domain/pricing/admin/schemas.ts';
import { rulesAsOf } from '../../../domain/pricing/admin/use-cases/price-history.ts';
import { pricingAdminDeps } from '../../composition.ts';
import { readsQuery, type Operation } from '../http-handler.ts';
import { idFilter, parseQueryParams } from '../request.ts';
import { json } from '../responses.ts';

export const getPricesAsOf: Operation = readsQuery(async (event) => {
  const query = parseQueryParams(event, {
    productId: z.string({ error: 'is required' }).pipe(idFilter('product').unwrap()),
    at: z.string({ error: 'is required' }).max(40),
    customerId: idFilter('customer'),
    priceGroup: priceGroupCode.optional(),
  });
  const result = await rulesAsOf(pricingAdminDeps(), event.actor, {
    productId: query.productId,
    at: query.at,
    ...(query.customerId !== undefined ? { customerId: query.customerId } : {}),
    ...(query.priceGroup !== undefined ? { priceGroup: query.priceGroup } : {}),
  });
  return json(200, result);
});
