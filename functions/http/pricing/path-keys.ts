import { VAT_CATEGORIES } from '../../../domain/catalog/schemas.ts';
import { ValidationError } from '../../../domain/shared/errors.ts';
import type { HttpEvent } from '../../middleware/http-event.ts';
import { pathId } from '../request.ts';

/** The path parameters of the pricing administration's resources. */
export const priceListIdOf = (event: HttpEvent) => pathId(event, 'priceListId', 'priceList');
export const priceRuleIdOf = (event: HttpEvent) => pathId(event, 'ruleId', 'priceRule');
export const transportRuleIdOf = (event: HttpEvent) => pathId(event, 'transportRuleId', 'transportRule');

/** Exchange and VAT rates are named by their natural key in the path: `/exchange-rates/USD/EUR/2027-01-01`. */
function pathPart(event: HttpEvent, name: string, pattern: RegExp, message: string): string {
  const value = event.pathParameters?.[name] ?? '';
  if (!pattern.test(value) || (name === 'validFrom' && Number.isNaN(Date.parse(value)))) throw ValidationError.field(`/path/${name}`, message);
  return value;
}

export const CURRENCY = /^[A-Z]{3}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validFrom = (event: HttpEvent) => pathPart(event, 'validFrom', DATE, 'must be a date such as "2027-01-01"');

export const rateKey = (event: HttpEvent) => ({
  from: pathPart(event, 'from', CURRENCY, 'must be an ISO 4217 currency code such as "EUR"'),
  to: pathPart(event, 'to', CURRENCY, 'must be an ISO 4217 currency code such as "EUR"'),
  validFrom: validFrom(event),
});

export const vatKey = (event: HttpEvent) => ({
  countryCode: pathPart(event, 'countryCode', /^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as "FR"'),
  category: pathPart(event, 'category', new RegExp(`^(${VAT_CATEGORIES.join('|')})$`), `must be one of ${VAT_CATEGORIES.join(', ')}`),
  validFrom: validFrom(event),
});
