import * as z from 'zod';
import type { PriceHistoryEntry } from './history.ts';
import type { ExchangeRateRecord, PriceListRecord, PriceRuleRecord, PricingStructureRecord, TransportRuleRecord, VatRateRecord } from './records.ts';
import {
  exchangeRateCreateSchema,
  priceListCreateSchema,
  priceListFieldsSchema,
  priceRuleCreateSchema,
  pricingStructureSchema,
  ruleTargetSchema,
  transportRuleFieldsSchema,
  vatRateCreateSchema,
} from './schemas.ts';

/**
 * The records as stored (records.ts): what the store reads back is parsed with these (DESIGN §9), never cast. Each
 * is the writable shape a client sends (schemas.ts) with the fields the server sets.
 */
const stamps = { version: z.int().positive(), createdAt: z.iso.datetime(), updatedAt: z.iso.datetime(), updatedBy: z.string() };

/** Fixed at creation (the create schema's other checks tie them to the source; a stored list passed them). */
const { source, currency, customerId, priceGroup } = priceListCreateSchema.shape;

export const priceListRecordSchema: z.ZodType<PriceListRecord> = priceListFieldsSchema.safeExtend({ ...stamps, id: z.string(), source, currency, customerId, priceGroup });

export const priceRuleRecordSchema: z.ZodType<PriceRuleRecord> = priceRuleCreateSchema.safeExtend({ ...stamps, id: z.string(), listId: z.string() });

const historyBase = {
  listId: z.string(),
  version: z.int().positive(),
  change: z.enum(['created', 'updated', 'removed']),
  changedAt: z.iso.datetime(),
  changedBy: z.string(),
  changedFields: z.array(z.string()).optional(),
};

export const priceHistoryEntrySchema: z.ZodType<PriceHistoryEntry> = z.discriminatedUnion('subject', [
  z.strictObject({ ...historyBase, subject: z.literal('rule'), ruleId: z.string(), target: ruleTargetSchema, rule: priceRuleRecordSchema }),
  z.strictObject({ ...historyBase, subject: z.literal('list'), list: priceListRecordSchema }),
]);

export const exchangeRateRecordSchema: z.ZodType<ExchangeRateRecord> = exchangeRateCreateSchema.safeExtend(stamps);

export const vatRateRecordSchema: z.ZodType<VatRateRecord> = vatRateCreateSchema.safeExtend(stamps);

export const transportRuleRecordSchema: z.ZodType<TransportRuleRecord> = transportRuleFieldsSchema.safeExtend({ ...stamps, id: z.string() });

/** Stored once changed: the default (version 0) is never written. */
export const pricingStructureRecordSchema: z.ZodType<PricingStructureRecord> = pricingStructureSchema.safeExtend({
  version: z.int().positive(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
});
