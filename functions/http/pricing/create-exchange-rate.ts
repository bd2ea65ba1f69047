import { exchangeRateCreateSchema } from '../../../domain/pricing/admin/schemas.ts';
import { createExchangeRate as createRate } from '../../../domain/pricing/admin/use-cases/exchange-rates.ts';
import { pricingAdminDeps } from '../../composition.ts';
import { readsBody, type Operation } from '../http-handler.ts';
import { createUnlessExists } from '../request.ts';
import { json } from '../responses.ts';
import { exchangeRateLocation } from './admin-representation.ts';

export const createExchangeRate: Operation = readsBody(exchangeRateCreateSchema, async (event) => {
  const rate = await createUnlessExists(event, () => createRate(pricingAdminDeps(), event.actor, event.json));
  return json(201, rate, { version: rate.version, location: exchangeRateLocation(rate) });
});
