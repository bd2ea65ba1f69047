import type { Actor } from '../../shared/actor.ts';
import { changedFields } from '../../shared/merge-patch.ts';
import { mergePatched, nextVersion, writablePartOf, type ExpectedVersion } from '../../shared/versioning.ts';
import { assertCanChangeCatalog, catalogEvent, existingProduct, type CatalogDeps } from '../access.ts';
import type { Product } from '../product.ts';
import { productFieldsSchema } from '../schemas.ts';
import { PRODUCT_FIXED } from './create-product.ts';
import { checkedProduct } from './product-rules.ts';


const PATCHABLE = writablePartOf(productFieldsSchema, { fixed: PRODUCT_FIXED });

/**
 * Applies a JSON merge patch (RFC 7396) to a product's fields (arrays, such as kit components, are replaced).
 * Input: the expected version (If-Match) and the patch. Output: the product.
 * Steps: load → check version → merge → validate the result as a whole, as on creation → commit with
 * `product.updated` listing the changed fields (nothing changed: no new version, no event).
 */
export async function updateProduct(deps: CatalogDeps, actor: Actor, productId: string, expectedVersion: ExpectedVersion, patch: unknown): Promise<Product> {
  assertCanChangeCatalog(actor);
  const current = await existingProduct(deps, productId);
  const fields = mergePatched(current, expectedVersion, patch, PATCHABLE);
  const { value, guards } = await checkedProduct(deps, productId, fields, current);
  const changed = changedFields(PATCHABLE.fields, current, value);
  if (changed.length === 0) return current;
  const next = nextVersion(current, deps.clock, value, PATCHABLE.fields);
  const event = catalogEvent('product.updated', { productId, version: next.version, changedFields: changed }, { actor, clock: deps.clock, subject: productId });
  await deps.store.commit([{ entity: 'product', previous: current, next }, ...guards], [event]);
  return next;
}
