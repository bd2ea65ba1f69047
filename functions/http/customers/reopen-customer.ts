import { stateOperation } from './change-customer-state.ts';

export const reopenCustomer = stateOperation('reopen');
