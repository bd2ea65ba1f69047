import { getPriceRule as get } from '../../../domain/pricing/admin/use-cases/price-rules.ts';
import { pricingAdminDeps } from '../../composition.ts';
import type { Operation } from '../http-handler.ts';
import { json } from '../responses.ts';
import { priceListIdOf, priceRuleIdOf } from './path-keys.ts';

export const getPriceRule: Operation = async (event) => {
  const rule = await get(pricingAdminDeps(), event.actor, priceListIdOf(event), priceRuleIdOf(event));
  return json(200, rule, { version: rule.version });
};
