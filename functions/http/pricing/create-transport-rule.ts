import { transportRuleFieldsSchema } from '../../../domain/pricing/admin/schemas.ts';
import { createTransportRule as create } from '../../../domain/pricing/admin/use-cases/transport-rules.ts';
import { pricingAdminDeps } from '../../composition.ts';
import { readsBody, type Operation } from '../http-handler.ts';
import { json } from '../responses.ts';
import { transportRuleLocation } from './admin-representation.ts';

export const createTransportRule: Operation = readsBody(transportRuleFieldsSchema, async (event) => {
  const rule = await create(pricingAdminDeps(), event.actor, event.json);
  return json(201, rule, { version: rule.version, location: transportRuleLocation(rule) });
});
