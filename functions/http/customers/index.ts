import { httpPlatform } from '../../composition.ts';
import { contextHandler, type Operation } from '../http-handler.ts';
import { createCustomer } from './create-customer.ts';
import { listCustomers } from './list-customers.ts';
import { getCustomer } from './get-customer.ts';
import { updateCustomer } from './update-customer.ts';
import { qualifyCustomer } from './qualify-customer.ts';
import { activateCustomer } from './activate-customer.ts';
import { abandonCustomer } from './abandon-customer.ts';
import { reopenCustomer } from './reopen-customer.ts';
import { blockCustomer } from './block-customer.ts';
import { unblockCustomer } from './unblock-customer.ts';
import { listCustomerAddresses } from './list-customer-addresses.ts';
import { addCustomerAddress } from './add-customer-address.ts';
import { getCustomerAddress } from './get-customer-address.ts';
import { updateCustomerAddress } from './update-customer-address.ts';
import { removeCustomerAddress } from './remove-customer-address.ts';
import { convertAddressToCustomer } from './convert-address-to-customer.ts';
import { listCustomerContacts } from './list-customer-contacts.ts';
import { addCustomerContact } from './add-customer-contact.ts';
import { getCustomerContact } from './get-customer-contact.ts';
import { updateCustomerContact } from './update-customer-contact.ts';
import { removeCustomerContact } from './remove-customer-contact.ts';
import { convertContactToCustomer } from './convert-contact-to-customer.ts';

/** The customers context's operations, by the operationId of the contract. */
export const operations: Record<string, Operation> = {
  createCustomer,
  listCustomers,
  getCustomer,
  updateCustomer,
  qualifyCustomer,
  activateCustomer,
  abandonCustomer,
  reopenCustomer,
  blockCustomer,
  unblockCustomer,
  listCustomerAddresses,
  addCustomerAddress,
  getCustomerAddress,
  updateCustomerAddress,
  removeCustomerAddress,
  convertAddressToCustomer,
  listCustomerContacts,
  addCustomerContact,
  getCustomerContact,
  updateCustomerContact,
  removeCustomerContact,
  convertContactToCustomer,
};

export const handler = contextHandler(operations, httpPlatform);
