import { vatRateFieldsSchema } from '../../../domain/pricing/admin/schemas.ts';
import { updateVatRate as updateVat } from '../../../domain/pricing/admin/use-cases/vat-rates.ts';
import { pricingAdminDeps } from '../../composition.ts';
import { readsBody, type Operation } from '../http-handler.ts';
import { expectedVersion } from '../request.ts';
import { json } from '../responses.ts';
import { vatKey } from './path-keys.ts';

export const updateVatRate: Operation = readsBody(vatRateFieldsSchema, async (event) => {
  const rate = await updateVat(pricingAdminDeps(), event.actor, vatKey(event), expectedVersion(event), event.json);
  return json(200, rate, { version: rate.version });
});
