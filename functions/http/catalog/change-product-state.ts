import { stateChangeSchema } from '../../../domain/shared/lifecycle.ts';
import type { ProductStateAction } from '../../../domain/catalog/product.ts';
import { changeProductState } from '../../../domain/catalog/use-cases/change-product-state.ts';
import { catalogDeps } from '../../composition.ts';
import { readsBody, type Operation } from '../http-handler.ts';
import { expectedVersion, pathId } from '../request.ts';
import { json } from '../responses.ts';
import { productResource } from './representation.ts';

/** The lifecycle operations share one shape: POST /products/{id}/<action> with If-Match and an optional reason. */
export function productStateOperation(action: ProductStateAction): Operation {
  return readsBody(stateChangeSchema, async (event) => {
    const product = await changeProductState(catalogDeps(), event.actor, pathId(event, 'productId', 'product'), expectedVersion(event), action, event.json);
    return json(200, productResource(product), { version: product.version });
  });
}
