import { addressChild, removeChild } from './child-operations.ts';

export const removeCustomerAddress = removeChild(addressChild);
