import { contactChild, getChild } from './child-operations.ts';

export const getCustomerContact = getChild(contactChild);
