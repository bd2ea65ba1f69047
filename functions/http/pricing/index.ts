import { httpPlatform } from '../../composition.ts';
import { contextHandler, type Operation } from '../http-handler.ts';
import { simulatePrices } from './simulate-prices.ts';
import { listPriceLists } from './list-price-lists.ts';
import { createPriceList } from './create-price-list.ts';
import { getPriceList } from './get-price-list.ts';
import { updatePriceList } from './update-price-list.ts';
import { listPriceRules } from './list-price-rules.ts';
import { createPriceRule } from './create-price-rule.ts';
import { getPriceRule } from './get-price-rule.ts';
import { updatePriceRule } from './update-price-rule.ts';
import { removePriceRule } from './remove-price-rule.ts';
import { listExchangeRates } from './list-exchange-rates.ts';
import { createExchangeRate } from './create-exchange-rate.ts';
import { getExchangeRate } from './get-exchange-rate.ts';
import { updateExchangeRate } from './update-exchange-rate.ts';
import { removeExchangeRate } from './remove-exchange-rate.ts';
import { listVatRates } from './list-vat-rates.ts';
import { createVatRate } from './create-vat-rate.ts';
import { getVatRate } from './get-vat-rate.ts';
import { updateVatRate } from './update-vat-rate.ts';
import { removeVatRate } from './remove-vat-rate.ts';
import { listTransportRules } from './list-transport-rules.ts';
import { createTransportRule } from './create-transport-rule.ts';
import { getTransportRule } from './get-transport-rule.ts';
import { updateTransportRule } from './update-transport-rule.ts';
import { removeTransportRule } from './remove-transport-rule.ts';
import { getPricingStructure } from './get-pricing-structure.ts';
import { updatePricingStructure } from './update-pricing-structure.ts';
import { listPriceHistory } from './list-price-history.ts';
import { getPricesAsOf } from './get-prices-as-of.ts';

/** The pricing context's operations, by the operationId of the contract. */
export const operations: Record<string, Operation> = {
  simulatePrices,
  listPriceLists,
  createPriceList,
  getPriceList,
  updatePriceList,
  listPriceRules,
  createPriceRule,
  getPriceRule,
  updatePriceRule,
  removePriceRule,
  listExchangeRates,
  createExchangeRate,
  getExchangeRate,
  updateExchangeRate,
  removeExchangeRate,
  listVatRates,
  createVatRate,
  getVatRate,
  updateVatRate,
  removeVatRate,
  listTransportRules,
  createTransportRule,
  getTransportRule,
  updateTransportRule,
  removeTransportRule,
  getPricingStructure,
  updatePricingStructure,
  listPriceHistory,
  getPricesAsOf,
};

export const handler = contextHandler(operations, httpPlatform);
