import * as z from 'zod';
import { findReferenceByCustomerCode, listReferences } from '../../../domain/catalog/use-cases/customer-references.ts';
import { catalogDeps } from '../../composition.ts';
import { readsQuery, type Operation } from '../http-handler.ts';
import { assertSoleFilter, parseQuery, pathId } from '../request.ts';
import { json, pageOf, pageOfMatch } from '../responses.ts';
import { referenceResource } from './representation.ts';

const filters = {
  customerCodePrefix: z.string().min(1).max(60).optional(),
  customerCode: z.string().min(1).max(60).optional(),
};

/** `?customerCode=` is the EDI lookup: the reference an order names by the customer's own code, as a page of one or none. */
export const listCustomerReferences: Operation = readsQuery(async (event) => {
  const customerId = pathId(event, 'customerId', 'customer');
  const { page, filters: { customerCode, ...query } } = parseQuery(event, filters);
  if (customerCode === undefined) return json(200, pageOf(await listReferences(catalogDeps(), event.actor, customerId, query, page), referenceResource));
  assertSoleFilter('customerCode', { customerCode, ...query }, page);
  const find = findReferenceByCustomerCode(catalogDeps(), event.actor, customerId, customerCode);
  return json(200, await pageOfMatch(find, 'CustomerReference', referenceResource));
});
