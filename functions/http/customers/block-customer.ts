import { stateOperation } from './change-customer-state.ts';

export const blockCustomer = stateOperation('block');
