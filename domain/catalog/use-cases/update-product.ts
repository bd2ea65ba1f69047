import type { Actor } from '../../shared/actor.ts';
import { parseWith } from '../../shared/validation.ts';
import { ValidationError } from '../../shared/errors.ts';
import { applyMergePatch, changedFields, isPlainObject, serverPart, writablePart } from '../../shared/merge-patch.ts';
import { assertExpectedVersion, type ExpectedVersion } from '../../shared/versioning.ts';
import { assertCanChangeCatalog, catalogEvent, existingProduct, touched, type CatalogDeps } from '../access.ts';
import type { Product } from '../product.ts';
import { productFieldsSchema } from '../schemas.ts';
import { PRODUCT_FIXED } from './create-product.ts';
import { checkedProduct } from './product-rules.ts';

const FIELDS = Object.keys(productFieldsSchema.shape);

/**
 * Applies a JSON merge patch (RFC 7396) to a product's fields (arrays, such as kit components, are replaced).
 * Input: the expected version (If-Match) and the patch. Output: the product.
 * Steps: load → check version → merge → validate the result as a whole, as on creation → commit with
 * `product.updated` listing the changed fields (nothing changed: no new version, no event).
 */
export async function updateProduct(deps: CatalogDeps, actor: Actor, productId: string, expectedVersion: ExpectedVersion, patch: unknown): Promise<Product> {
  assertCanChangeCatalog(actor);
  if (!isPlainObject(patch)) throw ValidationError.field('', 'must be a JSON object (a merge patch)');
  const current = await existingProduct(deps, productId);
  assertExpectedVersion(expectedVersion, current.version);

  const fields = parseWith(productFieldsSchema, applyMergePatch(writablePart(current, FIELDS), patch), '', PRODUCT_FIXED);
  const { value, guards } = await checkedProduct(deps, productId, fields, current);
  const changed = changedFields(FIELDS, current, value);
  if (changed.length === 0) return current;
  const next = touched(serverPart(current, FIELDS), deps.clock, value);
  const event = catalogEvent('product.updated', { productId, version: next.version, changedFields: changed }, { actor, clock: deps.clock, subject: productId });
  await deps.store.commit([{ entity: 'product', previous: current, next }, ...guards], [event]);
  return next;
}
