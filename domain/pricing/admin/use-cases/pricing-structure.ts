import type { Actor } from '../../../shared/actor.ts';
import { changedFields } from '../../../shared/merge-patch.ts';
import { SERVER_OWNED_MESSAGE } from '../../../shared/validation.ts';
import { mergePatched, nextVersion, writablePartOf, type ExpectedVersion } from '../../../shared/versioning.ts';
import { assertCanChangePrices, pricingEvent, type PricingAdminDeps } from '../access.ts';
import type { PricingStructureRecord } from '../records.ts';
import { pricingStructureSchema } from '../schemas.ts';

const PATCHABLE = writablePartOf(pricingStructureSchema, { fixed: { version: SERVER_OWNED_MESSAGE, updatedAt: SERVER_OWNED_MESSAGE, updatedBy: SERVER_OWNED_MESSAGE } });

/** PRC-7: the pricing structure in force — the default (version 0) until an admin changes it. */
export function getPricingStructure(deps: Pick<PricingAdminDeps, 'store'>, _actor?: Actor): Promise<PricingStructureRecord> {
  return deps.store.structure();
}

/**
 * PRC-7: merge-patches the pricing structure (which sources apply, in what order, stop or stack; how discounts
 * combine; unit-price decimals; the cost basis of margins; the VAT category of transport fees) at the expected
 * version — 0 for the first change of the default. `sources` is replaced as a whole.
 * Output: the structure; `pricing-structure.updated` lists the changed fields.
 */
export async function updatePricingStructure(deps: PricingAdminDeps, actor: Actor, expectedVersion: ExpectedVersion, patch: unknown): Promise<PricingStructureRecord> {
  assertCanChangePrices(actor);
  const current = await deps.store.structure();
  const fields = mergePatched(current, expectedVersion, patch, PATCHABLE);
  const changed = changedFields(PATCHABLE.fields, current, fields);
  if (changed.length === 0) return current;
  const next = nextVersion(current, deps.clock, { ...fields, updatedBy: actor.id }, PATCHABLE.fields);
  const event = pricingEvent(
    'pricing-structure.updated',
    { version: next.version, changedFields: changed, sources: next.sources.map((entry) => entry.source) },
    { actor, clock: deps.clock, subject: 'pricing-structure' },
  );
  await deps.store.commit([{ entity: 'structure', previous: current.version === 0 ? null : current, next }], [event]);
  return next;
}
