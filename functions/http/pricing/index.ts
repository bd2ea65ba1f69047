import { httpPlatform } from '../../composition.ts';
import { contextHandler, type Operation } from '../http-handler.ts';
import { createPriceList, getPriceList, listPriceLists, updatePriceList } from './price-lists.ts';
import { createPriceRule, getPriceRule, listPriceRules, removePriceRule, updatePriceRule } from './price-rules.ts';
import {
  createExchangeRate,
  createVatRate,
  getExchangeRate,
  getVatRate,
  listExchangeRates,
  listVatRates,
  removeExchangeRate,
  removeVatRate,
  updateExchangeRate,
  updateVatRate,
} from './rates.ts';
import { simulatePrices } from './simulate-prices.ts';
import { getPricesAsOf, getPricingStructure, listPriceHistory, updatePricingStructure } from './structure-and-history.ts';
import { createTransportRule, getTransportRule, listTransportRules, removeTransportRule, updateTransportRule } from './transport-rules.ts';

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
