import { exchangeRateFieldsSchema } from '../../../domain/pricing/admin/schemas.ts';
import { updateExchangeRate as updateRate } from '../../../domain/pricing/admin/use-cases/exchange-rates.ts';
import { pricingAdminDeps } from '../../composition.ts';
import { readsBody, type Operation } from '../http-handler.ts';
import { expectedVersion } from '../request.ts';
import { json } from '../responses.ts';
import { rateKey } from './path-keys.ts';

export const updateExchangeRate: Operation = readsBody(exchangeRateFieldsSchema, async (event) => {
  const rate = await updateRate(pricingAdminDeps(), event.actor, rateKey(event), expectedVersion(event), event.json);
  return json(200, rate, { version: rate.version });
});
