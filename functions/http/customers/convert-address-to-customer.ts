import { addressChild, convertChild } from './child-operations.ts';

export const convertAddressToCustomer = convertChild(addressChild);
