import { addressChild, updateChild } from './child-operations.ts';

export const updateCustomerAddress = updateChild(addressChild);
