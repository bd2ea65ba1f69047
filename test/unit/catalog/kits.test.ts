import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, WriteConflictError } from '../../../domain/shared/errors.ts';
import { explodeKit } from '../../../domain/catalog/kit.ts';
import type { Product } from '../../../domain/catalog/product.ts';
import { changeProductState } from '../../../domain/catalog/use-cases/change-product-state.ts';
import { explodeProductKit } from '../../../domain/catalog/use-cases/read-products.ts';
import { updateProduct } from '../../../domain/catalog/use-cases/update-product.ts';
import { catalogFixture, issuesOf, manager } from './catalog-fixture.ts';

const kitOf = (...components: { productId: string; quantity: string; section?: string }[]) => ({ kind: 'kit', kit: { components } });

describe('kits (PRD-5)', () => {
  it('makes a kit of goods, services and other kits, showing its head by default', async () => {
    const { product } = catalogFixture();
    const drill = await product('DRILL');
    const bits = await product('BITS');
    const install = await product('INSTALL', { kind: 'service', units: { management: 'h', sales: 'h', price: 'h' } });
    const case_ = await product('CASE', kitOf({ productId: bits.id, quantity: '2' }));
    const kit = await product('PACK', kitOf({ productId: drill.id, quantity: '1', section: 'Tools' }, { productId: case_.id, quantity: '1', section: 'Tools' }, { productId: install.id, quantity: '1.5', section: 'Service' }));
    expect(kit.kit).toEqual({ showHead: true, components: [expect.objectContaining({ productId: drill.id }), expect.anything(), expect.objectContaining({ quantity: '1.5' })] });
  });

  it('keeps components and kind together', async () => {
    const { product } = catalogFixture();
    const drill = await product('DRILL');
    expect(await issuesOf(product('K', { kind: 'kit' }))).toEqual([{ pointer: '/kit', message: 'is required for a kit: list its components' }]);
    expect(await issuesOf(product('G', { kit: { components: [{ productId: drill.id, quantity: '1' }] } }))).toEqual([
      { pointer: '/kit', message: 'only a kit has components, not a product of kind goods' },
    ]);
    expect(await issuesOf(product('E', { kind: 'kit', kit: { components: [] } }))).toEqual([{ pointer: '/kit/components', message: 'must have at least one component' }]);
    expect(await issuesOf(product('D', kitOf({ productId: drill.id, quantity: '1' }, { productId: drill.id, quantity: '2' })))).toEqual([
      { pointer: '/kit/components/1/productId', message: 'repeats a component of the same section: add up the quantities' },
    ]);
  });

  it('needs components that exist, are available, and are counted in their sales unit', async () => {
    const { deps, product } = catalogFixture();
    const drill = await product('DRILL');
    const old = await product('OLD');
    await changeProductState(deps, manager, old.id, 1, 'discontinue', {});
    expect(await issuesOf(product('K', kitOf({ productId: 'prd_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A', quantity: '1' }, { productId: old.id, quantity: '1' }, { productId: drill.id, quantity: '0.5' })))).toEqual([
      { pointer: '/kit/components/0/productId', message: 'product prd_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A does not exist' },
      { pointer: '/kit/components/1/productId', message: 'product OLD is discontinued' },
      { pointer: '/kit/components/2/quantity', message: 'must be a whole number of pce' },
    ]);
  });

  it('keeps a component discontinued after it joined the kit', async () => {
    const { deps, product } = catalogFixture();
    const drill = await product('DRILL');
    const bits = await product('BITS');
    const kit = await product('K', kitOf({ productId: drill.id, quantity: '1' }));
    await changeProductState(deps, manager, drill.id, 1, 'discontinue', {});
    const updated = await updateProduct(deps, manager, kit.id, 1, { kit: { components: [{ productId: drill.id, quantity: '2' }, { productId: bits.id, quantity: '1' }] } });
    expect(updated.kit!.components).toHaveLength(2);
  });

  it('never contains itself, directly or through other kits', async () => {
    const { deps, product } = catalogFixture();
    const screw = await product('SCREW');
    const k3 = await product('K3', kitOf({ productId: screw.id, quantity: '4' }));
    const k2 = await product('K2', kitOf({ productId: k3.id, quantity: '1' }));
    const k1 = await product('K1', kitOf({ productId: k2.id, quantity: '1' }));
    expect(await issuesOf(updateProduct(deps, manager, k1.id, 1, { kit: { components: [{ productId: k1.id, quantity: '1' }] } }))).toEqual([
      { pointer: '/kit/components/0/productId', message: 'a kit cannot contain itself' },
    ]);
    expect(await issuesOf(updateProduct(deps, manager, k3.id, 1, { kit: { components: [{ productId: screw.id, quantity: '4' }, { productId: k1.id, quantity: '1' }] } }))).toEqual([
      { pointer: '/kit/components/1/productId', message: 'would make the kit part of itself: K1 → K2 → this kit' },
    ]);
    // A goods product that becomes a kit is checked the same way.
    expect(await issuesOf(updateProduct(deps, manager, screw.id, 1, kitOf({ productId: k1.id, quantity: '1' })))).toEqual([
      { pointer: '/kit/components/0/productId', message: 'would make the kit part of itself: K1 → K2 → K3 → this kit' },
    ]);
  });

  it('nests kits at most 8 levels deep', async () => {
    const { product } = catalogFixture();
    let inner = await product('SCREW');
    for (let level = 1; level <= 8; level++) inner = await product(`K${level}`, kitOf({ productId: inner.id, quantity: '1' }));
    expect(await issuesOf(product('K9', kitOf({ productId: inner.id, quantity: '1' })))).toEqual([
      { pointer: '/kit/components', message: 'kits nest at most 8 levels deep; this one would nest 9' },
    ]);
  });

  it('guards the kits it read: a concurrent change that would close a cycle fails one of the two', async () => {
    const { deps, store, product } = catalogFixture();
    const screw = await product('SCREW');
    const k2 = await product('K2', kitOf({ productId: screw.id, quantity: '1' }));
    const k1 = await product('K1', kitOf({ productId: screw.id, quantity: '1' }));
    // While K1 is being given K2 as a component, someone gives K2 the component K1.
    const getProducts = store.getProducts.bind(store);
    let raced = false;
    store.getProducts = async (ids) => {
      const found = await getProducts(ids);
      if (!raced && ids.includes(k2.id)) {
        raced = true;
        await updateProduct(deps, manager, k2.id, 1, kitOf({ productId: screw.id, quantity: '1' }, { productId: k1.id, quantity: '1' }));
      }
      return found;
    };
    await expect(updateProduct(deps, manager, k1.id, 1, kitOf({ productId: k2.id, quantity: '1' }))).rejects.toBeInstanceOf(WriteConflictError);
    expect((await store.getProduct(k1.id))!.kit!.components.map((c) => c.productId)).toEqual([screw.id]);
  });

  describe('explodeKit', () => {
    async function catalogue() {
      const fixture = catalogFixture();
      const { product } = fixture;
      const drill = await product('DRILL', { name: 'Perceuse' });
      const bit = await product('BIT', { name: 'Foret' });
      const oil = await product('OIL', { name: 'Huile', units: { management: 'l', sales: 'l', price: 'l' } });
      const case_ = await product('CASE', { name: 'Coffret', ...kitOf({ productId: bit.id, quantity: '6' }), kit: { showHead: false, components: [{ productId: bit.id, quantity: '6' }] } });
      const box = await product('BOX', { name: 'Boîte', kind: 'kit', kit: { showHead: true, components: [{ productId: case_.id, quantity: '2', section: 'Accessoires' }, { productId: oil.id, quantity: '0.25' }] } });
      const pack = await product('PACK', {
        name: 'Pack perçage',
        kind: 'kit',
        kit: { showHead: true, components: [{ productId: drill.id, quantity: '1', section: 'Machine' }, { productId: box.id, quantity: '1', section: 'Kit' }] },
      });
      const all = new Map<string, Product>([drill, bit, oil, case_, box, pack].map((p) => [p.id, p]));
      return { ...fixture, all, pack, box, case_, drill, bit, oil };
    }

    it('explodes into one line per component, heads shown as asked, quantities multiplied exactly, sections inherited', async () => {
      const { all, pack, box, case_ } = await catalogue();
      const lines = explodeKit(pack, '3', (id) => all.get(id));
      expect(lines.map((l) => [l.role, l.level, l.code, l.quantity, l.unit, l.section ?? null, l.kitId ?? null])).toEqual([
        ['head', 0, 'PACK', '3', 'pce', null, null],
        ['component', 1, 'DRILL', '3', 'pce', 'Machine', pack.id],
        ['head', 1, 'BOX', '3', 'pce', 'Kit', pack.id],
        // CASE does not show its head; its bits take its section.
        ['component', 3, 'BIT', '36', 'pce', 'Accessoires', case_.id],
        ['component', 2, 'OIL', '0.75', 'l', 'Kit', box.id],
      ]);
    });

    it('leaves the head out when the kit does not show it', async () => {
      const { all, case_ } = await catalogue();
      expect(explodeKit(case_, '1', (id) => all.get(id))).toEqual([
        { productId: all.get(case_.kit!.components[0]!.productId)!.id, code: 'BIT', name: 'Foret', quantity: '6', unit: 'pce', role: 'component', level: 1, kitId: case_.id },
      ]);
    });

    it('refuses what is not a kit, a missing component and a stored cycle', async () => {
      const { all, pack, drill } = await catalogue();
      expect(() => explodeKit(drill, '1', (id) => all.get(id))).toThrow(ConflictError);
      expect(() => explodeKit(pack, '1', (id) => (id === drill.id ? undefined : all.get(id)))).toThrow(NotFoundError);
      const looped: Product = { ...pack, kit: { showHead: false, components: [{ productId: pack.id, quantity: '1' }] } };
      expect(() => explodeKit(looped, '1', (id) => (id === pack.id ? looped : all.get(id)))).toThrow(/contains itself/);
    });

    it('is served by a use case that reads the nested kits level by level', async () => {
      const { deps, pack, store } = await catalogue();
      let reads = 0;
      const getProducts = store.getProducts.bind(store);
      store.getProducts = (ids) => {
        reads++;
        return getProducts(ids);
      };
      const lines = await explodeProductKit(deps, manager, pack.id, '2');
      expect(lines.map((l) => `${l.code}×${l.quantity}`)).toEqual(['PACK×2', 'DRILL×2', 'BOX×2', 'BIT×24', 'OIL×0.5']);
      expect(reads).toBe(3);
      expect(await issuesOf(explodeProductKit(deps, manager, pack.id, '-1'))).toEqual([{ pointer: '/query/quantity', message: 'must be greater than 0' }]);
      expect(await issuesOf(explodeProductKit(deps, manager, pack.id, 'abc'))).toEqual([{ pointer: '/query/quantity', message: 'must be a decimal number written as a string, such as "12.50"' }]);
    });

    it('refuses a quantity its unit cannot hold, for the kit sold and for every line it explodes into', async () => {
      const { deps, product, pack, oil } = await catalogue();
      expect(await issuesOf(explodeProductKit(deps, manager, pack.id, '1.5'))).toEqual([{ pointer: '/query/quantity', message: 'must be a whole number of pce' }]);
      // A kit sold by the litre, of pieces: half a litre of it would be half a piece.
      const drum = await product('DRUM', { units: { management: 'l', sales: 'l', price: 'l' }, ...kitOf({ productId: oil.id, quantity: '1' }, { productId: pack.id, quantity: '1' }) });
      expect((await explodeProductKit(deps, manager, drum.id, '2')).map((line) => `${line.code}×${line.quantity}`)).toContain('OIL×2');
      expect(await issuesOf(explodeProductKit(deps, manager, drum.id, '0.5'))).toEqual([{ pointer: '/query/quantity', message: 'gives 0.5 pce of PACK: must be a whole number of pce' }]);
    });
  });
});
