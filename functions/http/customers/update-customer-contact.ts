import { contactChild, updateChild } from './child-operations.ts';

export const updateCustomerContact = updateChild(contactChild);
