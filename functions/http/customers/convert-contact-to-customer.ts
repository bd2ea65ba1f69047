import { contactChild, convertChild } from './child-operations.ts';

export const convertContactToCustomer = convertChild(contactChild);
