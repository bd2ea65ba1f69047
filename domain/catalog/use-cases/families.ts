import type { Actor } from '../../shared/actor.ts';
import { parseWith, SERVER_OWNED_MESSAGE } from '../../shared/validation.ts';
import type { DomainEvent } from '../../shared/events.ts';
import { ConflictError, ValidationError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { changedFields } from '../../shared/merge-patch.ts';
import type { Page, PageRequest } from '../../shared/page.ts';
import { mergePatched, nextVersion, writablePartOf, type ExpectedVersion } from '../../shared/versioning.ts';
import { assertCanChangeCatalog, catalogEvent, existingFamily, type CatalogDeps } from '../access.ts';
import { familyDepth, familyPath, MAX_FAMILY_DEPTH, MAX_MOVED_FAMILIES, type Family } from '../family.ts';
import type { CatalogWrite, FamilyQuery } from '../ports.ts';
import { familyFieldsSchema} from '../schemas.ts';

const FIXED = { ancestorIds: SERVER_OWNED_MESSAGE, childCount: SERVER_OWNED_MESSAGE };

const PATCHABLE = writablePartOf(familyFieldsSchema, { fixed: FIXED });

/**
 * Creates a product family, at the top or under a parent.
 * Input: `{ code, name, parentId? }`. Output: the family.
 * Steps: validate → the parent exists and is less than 8 levels deep → commit the family and its parent's
 * new child count with `family.created` (the code is unique: 409 `family_code_taken`).
 */
export async function createFamily(deps: CatalogDeps, actor: Actor, input: unknown): Promise<Family> {
  assertCanChangeCatalog(actor);
  const fields = parseWith(familyFieldsSchema, input, '', FIXED);
  const parent = fields.parentId === undefined ? undefined : await parentFamily(deps, fields.parentId);
  if (parent && familyDepth(parent) >= MAX_FAMILY_DEPTH) {
    throw ValidationError.field('/parentId', `families nest at most ${MAX_FAMILY_DEPTH} levels deep; ${parent.code} is at level ${familyDepth(parent)}`);
  }
  const now = deps.clock.now().toISOString();
  const family: Family = { ...fields, id: newId('family'), version: 1, ancestorIds: parent ? familyPath(parent) : [], childCount: 0, createdAt: now, updatedAt: now };
  const writes: CatalogWrite[] = [{ entity: 'family', previous: null, next: family }];
  if (parent) writes.push({ entity: 'family', previous: parent, next: nextVersion(parent, deps.clock, { childCount: parent.childCount + 1 }) });
  const event = catalogEvent('family.created', { familyId: family.id, version: 1, code: family.code, parentId: family.parentId }, { actor, clock: deps.clock, subject: family.id });
  await deps.store.commit(writes, [event]);
  return family;
}

/**
 * Merge-patches a family (RFC 7396) at the expected version. A new `parentId` moves the family with its
 * whole subtree: never under itself or one of its sub-families, never deeper than 8 levels.
 * Output: the family. Events: `family.updated`, plus `family.moved` on a move.
 */
export async function updateFamily(deps: CatalogDeps, actor: Actor, familyId: string, expectedVersion: ExpectedVersion, patch: unknown): Promise<Family> {
  assertCanChangeCatalog(actor);
  const current = await existingFamily(deps, familyId);
  const fields = mergePatched(current, expectedVersion, patch, PATCHABLE);
  const changed = changedFields(PATCHABLE.fields, current, fields);
  if (changed.length === 0) return current;

  const context = { actor, clock: deps.clock, subject: familyId };
  if (fields.parentId === current.parentId) {
    const next = nextVersion(current, deps.clock, fields, PATCHABLE.fields);
    await deps.store.commit([{ entity: 'family', previous: current, next }], [catalogEvent('family.updated', { familyId, version: next.version, changedFields: changed }, context)]);
    return next;
  }
  const move = await planMove(deps, current, fields.parentId);
  const next = nextVersion(current, deps.clock, { ...fields, ancestorIds: move.ancestorIds }, PATCHABLE.fields);
  const events: DomainEvent[] = [
    catalogEvent('family.updated', { familyId, version: next.version, changedFields: changed }, context),
    catalogEvent('family.moved', { familyId, version: next.version, fromParentId: current.parentId, toParentId: fields.parentId, descendantIds: move.descendants.map((d) => d.previous.id) }, context),
  ];
  await deps.store.commit([{ entity: 'family', previous: current, next }, ...move.writes], events);
  return next;
}

export function getFamily(deps: CatalogDeps, _actor: Actor, familyId: string): Promise<Family> {
  return existingFamily(deps, familyId);
}

/** Lists families by code: all of them, the sub-families of one (`parentId`, null for the top level), or a subtree (`ancestorId`). */
export async function listFamilies(deps: CatalogDeps, _actor: Actor, query: FamilyQuery, page: PageRequest): Promise<Page<Family>> {
  if (query.parentId !== undefined && query.ancestorId !== undefined) {
    throw ValidationError.field('/query/ancestorId', 'cannot be combined with parentId: list the sub-families of one family or its whole subtree');
  }
  return deps.store.listFamilies(query, page);
}

async function parentFamily(deps: CatalogDeps, parentId: string): Promise<Family> {
  const parent = await deps.store.getFamily(parentId);
  if (!parent) throw ValidationError.field('/parentId', `family ${parentId} does not exist`);
  return parent;
}

interface Move {
  readonly ancestorIds: readonly string[];
  readonly descendants: readonly { previous: Family; next: Family }[];
  readonly writes: readonly CatalogWrite[];
}

/**
 * The writes of a move: every family below gets its new chain of ancestors, the old parent loses a child and
 * the new one gains it. Writing the new parent (at the version read) also guards its whole chain, which it
 * carries: a concurrent move above it fails one of the two transactions instead of making a cycle.
 */
async function planMove(deps: CatalogDeps, family: Family, parentId: string | undefined): Promise<Move> {
  const parent = parentId === undefined ? undefined : await parentFamily(deps, parentId);
  if (parent && familyPath(parent).includes(family.id)) {
    throw ValidationError.field('/parentId', parent.id === family.id ? 'would make the family its own parent' : `would put the family under its own sub-family ${parent.code}`);
  }
  const below = await subtree(deps, family.id);
  const ancestorIds = parent ? familyPath(parent) : [];
  const levelsBelow = Math.max(0, ...below.map((d) => familyDepth(d) - familyDepth(family)));
  if (ancestorIds.length + 1 + levelsBelow > MAX_FAMILY_DEPTH) {
    throw ValidationError.field('/parentId', `would nest families ${ancestorIds.length + 1 + levelsBelow} levels deep; at most ${MAX_FAMILY_DEPTH}`);
  }
  const keep = family.ancestorIds.length + 1;
  const descendants = below.map((previous) => ({
    previous,
    next: nextVersion(previous, deps.clock, { ancestorIds: [...ancestorIds, family.id, ...previous.ancestorIds.slice(keep)] }),
  }));
  const writes: CatalogWrite[] = descendants.map(({ previous, next }) => ({ entity: 'family', previous, next }));
  if (family.parentId !== undefined) {
    const oldParent = await existingFamily(deps, family.parentId);
    writes.push({ entity: 'family', previous: oldParent, next: nextVersion(oldParent, deps.clock, { childCount: oldParent.childCount - 1 }) });
  }
  if (parent) writes.push({ entity: 'family', previous: parent, next: nextVersion(parent, deps.clock, { childCount: parent.childCount + 1 }) });
  return { ancestorIds, descendants, writes };
}

/** Every family below, read page by page; refused beyond what one transaction can rewrite. */
async function subtree(deps: CatalogDeps, familyId: string): Promise<Family[]> {
  const families: Family[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.listFamilies({ ancestorId: familyId }, { limit: 100, ...(cursor ? { cursor } : {}) });
    families.push(...page.items);
    if (families.length >= MAX_MOVED_FAMILIES) {
      throw new ConflictError('family_subtree_too_large', `A family moves with at most ${MAX_MOVED_FAMILIES - 1} families below it; move its sub-families first`);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return families;
}
