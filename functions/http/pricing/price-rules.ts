import { createPriceRule as create, getPriceRule as get, listPriceRules as list, removePriceRule as remove, updatePriceRule as update } from '../../../domain/pricing/admin/use-cases/price-rules.ts';
import { pricingAdminDeps } from '../../composition.ts';
import type { HttpEvent } from '../../middleware/http-event.ts';
import type { Operation } from '../http-handler.ts';
import { expectedVersion, parseQuery, pathId } from '../request.ts';
import { json, noContent, pageOf } from '../responses.ts';
import { priceRuleLocation } from './admin-representation.ts';

const listId = (event: HttpEvent) => pathId(event, 'priceListId', 'priceList');
const ruleId = (event: HttpEvent) => pathId(event, 'ruleId', 'priceRule');

export const createPriceRule: Operation = async (event) => {
  const rule = await create(pricingAdminDeps(), event.actor, listId(event), event.json);
  return json(201, rule, { version: rule.version, location: priceRuleLocation(rule) });
};

export const listPriceRules: Operation = async (event) => {
  const id = listId(event);
  const { page } = parseQuery(event, {});
  return json(200, pageOf(await list(pricingAdminDeps(), event.actor, { listId: id }, page), (rule) => rule));
};

export const getPriceRule: Operation = async (event) => {
  const rule = await get(pricingAdminDeps(), event.actor, listId(event), ruleId(event));
  return json(200, rule, { version: rule.version });
};

export const updatePriceRule: Operation = async (event) => {
  const rule = await update(pricingAdminDeps(), event.actor, listId(event), ruleId(event), expectedVersion(event), event.json);
  return json(200, rule, { version: rule.version });
};

export const removePriceRule: Operation = async (event) => {
  await remove(pricingAdminDeps(), event.actor, listId(event), ruleId(event), expectedVersion(event));
  return noContent();
};
