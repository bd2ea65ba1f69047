import { addressChild, getChild } from './child-operations.ts';

export const getCustomerAddress = getChild(addressChild);
