import { getProduct as get } from '../../../domain/catalog/use-cases/read-products.ts';
import { catalogDeps } from '../../composition.ts';
import type { Operation } from '../http-handler.ts';
import { pathId } from '../request.ts';
import { json } from '../responses.ts';
import { productResource } from './representation.ts';

export const getProduct: Operation = async (event) => {
  const product = await get(catalogDeps(), event.actor, pathId(event, 'productId', 'product'));
  return json(200, productResource(product), { version: product.version });
};
