import { VAT_CATEGORIES } from '../../../domain/catalog/index.ts';
import type { HttpEvent } from '../../middleware/http-event.ts';
import { pathId, pathPart } from '../request.ts';

/** The path parameters of the pricing administration's resources. */
export const priceListIdOf = (event: HttpEvent) => pathId(event, 'priceListId', 'priceList');
export const priceRuleIdOf = (event: HttpEvent) => pathId(event, 'ruleId', 'priceRule');
export const transportRuleIdOf = (event: HttpEvent) => pathId(event, 'transportRuleId', 'transportRule');

export const CURRENCY = /^[A-Z]{3}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const COUNTRY = /^[A-Z]{2}$/;
const CATEGORY = new RegExp(`^(${VAT_CATEGORIES.join('|')})$`);
const isDate = (value: string) => DATE.test(value) && !Number.isNaN(Date.parse(value));

/** Exchange and VAT rates are named by their natural key in the path (`/exchange-rates/USD/EUR/2027-01-01`); a key of another shape names none (404). */
export const rateKey = (event: HttpEvent) => ({
  from: pathPart(event, 'from', 'exchange rate', (value) => CURRENCY.test(value)),
  to: pathPart(event, 'to', 'exchange rate', (value) => CURRENCY.test(value)),
  validFrom: pathPart(event, 'validFrom', 'exchange rate', isDate),
});

export const vatKey = (event: HttpEvent) => ({
  countryCode: pathPart(event, 'countryCode', 'VAT rate', (value) => COUNTRY.test(value)),
  category: pathPart(event, 'category', 'VAT rate', (value) => CATEGORY.test(value)),
  validFrom: pathPart(event, 'validFrom', 'VAT rate', isDate),
});
