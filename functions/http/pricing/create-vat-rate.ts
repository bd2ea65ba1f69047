import { vatRateCreateSchema } from '../../../domain/pricing/admin/schemas.ts';
import { createVatRate as createVat } from '../../../domain/pricing/admin/use-cases/vat-rates.ts';
import { pricingAdminDeps } from '../../composition.ts';
import { readsBody, type Operation } from '../http-handler.ts';
import { createUnlessExists } from '../request.ts';
import { json } from '../responses.ts';
import { vatRateLocation } from './admin-representation.ts';

export const createVatRate: Operation = readsBody(vatRateCreateSchema, async (event) => {
  const rate = await createUnlessExists(event, () => createVat(pricingAdminDeps(), event.actor, event.json));
  return json(201, rate, { version: rate.version, location: vatRateLocation(rate) });
});
