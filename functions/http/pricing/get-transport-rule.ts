import { getTransportRule as get } from '../../../domain/pricing/admin/use-cases/transport-rules.ts';
import { pricingAdminDeps } from '../../composition.ts';
import type { Operation } from '../http-handler.ts';
import { json } from '../responses.ts';
import { transportRuleIdOf } from './path-keys.ts';

export const getTransportRule: Operation = async (event) => {
  const rule = await get(pricingAdminDeps(), event.actor, transportRuleIdOf(event));
  return json(200, rule, { version: rule.version });
};
