import { productStateOperation } from './change-product-state.ts';

export const reactivateProduct = productStateOperation('reactivate');
