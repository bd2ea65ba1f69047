import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, NotFoundError, VersionMismatchError } from '../../../domain/shared/errors.ts';
import { createFamily } from '../../../domain/catalog/use-cases/families.ts';
import { changeProductState } from '../../../domain/catalog/use-cases/change-product-state.ts';
import { getProduct, getProductByCode, listProducts } from '../../../domain/catalog/use-cases/read-products.ts';
import { updateProduct } from '../../../domain/catalog/use-cases/update-product.ts';
import { alice, catalogFixture, issuesOf, manager, shop } from './catalog-fixture.ts';

describe('updateProduct (JSON merge patch)', () => {
  it('merges nested objects, removes fields set to null, bumps the version and lists the changes', async () => {
    const { deps, clock, events, product } = catalogFixture();
    const created = await product('A', { description: 'old', salesConditions: { minQuantity: '10', leadTimeDays: 3 }, parameters: { width: '2' } });
    clock.advance(60_000);
    const updated = await updateProduct(deps, manager, created.id, 1, { description: null, salesConditions: { leadTimeDays: 5 }, parameters: { height: '3' } });
    expect(updated).toMatchObject({ version: 2, salesConditions: { minQuantity: '10', leadTimeDays: 5 }, parameters: { width: '2', height: '3' }, updatedAt: '2026-11-27T09:01:00.000Z' });
    expect(updated.description).toBeUndefined();
    expect(updated.createdAt).toBe(created.createdAt);
    expect(events.at(-1)).toMatchObject({ type: 'product.updated', data: { productId: created.id, version: 2, changedFields: ['description', 'parameters', 'salesConditions'] } });
  });

  it('validates the merged result as a whole, with pointers into it', async () => {
    const { deps, product } = catalogFixture();
    const created = await product('A');
    expect(await issuesOf(updateProduct(deps, manager, created.id, 1, { name: null, units: { sales: 7 } }))).toEqual([
      { pointer: '/name', message: 'is required' },
      { pointer: '/units/sales', message: 'must be a string' },
    ]);
    expect(await issuesOf(updateProduct(deps, manager, created.id, 1, { kind: 'kit', units: { sales: 'box' } }))).toEqual([
      { pointer: '/units/sales', message: 'box is not a known unit code (such as "pce", "kg", "m" or "l")' },
      { pointer: '/kit', message: 'is required for a kit: list its components' },
    ]);
    expect(await issuesOf(updateProduct(deps, manager, created.id, 1, { state: 'discontinued', version: 9 }))).toEqual([
      { pointer: '/state', message: 'is set by the server and cannot be written' },
      { pointer: '/version', message: 'is set by the server and cannot be written' },
    ]);
  });

  it('changes nothing (no version, no event) when the patch changes nothing, whatever the key order', async () => {
    const { deps, events, product } = catalogFixture();
    const created = await product('A', { units: { management: 'kg', sales: 'pce', price: 'kg', salesFactor: '2' } });
    expect(await updateProduct(deps, manager, created.id, 1, { units: { salesFactor: '2', price: 'kg', sales: 'pce', management: 'kg' } })).toBe(created);
    expect(events).toHaveLength(1);
  });

  it('rejects a stale version and leaves the product untouched', async () => {
    const { deps, store, product } = catalogFixture();
    const created = await product('A');
    await updateProduct(deps, manager, created.id, 1, { name: 'First' });
    await expect(updateProduct(deps, manager, created.id, 1, { name: 'Lost update' })).rejects.toEqual(new VersionMismatchError(1, 2));
    expect((await store.getProduct(created.id))!.name).toBe('First');
  });

  it('keeps codes unique on a change of code, and frees the old one', async () => {
    const { deps, product } = catalogFixture();
    const a = await product('A');
    await product('B');
    await expect(updateProduct(deps, manager, a.id, 1, { code: 'b' })).rejects.toMatchObject({ code: 'product_code_taken' });
    await updateProduct(deps, manager, a.id, 1, { code: 'A2' });
    await expect(product('a')).resolves.toMatchObject({ code: 'a' });
  });

  it('lets only admins and managers change products, and 404s an unknown one', async () => {
    const { deps, product } = catalogFixture();
    const created = await product('A');
    await expect(updateProduct(deps, alice, created.id, 1, { name: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateProduct(deps, shop, created.id, 1, { name: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateProduct(deps, manager, 'prd_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A', 1, { name: 'x' })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('product lifecycle', () => {
  it('discontinues and reactivates, with a reason, events and versions', async () => {
    const { deps, events, product } = catalogFixture();
    const created = await product('A');
    const discontinued = await changeProductState(deps, manager, created.id, 1, 'discontinue', { reason: 'Replaced by A2' });
    expect(discontinued).toMatchObject({ state: 'discontinued', stateReason: 'Replaced by A2', version: 2 });
    expect(events.at(-1)).toMatchObject({ type: 'product.discontinued', data: { from: 'active', to: 'discontinued', reason: 'Replaced by A2', version: 2 } });
    await expect(changeProductState(deps, manager, created.id, 2, 'discontinue', {})).rejects.toMatchObject({ code: 'invalid_state_transition' });
    const active = await changeProductState(deps, manager, created.id, 2, 'reactivate', undefined);
    expect(active.state).toBe('active');
    expect(active.stateReason).toBeUndefined();
    await expect(changeProductState(deps, manager, created.id, 2, 'discontinue', {})).rejects.toBeInstanceOf(VersionMismatchError);
    await expect(changeProductState(deps, alice, created.id, 3, 'discontinue', {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(changeProductState(deps, manager, created.id, 3, 'reactivate', {})).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('reading products', () => {
  it('finds a product by its code whatever the case, for everyone', async () => {
    const { deps, product } = catalogFixture();
    const created = await product('SCREW-4x40');
    expect(await getProductByCode(deps, shop, 'screw-4X40')).toEqual(created);
    expect(await getProduct(deps, alice, created.id)).toEqual(created);
    await expect(getProductByCode(deps, shop, 'NOPE')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists by code, by family, by state, by kind, by code prefix and by change time', async () => {
    const { deps, clock, product } = catalogFixture();
    const tools = await createFamily(deps, manager, { code: 'TOOLS', name: 'Tools' });
    const drill = await product('DRILL-1', { familyId: tools.id });
    await product('SAW-1', { familyId: tools.id });
    await product('SCREW-1');
    await product('INSTALL', { kind: 'service' });
    clock.advance(1000);
    await changeProductState(deps, manager, drill.id, 1, 'discontinue', {});
    const codes = async (query: Parameters<typeof listProducts>[2]) => (await listProducts(deps, alice, query, { limit: 50 })).items.map((p) => p.code);
    expect(await codes({})).toEqual(['DRILL-1', 'INSTALL', 'SAW-1', 'SCREW-1']);
    expect(await codes({ familyId: tools.id })).toEqual(['DRILL-1', 'SAW-1']);
    expect(await codes({ state: 'active' })).toEqual(['INSTALL', 'SAW-1', 'SCREW-1']);
    expect(await codes({ kind: 'service' })).toEqual(['INSTALL']);
    expect(await codes({ codePrefix: 's' })).toEqual(['SAW-1', 'SCREW-1']);
    expect(await codes({ updatedSince: '2026-11-27T09:00:01.000Z' })).toEqual(['DRILL-1']);
    const first = await listProducts(deps, shop, {}, { limit: 3 });
    expect((await listProducts(deps, shop, {}, { limit: 3, cursor: first.nextCursor! })).items.map((p) => p.code)).toEqual(['SCREW-1']);
  });
});
