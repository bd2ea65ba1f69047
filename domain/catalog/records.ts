import * as z from 'zod';
import type { Family } from './family.ts';
import type { Product } from './product.ts';
import type { CustomerReference } from './reference.ts';
import { familyFieldsSchema, PRODUCT_STATES, productFieldsSchema, referenceFieldsSchema, unitCreateSchema } from './schemas.ts';
import type { CustomUnit } from './units.ts';

/** The records as stored: what the store reads back is parsed with these (DESIGN §9), never cast. */
const stamps = { version: z.int().positive(), createdAt: z.iso.datetime(), updatedAt: z.iso.datetime() };

export const familyRecordSchema: z.ZodType<Family> = familyFieldsSchema.safeExtend({
  ...stamps,
  id: z.string(),
  ancestorIds: z.array(z.string()),
  childCount: z.int().nonnegative(),
});

export const productRecordSchema: z.ZodType<Product> = productFieldsSchema.safeExtend({
  ...stamps,
  id: z.string(),
  state: z.enum(PRODUCT_STATES),
  stateReason: z.string().optional(),
});

export const referenceRecordSchema: z.ZodType<CustomerReference> = referenceFieldsSchema.safeExtend({
  ...stamps,
  id: z.string(),
  customerId: z.string(),
  productId: z.string(),
});

export const unitRecordSchema: z.ZodType<CustomUnit> = unitCreateSchema.safeExtend(stamps);
