import { listPriceRules as list } from '../../../domain/pricing/admin/use-cases/price-rules.ts';
import { pricingAdminDeps } from '../../composition.ts';
import { readsQuery, type Operation } from '../http-handler.ts';
import { parseQuery } from '../request.ts';
import { json, pageOf } from '../responses.ts';
import { priceListIdOf } from './path-keys.ts';

export const listPriceRules: Operation = readsQuery(async (event) => {
  const id = priceListIdOf(event);
  const { page } = parseQuery(event, {});
  return json(200, pageOf(await list(pricingAdminDeps(), event.actor, { listId: id }, page), (rule) => rule));
});
