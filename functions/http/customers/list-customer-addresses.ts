import { addressChild, listChildren } from './child-operations.ts';

export const listCustomerAddresses = listChildren(addressChild);
