import { httpPlatform } from '../../composition.ts';
import { contextHandler, type Operation } from '../http-handler.ts';
import { simulatePrices } from './simulate-prices.ts';

/** The pricing context's operations, by the operationId of the contract. */
export const operations: Record<string, Operation> = {
  simulatePrices,
};

export const handler = contextHandler(operations, httpPlatform);
