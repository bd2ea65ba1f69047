import * as z from 'zod';
import { PRODUCT_KINDS, PRODUCT_STATES } from '../../../domain/catalog/schemas.ts';
import { getProductByCode, listProducts as list } from '../../../domain/catalog/use-cases/read-products.ts';
import { catalogDeps } from '../../composition.ts';
import { readsQuery, type Operation } from '../http-handler.ts';
import { assertSoleFilter, idFilter, parseQuery, updatedSinceFilter } from '../request.ts';
import { json, pageOf, pageOfMatch } from '../responses.ts';
import { productResource } from './representation.ts';

const filters = {
  familyId: idFilter('family'),
  state: z.enum(PRODUCT_STATES).optional(),
  kind: z.enum(PRODUCT_KINDS).optional(),
  codePrefix: z.string().min(1).max(40).optional(),
  code: z.string().min(1).max(40).optional(),
  updatedSince: updatedSinceFilter,
};

/** `?code=` is the EDI and e-commerce lookup: the product with that code, as a page of one or none. */
export const listProducts: Operation = readsQuery(async (event) => {
  const { page, filters: query } = parseQuery(event, filters);
  if (query.code === undefined) return json(200, pageOf(await list(catalogDeps(), event.actor, query, page), productResource));
  assertSoleFilter('code', query, page);
  return json(200, await pageOfMatch(getProductByCode(catalogDeps(), event.actor, query.code), 'Product', productResource));
});
