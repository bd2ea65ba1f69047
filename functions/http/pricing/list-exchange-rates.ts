import * as z from 'zod';
import { listExchangeRates as listRates } from '../../../domain/pricing/admin/use-cases/exchange-rates.ts';
import { pricingAdminDeps } from '../../composition.ts';
import { readsQuery, type Operation } from '../http-handler.ts';
import { parseQuery } from '../request.ts';
import { json, pageOf } from '../responses.ts';
import { CURRENCY } from './path-keys.ts';

export const listExchangeRates: Operation = readsQuery(async (event) => {
  const currency = z.string().regex(CURRENCY, 'must be an ISO 4217 currency code such as "EUR"').optional();
  const { page, filters } = parseQuery(event, { from: currency, to: currency });
  const query = { ...(filters.from ? { from: filters.from } : {}), ...(filters.to ? { to: filters.to } : {}) };
  return json(200, pageOf(await listRates(pricingAdminDeps(), event.actor, query, page), (rate) => rate));
});
