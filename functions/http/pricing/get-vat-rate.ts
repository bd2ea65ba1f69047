import { getVatRate as getVat } from '../../../domain/pricing/admin/use-cases/vat-rates.ts';
import { pricingAdminDeps } from '../../composition.ts';
import type { Operation } from '../http-handler.ts';
import { json } from '../responses.ts';
import { vatKey } from './path-keys.ts';

export const getVatRate: Operation = async (event) => {
  const rate = await getVat(pricingAdminDeps(), event.actor, vatKey(event));
  return json(200, rate, { version: rate.version });
};
