import { stateOperation } from './change-customer-state.ts';

export const qualifyCustomer = stateOperation('qualify');
