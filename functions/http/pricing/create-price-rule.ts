import { priceRuleCreateSchema } from '../../../domain/pricing/admin/schemas.ts';
import { createPriceRule as create } from '../../../domain/pricing/admin/use-cases/price-rules.ts';
import { pricingAdminDeps } from '../../composition.ts';
import { readsBody, type Operation } from '../http-handler.ts';
import { json } from '../responses.ts';
import { priceRuleLocation } from './admin-representation.ts';
import { priceListIdOf } from './path-keys.ts';

export const createPriceRule: Operation = readsBody(priceRuleCreateSchema, async (event) => {
  const rule = await create(pricingAdminDeps(), event.actor, priceListIdOf(event), event.json);
  return json(201, rule, { version: rule.version, location: priceRuleLocation(rule) });
});
