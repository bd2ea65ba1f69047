import { stateOperation } from './change-customer-state.ts';

export const unblockCustomer = stateOperation('unblock');
