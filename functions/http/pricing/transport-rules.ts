import { createTransportRule as create, getTransportRule as get, listTransportRules as list, removeTransportRule as remove, updateTransportRule as update } from '../../../domain/pricing/admin/use-cases/transport-rules.ts';
import { pricingAdminDeps } from '../../composition.ts';
import type { HttpEvent } from '../../middleware/http-event.ts';
import type { Operation } from '../http-handler.ts';
import { expectedVersion, parseQuery, pathId } from '../request.ts';
import { json, noContent, pageOf } from '../responses.ts';
import { transportRuleLocation } from './admin-representation.ts';

const ruleId = (event: HttpEvent) => pathId(event, 'transportRuleId', 'transportRule');

export const createTransportRule: Operation = async (event) => {
  const rule = await create(pricingAdminDeps(), event.actor, event.json);
  return json(201, rule, { version: rule.version, location: transportRuleLocation(rule) });
};

export const listTransportRules: Operation = async (event) => {
  const { page } = parseQuery(event, {});
  return json(200, pageOf(await list(pricingAdminDeps(), event.actor, page), (rule) => rule));
};

export const getTransportRule: Operation = async (event) => {
  const rule = await get(pricingAdminDeps(), event.actor, ruleId(event));
  return json(200, rule, { version: rule.version });
};

export const updateTransportRule: Operation = async (event) => {
  const rule = await update(pricingAdminDeps(), event.actor, ruleId(event), expectedVersion(event), event.json);
  return json(200, rule, { version: rule.version });
};

export const removeTransportRule: Operation = async (event) => {
  await remove(pricingAdminDeps(), event.actor, ruleId(event), expectedVersion(event));
  return noContent();
};
