import { priceRuleFieldsSchema } from '../../../domain/pricing/admin/schemas.ts';
import { updatePriceRule as update } from '../../../domain/pricing/admin/use-cases/price-rules.ts';
import { pricingAdminDeps } from '../../composition.ts';
import { readsBody, type Operation } from '../http-handler.ts';
import { expectedVersion } from '../request.ts';
import { json } from '../responses.ts';
import { priceListIdOf, priceRuleIdOf } from './path-keys.ts';

export const updatePriceRule: Operation = readsBody(priceRuleFieldsSchema, async (event) => {
  const rule = await update(pricingAdminDeps(), event.actor, priceListIdOf(event), priceRuleIdOf(event), expectedVersion(event), event.json);
  return json(200, rule, { version: rule.version });
});
