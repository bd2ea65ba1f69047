/**
 * The customers context's public entry: what another context may use of it (DESIGN §9). Reaching into the
 * context's other modules from outside it is refused by dependency-cruiser (`context-entry-only`).
 */
export type { CustomersDeps } from './access.ts';
export type { Address, Contact, Customer, CustomerAggregate } from './customer.ts';
export { ADDRESS_ROLES, paymentTermsSchema, type AddressRole } from './schemas.ts';
export { getCustomer } from './use-cases/read-customers.ts';
export { customerVisibility, requireVisibleCustomer, type CustomerVisibility } from './visibility.ts';
