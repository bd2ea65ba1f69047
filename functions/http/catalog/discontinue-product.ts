import { productStateOperation } from './change-product-state.ts';

export const discontinueProduct = productStateOperation('discontinue');
