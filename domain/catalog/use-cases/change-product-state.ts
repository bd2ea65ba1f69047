import type { Actor } from '../../shared/actor.ts';
import { ConflictError } from '../../shared/errors.ts';
import { parseWith } from '../../shared/validation.ts';
import { assertExpectedVersion, type ExpectedVersion } from '../../shared/versioning.ts';
import { assertCanChangeCatalog, catalogEvent, existingProduct, touched, type CatalogDeps } from '../access.ts';
import { PRODUCT_STATE_ACTIONS, type Product, type ProductStateAction } from '../product.ts';
import { stateChangeSchema } from '../schemas.ts';

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
  const { reason } = parseWith(stateChangeSchema, input ?? {});
  const current = await existingProduct(deps, productId);
  assertExpectedVersion(expectedVersion, current.version);
  const transition = PRODUCT_STATE_ACTIONS[action];
  if (!(transition.from as readonly string[]).includes(current.state)) {
    throw new ConflictError('invalid_state_transition', `A product in state ${current.state} cannot ${action}; allowed from: ${transition.from.join(', ')}`);
  }
  const { stateReason: _previousReason, ...rest } = current;
  const next = touched(rest as Product, deps.clock, { state: transition.to, ...(reason ? { stateReason: reason } : {}) });
  const event = catalogEvent(
    EVENT_OF[action],
    { productId, version: next.version, from: current.state, to: transition.to, reason },
    { actor, clock: deps.clock, subject: productId },
  );
  await deps.store.commit([{ entity: 'product', previous: current, next }], [event]);
  return next;
}
