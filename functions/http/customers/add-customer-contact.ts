import { contactChild, addChild } from './child-operations.ts';

export const addCustomerContact = addChild(contactChild);
