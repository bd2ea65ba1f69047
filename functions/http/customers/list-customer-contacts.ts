import { contactChild, listChildren } from './child-operations.ts';

export const listCustomerContacts = listChildren(contactChild);
