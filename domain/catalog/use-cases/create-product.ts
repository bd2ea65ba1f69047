import type { Actor } from '../../shared/actor.ts';
import { parseWith, SERVER_OWNED_MESSAGE } from '../../shared/validation.ts';
import { newId } from '../../shared/ids.ts';
import { assertCanChangeCatalog, catalogEvent, type CatalogDeps } from '../access.ts';
import { PRODUCT_LIFECYCLE, type Product } from '../product.ts';
import { productFieldsSchema } from '../schemas.ts';
import { checkedProduct } from './product-rules.ts';

export const PRODUCT_FIXED = { stateReason: SERVER_OWNED_MESSAGE };

/**
 * Creates a product (PRD-1 … PRD-6), active.
 * Input: the request body (`code`, `name` and `units` required). Output: the product.
 * Steps: validate shape → units, quantities and costs → the family exists → a kit's components exist, are
 * available and do not lead back to it → commit with `product.created` (409 `product_code_taken` on a used code).
 */
export async function createProduct(deps: CatalogDeps, actor: Actor, input: unknown): Promise<Product> {
  assertCanChangeCatalog(actor);
  const fields = parseWith(productFieldsSchema, input, '', PRODUCT_FIXED);
  const productId = newId('product');
  const { value, guards } = await checkedProduct(deps, productId, fields);
  const now = deps.clock.now().toISOString();
  const product: Product = { ...value, id: productId, version: 1, state: PRODUCT_LIFECYCLE.initial, createdAt: now, updatedAt: now };
  const event = catalogEvent(
    'product.created',
    { productId, version: 1, code: product.code, kind: product.kind, familyId: product.familyId },
    { actor, clock: deps.clock, subject: productId },
  );
  await deps.store.commit([{ entity: 'product', previous: null, next: product }, ...guards], [event]);
  return product;
}
