import { contactChild, removeChild } from './child-operations.ts';

export const removeCustomerContact = removeChild(contactChild);
