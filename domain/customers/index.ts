/**
 * The customers context's public entry: what another context may use of it (DESIGN §9). Reaching into the
 * context's other modules from outside it is refused by dependency-cruiser (`context-entry-only`).
 */
export type { Customer } from './customer.ts';
export { customerVisibility, requireVisibleCustomer, type CustomerVisibility } from './visibility.ts';
