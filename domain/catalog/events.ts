import * as z from 'zod';
import { PRODUCT_KINDS, PRODUCT_STATES } from './schemas.ts';

/**
 * Events of the catalog context, versioned. Thin, like the customers' ones: what happened to which family,
 * product or customer reference; consumers read the record when they need more.
 */
const familyRef = { familyId: z.string(), version: z.number().int() };
const productRef = { productId: z.string(), version: z.number().int() };
const referenceRef = { referenceId: z.string(), customerId: z.string(), productId: z.string(), version: z.number().int() };
const productTransition = z.object({ ...productRef, from: z.enum(PRODUCT_STATES), to: z.enum(PRODUCT_STATES), reason: z.string().optional() });

export const catalogEventSchemas = {
  'family.created': { version: 1, data: z.object({ ...familyRef, code: z.string(), parentId: z.string().optional() }) },
  'family.updated': { version: 1, data: z.object({ ...familyRef, changedFields: z.array(z.string()) }) },
  /** The family went under another parent (or to the top); `descendantIds` moved with it (their `ancestorIds` changed). */
  'family.moved': {
    version: 1,
    data: z.object({ ...familyRef, fromParentId: z.string().optional(), toParentId: z.string().optional(), descendantIds: z.array(z.string()) }),
  },
  'product.created': { version: 1, data: z.object({ ...productRef, code: z.string(), kind: z.enum(PRODUCT_KINDS), familyId: z.string().optional() }) },
  'product.updated': { version: 1, data: z.object({ ...productRef, changedFields: z.array(z.string()) }) },
  'product.discontinued': { version: 1, data: productTransition },
  'product.reactivated': { version: 1, data: productTransition },
  'customer-reference.created': { version: 1, data: z.object({ ...referenceRef, customerCode: z.string() }) },
  'customer-reference.updated': { version: 1, data: z.object({ ...referenceRef, changedFields: z.array(z.string()) }) },
  'customer-reference.removed': { version: 1, data: z.object(referenceRef) },
  'unit.created': { version: 1, data: z.object({ code: z.string(), version: z.number().int(), dimension: z.string(), factor: z.string() }) },
  'unit.updated': { version: 1, data: z.object({ code: z.string(), version: z.number().int(), changedFields: z.array(z.string()) }) },
} as const;

export type CatalogEventType = keyof typeof catalogEventSchemas;
export type CatalogEventData<T extends CatalogEventType> = z.input<(typeof catalogEventSchemas)[T]['data']>;
