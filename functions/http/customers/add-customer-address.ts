import { addressChild, addChild } from './child-operations.ts';

export const addCustomerAddress = addChild(addressChild);
