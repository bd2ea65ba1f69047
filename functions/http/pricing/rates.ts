import * as z from 'zod';
import { VAT_CATEGORIES } from '../../../domain/catalog/schemas.ts';
import { createExchangeRate as createRate, getExchangeRate as getRate, listExchangeRates as listRates, removeExchangeRate as removeRate, updateExchangeRate as updateRate } from '../../../domain/pricing/admin/use-cases/exchange-rates.ts';
import { createVatRate as createVat, getVatRate as getVat, listVatRates as listVat, removeVatRate as removeVat, updateVatRate as updateVat } from '../../../domain/pricing/admin/use-cases/vat-rates.ts';
import { ValidationError } from '../../../domain/shared/errors.ts';
import { pricingAdminDeps } from '../../composition.ts';
import type { HttpEvent } from '../../middleware/http-event.ts';
import type { Operation } from '../http-handler.ts';
import { expectedVersion, parseQuery } from '../request.ts';
import { json, noContent, pageOf } from '../responses.ts';
import { exchangeRateLocation, vatRateLocation } from './admin-representation.ts';

/** Exchange and VAT rates are named by their natural key in the path: `/exchange-rates/USD/EUR/2027-01-01`. */
function pathPart(event: HttpEvent, name: string, pattern: RegExp, message: string): string {
  const value = event.pathParameters?.[name] ?? '';
  if (!pattern.test(value) || (name === 'validFrom' && Number.isNaN(Date.parse(value)))) throw ValidationError.field(`/path/${name}`, message);
  return value;
}
const CURRENCY = /^[A-Z]{3}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validFrom = (event: HttpEvent) => pathPart(event, 'validFrom', DATE, 'must be a date such as "2027-01-01"');
const rateKey = (event: HttpEvent) => ({
  from: pathPart(event, 'from', CURRENCY, 'must be an ISO 4217 currency code such as "EUR"'),
  to: pathPart(event, 'to', CURRENCY, 'must be an ISO 4217 currency code such as "EUR"'),
  validFrom: validFrom(event),
});
const vatKey = (event: HttpEvent) => ({
  countryCode: pathPart(event, 'countryCode', /^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as "FR"'),
  category: pathPart(event, 'category', new RegExp(`^(${VAT_CATEGORIES.join('|')})$`), `must be one of ${VAT_CATEGORIES.join(', ')}`),
  validFrom: validFrom(event),
});

export const createExchangeRate: Operation = async (event) => {
  const rate = await createRate(pricingAdminDeps(), event.actor, event.json);
  return json(201, rate, { version: rate.version, location: exchangeRateLocation(rate) });
};

export const listExchangeRates: Operation = async (event) => {
  const currency = z.string().regex(CURRENCY, 'must be an ISO 4217 currency code such as "EUR"').optional();
  const { page, filters } = parseQuery(event, { from: currency, to: currency });
  const query = { ...(filters.from ? { from: filters.from } : {}), ...(filters.to ? { to: filters.to } : {}) };
  return json(200, pageOf(await listRates(pricingAdminDeps(), event.actor, query, page), (rate) => rate));
};

export const getExchangeRate: Operation = async (event) => {
  const rate = await getRate(pricingAdminDeps(), event.actor, rateKey(event));
  return json(200, rate, { version: rate.version });
};

export const updateExchangeRate: Operation = async (event) => {
  const rate = await updateRate(pricingAdminDeps(), event.actor, rateKey(event), expectedVersion(event), event.json);
  return json(200, rate, { version: rate.version });
};

export const removeExchangeRate: Operation = async (event) => {
  await removeRate(pricingAdminDeps(), event.actor, rateKey(event), expectedVersion(event));
  return noContent();
};

export const createVatRate: Operation = async (event) => {
  const rate = await createVat(pricingAdminDeps(), event.actor, event.json);
  return json(201, rate, { version: rate.version, location: vatRateLocation(rate) });
};

export const listVatRates: Operation = async (event) => {
  const { page, filters } = parseQuery(event, { countryCode: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as "FR"').optional() });
  return json(200, pageOf(await listVat(pricingAdminDeps(), event.actor, filters.countryCode ? { countryCode: filters.countryCode } : {}, page), (rate) => rate));
};

export const getVatRate: Operation = async (event) => {
  const rate = await getVat(pricingAdminDeps(), event.actor, vatKey(event));
  return json(200, rate, { version: rate.version });
};

export const updateVatRate: Operation = async (event) => {
  const rate = await updateVat(pricingAdminDeps(), event.actor, vatKey(event), expectedVersion(event), event.json);
  return json(200, rate, { version: rate.version });
};

export const removeVatRate: Operation = async (event) => {
  await removeVat(pricingAdminDeps(), event.actor, vatKey(event), expectedVersion(event));
  return noContent();
};
