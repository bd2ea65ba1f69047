import { removePriceRule as remove } from '../../../domain/pricing/admin/use-cases/price-rules.ts';
import { pricingAdminDeps } from '../../composition.ts';
import type { Operation } from '../http-handler.ts';
import { expectedVersion } from '../request.ts';
import { noContent } from '../responses.ts';
import { priceListIdOf, priceRuleIdOf } from './path-keys.ts';

export const removePriceRule: Operation = async (event) => {
  await remove(pricingAdminDeps(), event.actor, priceListIdOf(event), priceRuleIdOf(event), expectedVersion(event));
  return noContent();
};
