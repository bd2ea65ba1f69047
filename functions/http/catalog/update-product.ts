import { productFieldsSchema } from '../../../domain/catalog/schemas.ts';
import { updateProduct as update } from '../../../domain/catalog/use-cases/update-product.ts';
import { catalogDeps } from '../../composition.ts';
import { readsBody, type Operation } from '../http-handler.ts';
import { expectedVersion, pathId } from '../request.ts';
import { json } from '../responses.ts';
import { productResource } from './representation.ts';

export const updateProduct: Operation = readsBody(productFieldsSchema, async (event) => {
  const product = await update(catalogDeps(), event.actor, pathId(event, 'productId', 'product'), expectedVersion(event), event.json);
  return json(200, productResource(product), { version: product.version });
});
