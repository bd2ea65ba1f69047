import { productFieldsSchema } from '../../../domain/catalog/schemas.ts';
import { createProduct as create } from '../../../domain/catalog/use-cases/create-product.ts';
import { catalogDeps } from '../../composition.ts';
import { readsBody, type Operation } from '../http-handler.ts';
import { json } from '../responses.ts';
import { productLocation, productResource } from './representation.ts';

export const createProduct: Operation = readsBody(productFieldsSchema, async (event) => {
  const product = await create(catalogDeps(), event.actor, event.json);
  return json(201, productResource(product), { version: product.version, location: productLocation(product) });
});
