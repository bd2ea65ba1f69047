import * as z from 'zod';
import { CUSTOMER_STATES } from './schemas.ts';

/**
 * Events of the customers context, versioned. Events are thin: they say what happened to which
 * customer; consumers read the customer when they need more.
 */
const customerRef = { customerId: z.string(), version: z.number().int() };
const transition = z.object({ ...customerRef, from: z.enum(CUSTOMER_STATES), to: z.enum(CUSTOMER_STATES), reason: z.string().optional() });

export const customerEventSchemas = {
  'customer.created': { version: 1, data: z.object({ ...customerRef, name: z.string(), state: z.enum(CUSTOMER_STATES), salesAgentId: z.string().optional(), convertedFrom: z.object({ customerId: z.string(), contactId: z.string().optional(), addressId: z.string().optional() }).optional() }) },
  'customer.updated': { version: 1, data: z.object({ ...customerRef, changedFields: z.array(z.string()) }) },
  'customer.qualified': { version: 1, data: transition },
  'customer.activated': { version: 1, data: transition },
  'customer.abandoned': { version: 1, data: transition },
  'customer.reopened': { version: 1, data: transition },
  'customer.blocked': { version: 1, data: transition },
  'customer.unblocked': { version: 1, data: transition },
  'customer.address-added': { version: 1, data: z.object({ ...customerRef, addressId: z.string() }) },
  'customer.address-updated': { version: 1, data: z.object({ ...customerRef, addressId: z.string() }) },
  'customer.address-removed': { version: 1, data: z.object({ ...customerRef, addressId: z.string() }) },
  'customer.contact-added': { version: 1, data: z.object({ ...customerRef, contactId: z.string() }) },
  'customer.contact-updated': { version: 1, data: z.object({ ...customerRef, contactId: z.string() }) },
  'customer.contact-removed': { version: 1, data: z.object({ ...customerRef, contactId: z.string() }) },
} as const;

export type CustomerEventType = keyof typeof customerEventSchemas;
export type CustomerEventData<T extends CustomerEventType> = z.input<(typeof customerEventSchemas)[T]['data']>;
