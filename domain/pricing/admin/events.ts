import * as z from 'zod';
import { PRICE_SOURCES } from '../structure.ts';
import { LIST_SOURCES, ruleTargetSchema } from './schemas.ts';

/**
 * Events of the pricing configuration, versioned and thin: what changed, at which version; consumers read the
 * record (or its history entry) when they need more.
 */
const listRef = { listId: z.string(), version: z.number().int() };
const ruleRef = { ruleId: z.string(), listId: z.string(), version: z.number().int() };
const rateRef = { from: z.string(), to: z.string(), validFrom: z.string(), version: z.number().int() };
const vatRef = { countryCode: z.string(), category: z.string(), validFrom: z.string(), version: z.number().int() };
const transportRef = { transportRuleId: z.string(), version: z.number().int() };
const changed = { changedFields: z.array(z.string()) };

export const pricingEventSchemas = {
  'price-list.created': {
    version: 1,
    data: z.object({ ...listRef, source: z.enum(LIST_SOURCES), currency: z.string(), customerId: z.string().optional(), priceGroup: z.string().optional() }),
  },
  'price-list.updated': { version: 1, data: z.object({ ...listRef, ...changed }) },
  'price-rule.created': { version: 1, data: z.object({ ...ruleRef, target: ruleTargetSchema }) },
  'price-rule.updated': { version: 1, data: z.object({ ...ruleRef, ...changed }) },
  /** `version`: the version the rule had when removed. */
  'price-rule.removed': { version: 1, data: z.object(ruleRef) },
  'exchange-rate.created': { version: 1, data: z.object({ ...rateRef, rate: z.string() }) },
  'exchange-rate.updated': { version: 1, data: z.object({ ...rateRef, rate: z.string() }) },
  'exchange-rate.removed': { version: 1, data: z.object(rateRef) },
  'vat-rate.created': { version: 1, data: z.object({ ...vatRef, rate: z.string() }) },
  'vat-rate.updated': { version: 1, data: z.object({ ...vatRef, rate: z.string() }) },
  'vat-rate.removed': { version: 1, data: z.object(vatRef) },
  'transport-rule.created': { version: 1, data: z.object(transportRef) },
  'transport-rule.updated': { version: 1, data: z.object({ ...transportRef, ...changed }) },
  'transport-rule.removed': { version: 1, data: z.object(transportRef) },
  'pricing-structure.updated': { version: 1, data: z.object({ version: z.number().int(), ...changed, sources: z.array(z.enum(PRICE_SOURCES)) }) },
} as const;

export type PricingEventType = keyof typeof pricingEventSchemas;
