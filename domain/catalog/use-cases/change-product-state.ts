import type { Actor } from '../../shared/actor.ts';
import { applyAction } from '../../shared/lifecycle.ts';
import type { ExpectedVersion } from '../../shared/versioning.ts';
import { assertCanChangeCatalog, catalogEvent, existingProduct, type CatalogDeps } from '../access.ts';
import { PRODUCT_LIFECYCLE, type Product, type ProductStateAction } from '../product.ts';

const EVENT_OF = {
  discontinue: 'product.discontinued',
  reactivate: 'product.reactivated',
} as const satisfies Record<ProductStateAction, string>;

/**
 * Discontinues a product (no longer offered, still readable: documents and kits name it) or reactivates it.
 * Input: the action, the expected version, an optional `{ reason }`. Output: the product.
 * A transition the current state does not allow is a 409 `invalid_state_transition`.
 */
export async function changeProductState(
  deps: CatalogDeps,
  actor: Actor,
  productId: string,
  expectedVersion: ExpectedVersion,
  action: ProductStateAction,
  input: unknown,
): Promise<Product> {
  assertCanChangeCatalog(actor);
  const current = await existingProduct(deps, productId);
  const { next, change } = applyAction(PRODUCT_LIFECYCLE, current, { expectedVersion, action, input, clock: deps.clock });
  const event = catalogEvent(
    EVENT_OF[action],
    { productId, version: next.version, ...change },
    { actor, clock: deps.clock, subject: productId },
  );
  await deps.store.commit([{ entity: 'product', previous: current, next }], [event]);
  return next;
}
