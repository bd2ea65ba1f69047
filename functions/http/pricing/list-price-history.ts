import * as z from 'zod';
import { priceHistory, type HistorySubject } from '../../../domain/pricing/admin/use-cases/price-history.ts';
import { ValidationError } from '../../../domain/shared/errors.ts';
import { pricingAdminDeps } from '../../composition.ts';
import { readsQuery, type Operation } from '../http-handler.ts';
import { idFilter, parseQuery } from '../request.ts';
import { json, pageOf } from '../responses.ts';

/** Dates or timestamps: the use case checks them and names the parameter. */
const moment = z.string().max(40).optional();

/** Exactly one subject: a rule (list and rule ids), a list, a product, a family or everything. */
export const listPriceHistory: Operation = readsQuery(async (event) => {
  const { page, filters } = parseQuery(event, {
    priceListId: idFilter('priceList'),
    ruleId: idFilter('priceRule'),
    productId: idFilter('product'),
    familyId: idFilter('family'),
    target: z.literal('all', { error: 'must be all' }).optional(),
    from: moment,
    to: moment,
  });
  if (filters.ruleId !== undefined && filters.priceListId === undefined) throw ValidationError.field('/query/priceListId', 'is required with ruleId');
  const subjects: HistorySubject[] = [
    ...(filters.priceListId !== undefined ? [{ listId: filters.priceListId, ...(filters.ruleId !== undefined ? { ruleId: filters.ruleId } : {}) }] : []),
    ...(filters.productId !== undefined ? [{ target: { kind: 'product' as const, productId: filters.productId } }] : []),
    ...(filters.familyId !== undefined ? [{ target: { kind: 'family' as const, familyId: filters.familyId } }] : []),
    ...(filters.target !== undefined ? [{ target: { kind: 'all' as const } }] : []),
  ];
  if (subjects.length !== 1) throw ValidationError.field('/query', 'must name one subject: priceListId (with ruleId), productId, familyId or target=all');
  const range = { ...(filters.from !== undefined ? { from: filters.from } : {}), ...(filters.to !== undefined ? { to: filters.to } : {}) };
  return json(200, pageOf(await priceHistory(pricingAdminDeps(), event.actor, subjects[0]!, range, page), (entry) => entry));
});
