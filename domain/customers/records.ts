import * as z from 'zod';
import { money } from '../shared/validation.ts';
import type { Address, Contact, Customer } from './customer.ts';
import { addressFieldsSchema, contactFieldsSchema, CUSTOMER_STATES, customerFieldsSchema } from './schemas.ts';

/** The records as stored: what the store reads back is parsed with these (DESIGN §9), never cast. */
const stamps = { id: z.string(), version: z.int().positive(), createdAt: z.iso.datetime(), updatedAt: z.iso.datetime() };

export const customerRecordSchema: z.ZodType<Customer> = customerFieldsSchema.safeExtend({
  ...stamps,
  state: z.enum(CUSTOMER_STATES),
  stateReason: z.string().optional(),
  outstanding: money,
  addressCount: z.int().nonnegative(),
  contactCount: z.int().nonnegative(),
});

const childStamps = { ...stamps, customerId: z.string(), convertedToCustomerId: z.string().optional() };

export const addressRecordSchema: z.ZodType<Address> = addressFieldsSchema.safeExtend(childStamps);

export const contactRecordSchema: z.ZodType<Contact> = contactFieldsSchema.safeExtend(childStamps);
