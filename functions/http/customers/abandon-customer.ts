import { stateOperation } from './change-customer-state.ts';

export const abandonCustomer = stateOperation('abandon');
