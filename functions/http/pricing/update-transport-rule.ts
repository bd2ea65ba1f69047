import { transportRuleFieldsSchema } from '../../../domain/pricing/admin/schemas.ts';
import { updateTransportRule as update } from '../../../domain/pricing/admin/use-cases/transport-rules.ts';
import { pricingAdminDeps } from '../../composition.ts';
import { readsBody, type Operation } from '../http-handler.ts';
import { expectedVersion } from '../request.ts';
import { json } from '../responses.ts';
import { transportRuleIdOf } from './path-keys.ts';

export const updateTransportRule: Operation = readsBody(transportRuleFieldsSchema, async (event) => {
  const rule = await update(pricingAdminDeps(), event.actor, transportRuleIdOf(event), expectedVersion(event), event.json);
  return json(200, rule, { version: rule.version });
});
