import * as z from 'zod';
import { createPriceList as create, getPriceList as get, listPriceLists as list, updatePriceList as update } from '../../../domain/pricing/admin/use-cases/price-lists.ts';
import { LIST_SOURCES, priceGroupCode } from '../../../domain/pricing/admin/schemas.ts';
import { pricingAdminDeps } from '../../composition.ts';
import type { Operation } from '../http-handler.ts';
import { expectedVersion, idFilter, parseQuery, pathId } from '../request.ts';
import { json, pageOf } from '../responses.ts';
import { priceListLocation, priceListResource } from './admin-representation.ts';

export const createPriceList: Operation = async (event) => {
  const { list: created, rules } = await create(pricingAdminDeps(), event.actor, event.json);
  return json(201, { ...priceListResource(created), rules }, { version: created.version, location: priceListLocation(created) });
};

const filters = {
  source: z.enum(LIST_SOURCES).optional(),
  customerId: idFilter('customer'),
  priceGroup: priceGroupCode.optional(),
  namePrefix: z.string().min(1).max(200).optional(),
};

export const listPriceLists: Operation = async (event) => {
  const { page, filters: query } = parseQuery(event, filters);
  const defined = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
  return json(200, pageOf(await list(pricingAdminDeps(), event.actor, defined, page), priceListResource));
};

export const getPriceList: Operation = async (event) => {
  const found = await get(pricingAdminDeps(), event.actor, pathId(event, 'priceListId', 'priceList'));
  return json(200, priceListResource(found), { version: found.version });
};

/** `{ "active": false }` deactivates a list, `true` activates it again: lists are never deleted. */
export const updatePriceList: Operation = async (event) => {
  const updated = await update(pricingAdminDeps(), event.actor, pathId(event, 'priceListId', 'priceList'), expectedVersion(event), event.json);
  return json(200, priceListResource(updated), { version: updated.version });
};
