import * as z from 'zod';
import { explodeProductKit as explode } from '../../../domain/catalog/use-cases/read-products.ts';
import { catalogDeps } from '../../composition.ts';
import { readsQuery, type Operation } from '../http-handler.ts';
import { parseQueryParams, pathId } from '../request.ts';
import { json } from '../responses.ts';
import { kitExplosion } from './representation.ts';

export const explodeProductKit: Operation = readsQuery(async (event) => {
  const productId = pathId(event, 'productId', 'product');
  // The use case checks the quantity (a decimal greater than 0) and names /query/quantity.
  const { quantity } = parseQueryParams(event, { quantity: z.string().optional() });
  const lines = await explode(catalogDeps(), event.actor, productId, quantity);
  return json(200, kitExplosion(productId, quantity!, lines));
});
