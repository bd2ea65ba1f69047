import { stateOperation } from './change-customer-state.ts';

export const activateCustomer = stateOperation('activate');
