import { removeExchangeRate as removeRate } from '../../../domain/pricing/admin/use-cases/exchange-rates.ts';
import { pricingAdminDeps } from '../../composition.ts';
import type { Operation } from '../http-handler.ts';
import { expectedVersion } from '../request.ts';
import { noContent } from '../responses.ts';
import { rateKey } from './path-keys.ts';

export const removeExchangeRate: Operation = async (event) => {
  await removeRate(pricingAdminDeps(), event.actor, rateKey(event), expectedVersion(event));
  return noContent();
};
