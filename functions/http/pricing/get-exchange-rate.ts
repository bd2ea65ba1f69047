import { getExchangeRate as getRate } from '../../../domain/pricing/admin/use-cases/exchange-rates.ts';
import { pricingAdminDeps } from '../../composition.ts';
import type { Operation } from '../http-handler.ts';
import { json } from '../responses.ts';
import { rateKey } from './path-keys.ts';

export const getExchangeRate: Operation = async (event) => {
  const rate = await getRate(pricingAdminDeps(), event.actor, rateKey(event));
  return json(200, rate, { version: rate.version });
};
