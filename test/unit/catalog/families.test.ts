import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, NotFoundError, VersionMismatchError, WriteConflictError } from '../../../domain/shared/errors.ts';
import { createFamily, getFamily, listFamilies, updateFamily } from '../../../domain/catalog/use-cases/families.ts';
import type { Family } from '../../../domain/catalog/family.ts';
import { alice, catalogFixture, issuesOf, manager, shop } from './catalog-fixture.ts';

/** A chain of `depth` families, each under the previous one. */
async function chain(deps: ReturnType<typeof catalogFixture>['deps'], prefix: string, depth: number): Promise<Family[]> {
  const families: Family[] = [];
  for (let i = 0; i < depth; i++) {
    families.push(await createFamily(deps, manager, { code: `${prefix}${i + 1}`, name: `Level ${i + 1}`, ...(i > 0 ? { parentId: families[i - 1]!.id } : {}) }));
  }
  return families;
}

describe('families', () => {
  it('creates a top-level family and a sub-family that knows its whole chain', async () => {
    const { deps, events, store } = catalogFixture();
    const tools = await createFamily(deps, manager, { code: 'TOOLS', name: 'Outillage' });
    expect(tools).toMatchObject({ code: 'TOOLS', version: 1, ancestorIds: [], childCount: 0 });
    expect(tools.id).toMatch(/^fam_[0-9A-Z]{26}$/);
    const drills = await createFamily(deps, manager, { code: 'DRILLS', name: 'Perceuses', parentId: tools.id });
    const cordless = await createFamily(deps, manager, { code: 'CORDLESS', name: 'Sans fil', parentId: drills.id });
    expect(cordless.ancestorIds).toEqual([tools.id, drills.id]);
    // The parent's version moves with its sub-families.
    expect(await store.getFamily(tools.id)).toMatchObject({ childCount: 1, version: 2 });
    expect(events.map((e) => e.type)).toEqual(['family.created', 'family.created', 'family.created']);
    expect(events[1]!.data).toMatchObject({ familyId: drills.id, parentId: tools.id, code: 'DRILLS' });
  });

  it('names every offending field, server-owned ones included', async () => {
    const { deps } = catalogFixture();
    expect(await issuesOf(createFamily(deps, manager, { code: 'a b', name: '', ancestorIds: [], parentId: 'cus_x' }))).toEqual([
      { pointer: '/code', message: expect.stringContaining('letters, digits') },
      { pointer: '/name', message: 'must not be empty' },
      { pointer: '/parentId', message: 'must be a family id (fam_…)' },
      { pointer: '/ancestorIds', message: 'is set by the server and cannot be written' },
    ]);
    expect(await issuesOf(createFamily(deps, manager, { code: 'X', name: 'X', parentId: 'fam_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A' }))).toEqual([
      { pointer: '/parentId', message: 'family fam_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A does not exist' },
    ]);
  });

  it('keeps codes unique, whatever their case', async () => {
    const { deps } = catalogFixture();
    await createFamily(deps, manager, { code: 'TOOLS', name: 'Outillage' });
    await expect(createFamily(deps, manager, { code: 'tools', name: 'Other' })).rejects.toMatchObject({ code: 'family_code_taken' });
  });

  it('nests at most 8 levels', async () => {
    const { deps } = catalogFixture();
    const levels = await chain(deps, 'L', 8);
    expect(levels[7]!.ancestorIds).toHaveLength(7);
    expect(await issuesOf(createFamily(deps, manager, { code: 'L9', name: 'Too deep', parentId: levels[7]!.id }))).toEqual([
      { pointer: '/parentId', message: 'families nest at most 8 levels deep; L8 is at level 8' },
    ]);
  });

  it('moves a family with its subtree, rewriting every chain below and both parents', async () => {
    const { deps, store, events } = catalogFixture();
    const [a1, a2, a3] = await chain(deps, 'A', 3);
    const b1 = await createFamily(deps, manager, { code: 'B1', name: 'B1' });
    // A2 is at version 2: adding A3 under it moved its version.
    const moved = await updateFamily(deps, manager, a2!.id, 2, { parentId: b1.id, name: 'A2 moved' });
    expect(moved).toMatchObject({ parentId: b1.id, ancestorIds: [b1.id], name: 'A2 moved', version: 3 });
    expect(await store.getFamily(a3!.id)).toMatchObject({ ancestorIds: [b1.id, a2!.id], version: 2 });
    expect(await store.getFamily(a1!.id)).toMatchObject({ childCount: 0 });
    expect(await store.getFamily(b1.id)).toMatchObject({ childCount: 1 });
    expect(events.slice(-2).map((e) => [e.type, e.data])).toEqual([
      ['family.updated', expect.objectContaining({ changedFields: ['name', 'parentId'] })],
      ['family.moved', { familyId: a2!.id, version: 3, fromParentId: a1!.id, toParentId: b1.id, descendantIds: [a3!.id] }],
    ]);
    // Back to the top level.
    const top = await updateFamily(deps, manager, a2!.id, 3, { parentId: null });
    expect(top.ancestorIds).toEqual([]);
    expect(top.parentId).toBeUndefined();
    expect(await store.getFamily(a3!.id)).toMatchObject({ ancestorIds: [a2!.id] });
  });

  it('refuses cycles and moves that would nest too deep', async () => {
    const { deps } = catalogFixture();
    const [a1, , a3] = await chain(deps, 'A', 3);
    expect(await issuesOf(updateFamily(deps, manager, a1!.id, 2, { parentId: a3!.id }))).toEqual([
      { pointer: '/parentId', message: 'would put the family under its own sub-family A3' },
    ]);
    expect(await issuesOf(updateFamily(deps, manager, a1!.id, 2, { parentId: a1!.id }))).toEqual([{ pointer: '/parentId', message: 'would make the family its own parent' }]);
    const deep = await chain(deps, 'D', 6);
    // A1 has two levels below it: under D6 (level 6) it would reach level 9.
    expect(await issuesOf(updateFamily(deps, manager, a1!.id, 2, { parentId: deep[5]!.id }))).toEqual([
      { pointer: '/parentId', message: 'would nest families 9 levels deep; at most 8' },
    ]);
    await updateFamily(deps, manager, a1!.id, 2, { parentId: deep[4]!.id });
  });

  it('refuses to move a subtree larger than one transaction can rewrite', async () => {
    const { deps } = catalogFixture();
    const root = await createFamily(deps, manager, { code: 'ROOT', name: 'Root' });
    for (let i = 0; i < 90; i++) await createFamily(deps, manager, { code: `C${i}`, name: `C${i}`, parentId: root.id });
    const other = await createFamily(deps, manager, { code: 'OTHER', name: 'Other' });
    await expect(updateFamily(deps, manager, root.id, 91, { parentId: other.id })).rejects.toMatchObject({ code: 'family_subtree_too_large' });
    await expect(updateFamily(deps, manager, root.id, 91, { parentId: other.id })).rejects.toBeInstanceOf(ConflictError);
  });

  it('fails a move whose subtree changed meanwhile, instead of leaving a sub-family with a stale chain', async () => {
    const { deps, store } = catalogFixture();
    const [a1, a2] = await chain(deps, 'A', 2);
    const b1 = await createFamily(deps, manager, { code: 'B1', name: 'B1' });
    // Another request adds a sub-family to A2 between our read and our commit: A2's version moved.
    const listFamilies = store.listFamilies.bind(store);
    let raced = false;
    store.listFamilies = async (query, page) => {
      const result = await listFamilies(query, page);
      if (!raced && query.ancestorId === a1!.id) {
        raced = true;
        await createFamily(deps, manager, { code: 'A3', name: 'A3', parentId: a2!.id });
      }
      return result;
    };
    await expect(updateFamily(deps, manager, a1!.id, 2, { parentId: b1.id })).rejects.toBeInstanceOf(WriteConflictError);
    expect((await store.getFamily(a1!.id))!.parentId).toBeUndefined();
  });

  it('updates by merge patch at the expected version; no change, no version', async () => {
    const { deps, events } = catalogFixture();
    const family = await createFamily(deps, manager, { code: 'TOOLS', name: 'Outillage' });
    expect(await updateFamily(deps, manager, family.id, 1, { name: 'Outillage' })).toBe(family);
    const renamed = await updateFamily(deps, manager, family.id, 1, { code: 'OUT' });
    expect(renamed).toMatchObject({ code: 'OUT', version: 2 });
    expect(events.at(-1)).toMatchObject({ type: 'family.updated', data: { changedFields: ['code'] } });
    await expect(updateFamily(deps, manager, family.id, 1, { name: 'x' })).rejects.toEqual(new VersionMismatchError(1, 2));
    expect(await issuesOf(updateFamily(deps, manager, family.id, 2, { childCount: 3 }))).toEqual([{ pointer: '/childCount', message: 'is set by the server and cannot be written' }]);
    expect(await issuesOf(updateFamily(deps, manager, family.id, 2, 'x'))).toEqual([{ pointer: '', message: 'must be a JSON object (a merge patch)' }]);
  });

  it('lists by code: all, the top level, the sub-families of one, a subtree, a code prefix', async () => {
    const { deps } = catalogFixture();
    const [a1] = await chain(deps, 'A', 3);
    await createFamily(deps, manager, { code: 'B1', name: 'B1' });
    const codes = async (query: Parameters<typeof listFamilies>[2]) => (await listFamilies(deps, alice, query, { limit: 50 })).items.map((f) => f.code);
    expect(await codes({})).toEqual(['A1', 'A2', 'A3', 'B1']);
    expect(await codes({ parentId: null })).toEqual(['A1', 'B1']);
    expect(await codes({ parentId: a1!.id })).toEqual(['A2']);
    expect(await codes({ ancestorId: a1!.id })).toEqual(['A2', 'A3']);
    expect(await codes({ codePrefix: 'a' })).toEqual(['A1', 'A2', 'A3']);
    await expect(listFamilies(deps, alice, { parentId: a1!.id, ancestorId: a1!.id }, { limit: 50 })).rejects.toMatchObject({ issues: [{ pointer: '/query/ancestorId' }] });
    const first = await listFamilies(deps, shop, {}, { limit: 3 });
    expect(first.items).toHaveLength(3);
    const second = await listFamilies(deps, shop, {}, { limit: 3, cursor: first.nextCursor! });
    expect(second).toEqual({ items: [expect.objectContaining({ code: 'B1' })], nextCursor: null });
  });

  it('lets everyone read and only admins and managers write', async () => {
    const { deps } = catalogFixture();
    const family = await createFamily(deps, manager, { code: 'TOOLS', name: 'Outillage' });
    expect(await getFamily(deps, alice, family.id)).toEqual(family);
    expect(await getFamily(deps, shop, family.id)).toEqual(family);
    await expect(createFamily(deps, alice, { code: 'X', name: 'X' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateFamily(deps, shop, family.id, 1, { name: 'X' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getFamily(deps, alice, 'fam_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A')).rejects.toBeInstanceOf(NotFoundError);
  });
});
