import type { PriceListRecord, PriceRuleRecord, TransportRuleRecord } from '../../../domain/pricing/admin/records.ts';

/**
 * The pricing administration's records are the API's resources as they are (the contract's PriceList, PriceRule,
 * ExchangeRate, VatRate, TransportRule, PricingStructure, PriceHistoryEntry): only the locations are built here.
 */
export const priceListResource = (list: PriceListRecord): PriceListRecord => list;

export const priceListLocation = (list: Pick<PriceListRecord, 'id'>): string => `/price-lists/${list.id}`;

export const priceRuleLocation = (rule: Pick<PriceRuleRecord, 'id' | 'listId'>): string => `/price-lists/${rule.listId}/rules/${rule.id}`;

export const transportRuleLocation = (rule: Pick<TransportRuleRecord, 'id'>): string => `/transport-rules/${rule.id}`;

export const exchangeRateLocation = (rate: { readonly from: string; readonly to: string; readonly validFrom: string }): string => `/exchange-rates/${rate.from}/${rate.to}/${rate.validFrom}`;

export const vatRateLocation = (rate: { readonly countryCode: string; readonly category: string; readonly validFrom: string }): string =>
  `/vat-rates/${rate.countryCode}/${rate.category}/${rate.validFrom}`;
