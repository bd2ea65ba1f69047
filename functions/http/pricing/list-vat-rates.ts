import * as z from 'zod';
import { listVatRates as listVat } from '../../../domain/pricing/admin/use-cases/vat-rates.ts';
import { pricingAdminDeps } from '../../composition.ts';
import { readsQuery, type Operation } from '../http-handler.ts';
import { parseQuery } from '../request.ts';
import { json, pageOf } from '../responses.ts';

export const listVatRates: Operation = readsQuery(async (event) => {
  const { page, filters } = parseQuery(event, { countryCode: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as "FR"').optional() });
  return json(200, pageOf(await listVat(pricingAdminDeps(), event.actor, filters.countryCode ? { countryCode: filters.countryCode } : {}, page), (rate) => rate));
});
