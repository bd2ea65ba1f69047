import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { CatalogDeps } from '../../../domain/catalog/access.ts';
import type { Family } from '../../../domain/catalog/family.ts';
import type { CatalogStore, ProductQuery } from '../../../domain/catalog/ports.ts';
import type { Product } from '../../../domain/catalog/product.ts';
import { changeProductState } from '../../../domain/catalog/use-cases/change-product-state.ts';
import { createProduct } from '../../../domain/catalog/use-cases/create-product.ts';
import {
  createReference,
  findReferenceByCustomerCode,
  findReferenceForProduct,
  getReference,
  listReferences,
  removeReference,
  updateReference,
} from '../../../domain/catalog/use-cases/customer-references.ts';
import { createFamily, getFamily, listFamilies, updateFamily } from '../../../domain/catalog/use-cases/families.ts';
import { explodeProductKit, getProduct, getProductByCode, listProducts } from '../../../domain/catalog/use-cases/read-products.ts';
import { updateProduct } from '../../../domain/catalog/use-cases/update-product.ts';
import type { CustomersDeps } from '../../../domain/customers/access.ts';
import { addAddress } from '../../../domain/customers/use-cases/addresses.ts';
import { createCustomer } from '../../../domain/customers/use-cases/create-customer.ts';
import { getCustomer } from '../../../domain/customers/use-cases/read-customers.ts';
import { ConflictError, NotFoundError, ValidationError, WriteConflictError } from '../../../domain/shared/errors.ts';
import type { DomainEvent } from '../../../domain/shared/events.ts';
import { newId } from '../../../domain/shared/ids.ts';
import type { Page } from '../../../domain/shared/page.ts';
import { batchGet } from '../../../functions/adapters/dynamodb/batch-get.ts';
import { createCatalogStore, familyEntity, productEntity, familyCodeMarker, productCodeMarker, referenceEntity, referenceProductMarker, referenceCodeMarker } from '../../../functions/adapters/dynamodb/catalog-store.ts';
import type { Table } from '../../../functions/adapters/dynamodb/client.ts';
import { createCustomerStore } from '../../../functions/adapters/dynamodb/customer-store.ts';
import type { Item } from '../../../functions/adapters/dynamodb/items.ts';
import { alice, bob, fixedClock, manager } from '../../support/customers-fixture.ts';
import { testTable } from '../../support/table.ts';
import { customerVisibility } from '../../../domain/customers/index.ts';

const table = await testTable();
const store = createCatalogStore(table);
const clock = fixedClock();
const customerStore = createCustomerStore(table);
const customersDeps: CustomersDeps = { store: customerStore, clock };
/** The customers' visibility rule over their own store, as the composition root wires it. */
const directory = customerVisibility(customerStore);
const deps: CatalogDeps = { store, customers: directory, clock };

const PIECES = { management: 'pce', sales: 'pce', price: 'pce' };
/** Codes are unique across the shared table: each test prefixes its codes with its own ULID. */
const unique = () => newId('event').slice(4);
const product = (code: string, fields: Record<string, unknown> = {}): Promise<Product> =>
  createProduct(deps, manager, { code, name: `Product ${code}`, units: PIECES, ...fields });
const kitOf = (...productIds: string[]) => ({ kind: 'kit', kit: { components: productIds.map((productId) => ({ productId, quantity: '1' })) } });
const family = (code: string, parentId?: string): Promise<Family> => createFamily(deps, manager, { code, name: `Family ${code}`, ...(parentId ? { parentId } : {}) });
const raw = async (key: Item) => (await table.client.send(new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }))).Item;
const customer = async (salesAgentId?: string) => (await createCustomer(customersDeps, manager, { name: `Client ${unique()}`, ...(salesAgentId ? { salesAgentId } : {}) })).customer.id;

/** A store over a table whose client records the name of every command it sends. */
function recordingStore(): { store: CatalogStore; sent: string[] } {
  const sent: string[] = [];
  const client = { send: (command: { constructor: { name: string } }) => (sent.push(command.constructor.name), table.client.send(command as never)) };
  return { store: createCatalogStore({ ...table, client: client as unknown as DynamoDBDocumentClient }), sent };
}

/** Every page of a list; each page is full unless it is the last. */
async function allPages<T>(list: (cursor?: string) => Promise<Page<T>>, limit: number): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    expect(page.items.length === limit || page.nextCursor === null).toBe(true);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

const invalidCursor = ValidationError.field('/query/cursor', 'is not a cursor returned by this list; start again without it');

describe('DynamoDB catalog store: families', () => {
  it('stores a family with its code, tree and parent keys and reads it back as written', async () => {
    const u = unique();
    const top = await family(`${u}-top`);
    const mid = await family(`${u}-mid`, top.id);
    const leaf = await family(`${u}-leaf`, mid.id);
    expect(await getFamily(deps, manager, leaf.id)).toEqual(leaf);
    expect(await raw(familyEntity.key({ id: leaf.id }))).toMatchObject({
      entity: 'family',
      gsi1pk: 'FAMILIES',
      gsi1sk: `${u}-LEAF`,
      gsi2pk: 'FAMILY_TREE',
      gsi2sk: `${top.id}/${mid.id}/${leaf.id}/`,
      gsi4pk: `FAMILY#${mid.id}#CHILDREN`,
      gsi4sk: `${u}-LEAF`,
    });
    expect(await raw(familyEntity.key({ id: top.id }))).toMatchObject({ gsi4pk: 'FAMILY#ROOT#CHILDREN', gsi2sk: `${top.id}/`, childCount: 1, version: 2 });
    expect(await raw(familyCodeMarker.key({ code: `${u}-top` }))).toMatchObject({ pk: `FAMILY_CODE#${u}-TOP`, familyId: top.id });
    const found = await store.getFamilies([leaf.id, top.id, leaf.id, 'fam_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A']);
    expect(found.map((f) => f.id).sort()).toEqual([top.id, leaf.id].sort());
    expect(await store.getFamilies([])).toEqual([]);
  });

  it('keeps family codes unique whatever their case, and frees a code when it changes', async () => {
    const u = unique();
    const tools = await family(`${u}-tools`);
    await expect(family(`${u}-TOOLS`)).rejects.toEqual(new ConflictError('family_code_taken', `Family code ${u}-TOOLS is already used by another family`));
    // A change of case keeps the same marker (one item, not a claim and a release of the same key).
    const recased = await updateFamily(deps, manager, tools.id, 1, { code: `${u}-Tools` });
    expect(await raw(familyCodeMarker.key({ code: `${u}-TOOLS` }))).toMatchObject({ familyId: tools.id });
    await updateFamily(deps, manager, tools.id, recased.version, { code: `${u}-out` });
    expect(await raw(familyCodeMarker.key({ code: `${u}-tools` }))).toBeUndefined();
    expect(await raw(familyCodeMarker.key({ code: `${u}-OUT` }))).toMatchObject({ familyId: tools.id });
    await family(`${u}-tools`);
  });

  it('moves a family with its whole subtree: every path below, both parents, the events in the outbox', async () => {
    const u = unique();
    const events: DomainEvent[] = [];
    const recording: CatalogDeps = { ...deps, store: { ...store, commit: async (writes, batch) => (await store.commit(writes, batch), void events.push(...batch)) } };
    const a1 = await family(`${u}-A1`);
    const a2 = await family(`${u}-A2`, a1.id);
    const a3 = await family(`${u}-A3`, a2.id);
    const a4 = await family(`${u}-A4`, a3.id);
    const a5 = await family(`${u}-A5`, a2.id);
    const b1 = await family(`${u}-B1`);
    const moved = await updateFamily(recording, manager, a2.id, 3, { parentId: b1.id });
    expect(moved).toMatchObject({ parentId: b1.id, ancestorIds: [b1.id], version: 4 });

    const byId = new Map((await store.getFamilies([a1.id, a2.id, a3.id, a4.id, a5.id, b1.id])).map((f) => [f.id, f]));
    expect(byId.get(a3.id)).toMatchObject({ ancestorIds: [b1.id, a2.id], version: 3 });
    expect(byId.get(a4.id)).toMatchObject({ ancestorIds: [b1.id, a2.id, a3.id], version: 2 });
    expect(byId.get(a5.id)).toMatchObject({ ancestorIds: [b1.id, a2.id], version: 2 });
    expect(byId.get(a1.id)).toMatchObject({ childCount: 0, version: 3 });
    expect(byId.get(b1.id)).toMatchObject({ childCount: 1, version: 2 });
    expect(await raw(familyEntity.key({ id: a4.id }))).toMatchObject({ gsi2sk: `${b1.id}/${a2.id}/${a3.id}/${a4.id}/` });
    expect(await raw(familyEntity.key({ id: a2.id }))).toMatchObject({ gsi4pk: `FAMILY#${b1.id}#CHILDREN` });
    const movedEvent = events.find((e) => e.type === 'family.moved')!;
    expect(movedEvent.data).toEqual({ familyId: a2.id, version: 4, fromParentId: a1.id, toParentId: b1.id, descendantIds: [a3.id, a4.id, a5.id] });
    expect(await raw({ pk: `EVENT#${movedEvent.id}`, sk: 'EVENT' })).toMatchObject({ type: 'family.moved', subject: a2.id });

    const codes = async (query: Parameters<typeof listFamilies>[2], limit = 50) =>
      (await allPages((cursor) => listFamilies(deps, alice, query, { limit, ...(cursor ? { cursor } : {}) }), limit)).map((f) => f.code);
    // A subtree is ordered by path; the family itself is not part of it.
    expect(await codes({ ancestorId: b1.id }, 2)).toEqual([`${u}-A2`, `${u}-A3`, `${u}-A4`, `${u}-A5`]);
    expect(await codes({ ancestorId: b1.id, codePrefix: `${u.toLowerCase()}-a4` })).toEqual([`${u}-A4`]);
    expect(await codes({ ancestorId: a1.id })).toEqual([]);
    expect(await codes({ ancestorId: 'fam_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A' })).toEqual([]);
    expect(await codes({ parentId: a2.id })).toEqual([`${u}-A3`, `${u}-A5`]);
    // The use case refuses parentId with ancestorId; the store still answers it (children, filtered on their chain).
    expect((await store.listFamilies({ parentId: a2.id, ancestorId: b1.id }, { limit: 10 })).items.map((f) => f.code)).toEqual([`${u}-A3`, `${u}-A5`]);
    expect((await store.listFamilies({ parentId: a2.id, ancestorId: a1.id }, { limit: 10 })).items).toEqual([]);
    expect(await codes({ parentId: null, codePrefix: `${u}-` }, 1)).toEqual([`${u}-A1`, `${u}-B1`]);
    expect(await codes({ codePrefix: `${u}-a` }, 2)).toEqual([`${u}-A1`, `${u}-A2`, `${u}-A3`, `${u}-A4`, `${u}-A5`]);

    // And back to the top level.
    await updateFamily(deps, manager, a2.id, 4, { parentId: null });
    expect(await raw(familyEntity.key({ id: a4.id }))).toMatchObject({ gsi2sk: `${a2.id}/${a3.id}/${a4.id}/`, ancestorIds: [a2.id, a3.id] });
    expect(await codes({ parentId: null, codePrefix: `${u}-` })).toEqual([`${u}-A1`, `${u}-A2`, `${u}-B1`]);
    expect(await codes({ ancestorId: b1.id })).toEqual([]);
  });

  it('fails a move whose subtree changed meanwhile, and moves nothing', async () => {
    const u = unique();
    const a1 = await family(`${u}-A1`);
    const a2 = await family(`${u}-A2`, a1.id);
    const b1 = await family(`${u}-B1`);
    let raced = false;
    const racing: CatalogStore = {
      ...store,
      async listFamilies(query, page) {
        const result = await store.listFamilies(query, page);
        if (!raced && query.ancestorId === a1.id) {
          raced = true;
          await family(`${u}-A3`, a2.id);
        }
        return result;
      },
    };
    await expect(updateFamily({ ...deps, store: racing }, manager, a1.id, 2, { parentId: b1.id })).rejects.toBeInstanceOf(WriteConflictError);
    expect(await store.getFamily(a1.id)).toMatchObject({ version: 2, ancestorIds: [] });
    expect(await store.getFamily(b1.id)).toMatchObject({ version: 1, childCount: 0 });
    expect((await listFamilies(deps, manager, { ancestorId: a1.id }, { limit: 10 })).items.map((f) => [f.code, f.ancestorIds])).toEqual([
      [`${u}-A2`, [a1.id]],
      [`${u}-A3`, [a1.id, a2.id]],
    ]);
  });
});

describe('DynamoDB catalog store: products', () => {
  it('stores a product with its code, state, family and change keys and reads it back as written', async () => {
    const u = unique();
    const fam = await family(`${u}-F`);
    const drill = await product(`${u}-drill`, {
      familyId: fam.id,
      weight: '1.5',
      salesConditions: { minQuantity: '2', packagings: [{ code: 'BOX', name: 'Box of 10', quantity: '10' }] },
      analytics: [{ account: 'A', percent: '60' }, { account: 'B', percent: '40' }],
      costs: { entered: { amount: '12.5', currency: 'EUR' } },
      parameters: { length: '2.5' },
    });
    expect(await getProduct(deps, manager, drill.id)).toEqual(drill);
    expect(await raw(productEntity.key({ id: drill.id }))).toMatchObject({
      entity: 'product',
      gsi1pk: 'PRODUCTS',
      gsi1sk: `${u}-DRILL`,
      gsi3pk: 'PRODUCTS#STATE#active',
      gsi3sk: `${u}-DRILL`,
      gsi4pk: `FAMILY#${fam.id}#PRODUCTS`,
      gsi4sk: `${u}-DRILL`,
      gsi5pk: 'PRODUCTS#CHANGES',
      gsi5sk: `${drill.updatedAt}#${drill.id}`,
    });
    const loose = await product(`${u}-loose`);
    expect(await raw(productEntity.key({ id: loose.id }))).not.toHaveProperty('gsi4pk');
  });

  it('keeps product codes unique whatever their case, finds a product by its code, and follows code changes', async () => {
    const u = unique();
    const drill = await product(`${u}-Drill`);
    expect(await getProductByCode(deps, manager, `${u}-DRILL`.toLowerCase())).toEqual(drill);
    await expect(product(`${u}-DRILL`)).rejects.toEqual(new ConflictError('product_code_taken', `Product code ${u}-DRILL is already used by another product`));

    const renamed = await updateProduct(deps, manager, drill.id, 1, { code: `${u}-Drill-2` });
    expect(await store.findProductByCode(`${u}-drill`)).toBeNull();
    await expect(getProductByCode(deps, manager, `${u}-Drill`)).rejects.toEqual(new NotFoundError('Product', `${u}-Drill`));
    expect(await store.findProductByCode(`${u}-DRILL-2`)).toEqual(renamed);
    expect(await raw(productCodeMarker.key({ code: `${u}-Drill` }))).toBeUndefined();
    const again = await product(`${u}-drill`);
    expect(await store.findProductByCode(`${u}-DRILL`)).toEqual(again);

    // Two requests racing for one code: one wins, the other is told it conflicts.
    const [first, second] = await Promise.allSettled([product(`${u}-race`), product(`${u}-RACE`)]);
    const outcomes = [first.status, second.status].sort();
    expect(outcomes).toEqual(['fulfilled', 'rejected']);
    const failure = [first, second].find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failure.reason).toBeInstanceOf(ConflictError);
  });

  it('turns a write on a stale read into a write conflict (the request runs again), and a vanished record into not found', async () => {
    const u = unique();
    const drill = await product(`${u}-D`);
    const updated = await updateProduct(deps, manager, drill.id, 1, { name: 'Drill v2' });
    // Another request read version 1 and commits after ours.
    const stale: CatalogDeps = { ...deps, store: { ...store, getProduct: async () => drill } };
    await expect(updateProduct(stale, manager, drill.id, 1, { name: 'Drill v3' })).rejects.toBeInstanceOf(WriteConflictError);
    await expect(changeProductState(stale, manager, drill.id, 1, 'discontinue', {})).rejects.toBeInstanceOf(WriteConflictError);
    expect(await store.getProduct(drill.id)).toEqual(updated);

    const ghost: Product = { ...drill, id: newId('product'), code: `${u}-GHOST` };
    await expect(store.commit([{ entity: 'product', previous: ghost, next: { ...ghost, version: 2 } }], [])).rejects.toEqual(new NotFoundError('Product', ghost.id));
    await expect(store.commit([{ entity: 'product', previous: null, next: updated }], [])).rejects.toEqual(new ConflictError('already_exists', 'Product already exists'));

    const fam = await family(`${u}-F`);
    const renamed = { ...fam, name: 'Renamed', version: 2 };
    await store.commit([{ entity: 'family', previous: fam, next: renamed }], []);
    await expect(store.commit([{ entity: 'family', previous: fam, next: { ...renamed, name: 'Lost' } }], [])).rejects.toBeInstanceOf(WriteConflictError);
    expect(await store.getFamily(fam.id)).toEqual(renamed);
  });

  it('writes nothing when one item of the transaction fails: no record, no marker, no event', async () => {
    const u = unique();
    // A family created under a parent that another request changed meanwhile.
    const parent = await family(`${u}-P`);
    await family(`${u}-C1`, parent.id);
    const stale: CatalogDeps = { ...deps, store: { ...store, getFamily: async () => parent } };
    await expect(createFamily(stale, manager, { code: `${u}-C2`, name: 'C2', parentId: parent.id })).rejects.toBeInstanceOf(WriteConflictError);
    expect(await raw(familyCodeMarker.key({ code: `${u}-C2` }))).toBeUndefined();
    expect((await listFamilies(deps, manager, { parentId: parent.id }, { limit: 10 })).items.map((f) => f.code)).toEqual([`${u}-C1`]);
    expect(await store.getFamily(parent.id)).toMatchObject({ childCount: 1, version: 2 });

    // A new product and a code change to a taken code, with an event, in one commit.
    const taken = await product(`${u}-TAKEN`);
    const other = await product(`${u}-OTHER`);
    const fresh: Product = { ...other, id: newId('product'), code: `${u}-FRESH` };
    const event: DomainEvent = { id: newId('event'), type: 'product.created', version: 1, occurredAt: clock.now().toISOString(), actorId: manager.id, subject: fresh.id, data: {} };
    await expect(
      store.commit([{ entity: 'product', previous: null, next: fresh }, { entity: 'product', previous: other, next: { ...other, code: `${u}-taken`, version: 2 } }], [event]),
    ).rejects.toEqual(new ConflictError('product_code_taken', `Product code ${u}-taken is already used by another product`));
    expect(await store.getProduct(fresh.id)).toBeNull();
    expect(await raw(productCodeMarker.key({ code: `${u}-FRESH` }))).toBeUndefined();
    expect(await raw({ pk: `EVENT#${event.id}`, sk: 'EVENT' })).toBeUndefined();
    expect(await store.getProduct(other.id)).toEqual(other);
    expect(await store.findProductByCode(`${u}-OTHER`)).toEqual(other);
    expect(await store.findProductByCode(`${u}-TAKEN`)).toEqual(taken);
  });

  it('checks an unchanged record at its version without writing it', async () => {
    const u = unique();
    const kit = await product(`${u}-K`, kitOf((await product(`${u}-S`)).id));
    const fam = await family(`${u}-F`);
    const before = await raw(productEntity.key({ id: kit.id }));
    const event: DomainEvent = { id: newId('event'), type: 'product.updated', version: 1, occurredAt: clock.now().toISOString(), actorId: manager.id, subject: kit.id, data: {} };
    await store.commit([{ entity: 'unchanged', kind: 'product', id: kit.id, version: 1 }, { entity: 'unchanged', kind: 'family', id: fam.id, version: 1 }], [event]);
    expect(await raw(productEntity.key({ id: kit.id }))).toEqual(before);
    expect(await raw({ pk: `EVENT#${event.id}`, sk: 'EVENT' })).toMatchObject({ type: 'product.updated' });

    await expect(store.commit([{ entity: 'unchanged', kind: 'product', id: kit.id, version: 7 }], [])).rejects.toBeInstanceOf(WriteConflictError);
    const missing = newId('family');
    await expect(store.commit([{ entity: 'unchanged', kind: 'family', id: missing, version: 1 }], [])).rejects.toEqual(new NotFoundError('Family', missing));
  });

  it('guards the kits a check read: of two changes that would close a cycle, one fails', async () => {
    const u = unique();
    const screw = await product(`${u}-SCREW`);
    const k2 = await product(`${u}-K2`, kitOf(screw.id));
    const k1 = await product(`${u}-K1`, kitOf(screw.id));
    // While K1 is being given K2 as a component, another request gives K2 the component K1.
    let raced = false;
    const racing: CatalogStore = {
      ...store,
      async getProducts(ids) {
        const found = await store.getProducts(ids);
        if (!raced && ids.includes(k2.id)) {
          raced = true;
          await updateProduct(deps, manager, k2.id, 1, kitOf(screw.id, k1.id));
        }
        return found;
      },
    };
    await expect(updateProduct({ ...deps, store: racing }, manager, k1.id, 1, kitOf(k2.id))).rejects.toBeInstanceOf(WriteConflictError);
    expect((await store.getProduct(k1.id))!.kit!.components.map((c) => c.productId)).toEqual([screw.id]);
    expect((await store.getProduct(k2.id))!.kit!.components.map((c) => c.productId)).toEqual([screw.id, k1.id]);
    // Without the race, the same check refuses the cycle.
    await expect(updateProduct(deps, manager, k1.id, 1, kitOf(k2.id))).rejects.toBeInstanceOf(ValidationError);
    expect((await explodeProductKit(deps, manager, k2.id, '2')).map((line) => [line.code, line.quantity])).toEqual([
      [`${u}-K2`, '2'],
      [`${u}-SCREW`, '2'],
      [`${u}-K1`, '2'],
      [`${u}-SCREW`, '2'],
    ]);
  });

  it('reads more than 100 products in chunks of 100 keys', async () => {
    const u = unique();
    const created: Product[] = [];
    for (let i = 0; i < 130; i += 10) {
      created.push(...(await Promise.all(Array.from({ length: 10 }, (_, j) => product(`${u}-${String(i + j).padStart(3, '0')}`)))));
    }
    const recording = recordingStore();
    const ids = created.map((p) => p.id);
    const found = await recording.store.getProducts([...ids, newId('product'), ...ids.slice(0, 5)]);
    expect(found.map((p) => p.id).sort()).toEqual([...ids].sort());
    expect(found.find((p) => p.id === created[42]!.id)).toEqual(created[42]);
    expect(recording.sent).toEqual(['BatchGetCommand', 'BatchGetCommand']);
  });

  it('lists products by code, family, state, kind and change time, filters combined, page after page', async () => {
    const u = unique();
    const f1 = await family(`${u}-F1`);
    const f2 = await family(`${u}-F2`);
    clock.advance(24 * 3600_000);
    const since = clock.now().toISOString();
    let products: Product[] = [];
    for (let i = 0; i < 12; i++) {
      clock.advance(1000);
      const created = await product(`${u}-P${String(i).padStart(2, '0')}`, { familyId: i % 2 === 0 ? f1.id : f2.id, ...(i % 3 === 0 ? { kind: 'service' } : {}) });
      products.push(i % 4 === 0 ? await changeProductState(deps, manager, created.id, 1, 'discontinue', {}) : created);
    }
    // Touch the first three last: the change feed orders them after the others.
    for (const i of [2, 1, 0]) {
      clock.advance(1000);
      products[i] = await updateProduct(deps, manager, products[i]!.id, products[i]!.version, { description: 'touched' });
    }
    const byCode = [...products];
    products = [...products].sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : 1));

    const prefix = `${u.toLowerCase()}-p`;
    const list = (query: ProductQuery, limit = 3) =>
      allPages((cursor) => listProducts(deps, alice, { codePrefix: prefix, ...query }, { limit, ...(cursor ? { cursor } : {}) }), limit).then((items) => items.map((p) => p.code));
    const expected = (from: Product[], test: (p: Product) => boolean) => from.filter(test).map((p) => p.code);

    expect(await list({})).toEqual(expected(byCode, () => true));
    expect(await list({ familyId: f1.id })).toEqual(expected(byCode, (p) => p.familyId === f1.id));
    expect(await list({ state: 'discontinued' }, 2)).toEqual(expected(byCode, (p) => p.state === 'discontinued'));
    expect(await list({ kind: 'service' }, 2)).toEqual(expected(byCode, (p) => p.kind === 'service'));
    expect(await list({ familyId: f1.id, state: 'active', kind: 'goods' }, 1)).toEqual(expected(byCode, (p) => p.familyId === f1.id && p.state === 'active' && p.kind === 'goods'));
    expect(await list({ state: 'active', kind: 'service' }, 1)).toEqual(expected(byCode, (p) => p.state === 'active' && p.kind === 'service'));
    expect(await list({ updatedSince: since }, 5)).toEqual(expected(products, () => true));
    expect(await list({ updatedSince: products[6]!.updatedAt }, 2)).toEqual(expected(products.slice(6), () => true));
    expect(await list({ updatedSince: since, familyId: f2.id, state: 'active' }, 2)).toEqual(expected(products, (p) => p.familyId === f2.id && p.state === 'active'));
    expect(await list({ codePrefix: `${u}-P1` })).toEqual([`${u}-P10`, `${u}-P11`]);
    expect((await listProducts(deps, alice, { familyId: f1.id, codePrefix: '' }, { limit: 50 })).items).toHaveLength(6);
  });

  it('refuses a cursor of another list instead of passing it to DynamoDB', async () => {
    const u = unique();
    const f1 = await family(`${u}-F1`);
    const f2 = await family(`${u}-F2`);
    for (const code of ['A1', 'A2', 'B1', 'B2']) await product(`${u}-${code}`, { familyId: f1.id });
    await product(`${u}-A3`, { familyId: f2.id });
    const cursorOf = async (query: ProductQuery) => (await listProducts(deps, alice, query, { limit: 1 })).nextCursor!;
    const f1Cursor = await cursorOf({ familyId: f1.id });
    const aCursor = await cursorOf({ codePrefix: `${u}-A` });
    const feedCursor = await cursorOf({ updatedSince: '2000-01-01T00:00:00.000Z' });
    const attempts: Promise<unknown>[] = [
      listProducts(deps, alice, {}, { limit: 1, cursor: 'not-a-cursor' }),
      listProducts(deps, alice, { familyId: f2.id }, { limit: 1, cursor: f1Cursor }),
      listProducts(deps, alice, { codePrefix: `${u}-B` }, { limit: 1, cursor: aCursor }),
      listProducts(deps, alice, { updatedSince: '2999-01-01T00:00:00.000Z' }, { limit: 1, cursor: feedCursor }),
      listFamilies(deps, alice, {}, { limit: 1, cursor: aCursor }),
      listFamilies(deps, alice, { parentId: null }, { limit: 1, cursor: f1Cursor }),
    ];
    for (const attempt of attempts) await expect(attempt).rejects.toEqual(invalidCursor);
    // The cursors still resume their own lists.
    expect((await listProducts(deps, alice, { familyId: f1.id }, { limit: 10, cursor: f1Cursor })).items.map((p) => p.code)).toEqual([`${u}-A2`, `${u}-B1`, `${u}-B2`]);
    expect((await listProducts(deps, alice, { codePrefix: `${u}-A` }, { limit: 10, cursor: aCursor })).items.map((p) => p.code)).toEqual([`${u}-A2`, `${u}-A3`]);
  });
});

describe('DynamoDB catalog store: customer references', () => {
  it('keeps one reference per customer and product, codes unique per customer whatever their case, found by code and by product', async () => {
    const u = unique();
    const [p1, p2, p3] = [await product(`${u}-1`), await product(`${u}-2`), await product(`${u}-3`)];
    const cus = await customer();
    const ref = await createReference(deps, manager, cus, { productId: p1.id, customerCode: 'abc-1', prices: [{ validFrom: '2026-01-01', unitPrice: '9.5', currency: 'EUR' }] });
    expect(await getReference(deps, manager, cus, ref.id)).toEqual(ref);
    expect(await raw(referenceEntity.key({ customerId: cus, id: ref.id }))).toMatchObject({
      pk: `CUSTOMER#${cus}#REFERENCES`,
      gsi1pk: `CUSTOMER#${cus}#REFCODES`,
      gsi1sk: 'ABC-1',
      gsi4pk: `PRODUCT#${p1.id}#REFERENCES`,
      gsi4sk: cus,
    });
    // The product marker holds the whole reference: pricing reads a document's references from the markers alone.
    expect(await raw(referenceProductMarker.key({ customerId: cus, productId: p1.id }))).toEqual({ ...referenceProductMarker.key({ customerId: cus, productId: p1.id }), entity: 'reference-product', ...ref });
    expect(await raw(referenceCodeMarker.key({ customerId: cus, customerCode: 'ABC-1' }))).toMatchObject({ pk: `REFERENCE_CODE#${cus}#ABC-1`, referenceId: ref.id });
    expect(await findReferenceByCustomerCode(deps, manager, cus, ' Abc-1 ')).toEqual(ref);
    expect(await findReferenceForProduct(deps, manager, cus, p1.id)).toEqual(ref);
    expect(await findReferenceForProduct(deps, manager, cus, p2.id)).toBeNull();
    await expect(findReferenceByCustomerCode(deps, manager, cus, 'nope')).rejects.toEqual(new NotFoundError('CustomerReference', 'nope'));

    // The store enforces both rules itself, whatever the use case checked before.
    const twin = { ...ref, id: newId('reference'), customerCode: 'other' };
    await expect(store.commit([{ entity: 'reference', previous: null, next: twin }], [])).rejects.toEqual(
      new ConflictError('reference_exists', `Customer ${cus} already has a reference for product ${p1.id}`),
    );
    await expect(createReference(deps, manager, cus, { productId: p2.id, customerCode: 'ABC-1' })).rejects.toEqual(
      new ConflictError('reference_code_taken', `Customer ${cus} already uses the code ABC-1 for another reference`),
    );
    expect(await raw(referenceProductMarker.key({ customerId: cus, productId: p2.id }))).toBeUndefined();
    // Codes are per customer.
    const other = await customer();
    await createReference(deps, manager, other, { productId: p1.id, customerCode: 'ABC-1' });

    // A new code frees the old one; a change of case keeps its marker.
    const recoded = await updateReference(deps, manager, cus, ref.id, 1, { customerCode: 'abc-2' });
    const recased = await updateReference(deps, manager, cus, ref.id, recoded.version, { customerCode: 'ABC-2' });
    expect(await store.findReferenceByCode(cus, 'abc-1')).toBeNull();
    expect(await store.findReferenceByCode(cus, 'abc-2')).toEqual(recased);
    expect(await store.findReferenceForProduct(cus, p1.id)).toEqual(recased);
    expect(await store.findReferencesForProducts(cus, [p1.id, p2.id])).toEqual([recased]);
    const second = await createReference(deps, manager, cus, { productId: p2.id, customerCode: 'ABC-1' });
    expect(await store.findReferenceByCode(cus, 'ABC-1')).toEqual(second);

    // A stale version loses; removal frees both the product and the code.
    const stale: CatalogDeps = { ...deps, store: { ...store, getReference: async () => recoded } };
    await expect(removeReference(stale, manager, cus, ref.id, recoded.version)).rejects.toBeInstanceOf(WriteConflictError);
    await removeReference(deps, manager, cus, ref.id, recased.version);
    expect(await raw(referenceProductMarker.key({ customerId: cus, productId: p1.id }))).toBeUndefined();
    expect(await store.findReferencesForProducts(cus, [p1.id, p2.id])).toEqual([second]);
    expect(await raw(referenceCodeMarker.key({ customerId: cus, customerCode: 'ABC-2' }))).toBeUndefined();
    expect(await store.getReference(cus, ref.id)).toBeNull();
    await createReference(deps, manager, cus, { productId: p1.id, customerCode: 'abc-2' });
    await createReference(deps, manager, cus, { productId: p3.id, customerCode: 'ABC-3' });
  });

  it('lists a customer\'s references by their code, page by page, outside the customer aggregate', async () => {
    const u = unique();
    const cus = await customer(alice.id);
    await addAddress(customersDeps, manager, cus, { line1: '1 rue du Port', city: 'Nantes', countryCode: 'FR' });
    const codes = ['R-05', 'r-01', 'R-03', 'X-1', 'r-02', 'R-04'];
    for (const [i, code] of codes.entries()) await createReference(deps, manager, cus, { productId: (await product(`${u}-${i}`)).id, customerCode: code });
    const list = (filter: { customerCodePrefix?: string }, limit: number) =>
      allPages((cursor) => listReferences(deps, alice, cus, filter, { limit, ...(cursor ? { cursor } : {}) }), limit).then((items) => items.map((r) => r.customerCode));
    expect(await list({ customerCodePrefix: 'r-' }, 2)).toEqual(['r-01', 'r-02', 'R-03', 'R-04', 'R-05']);
    expect(await list({}, 4)).toEqual(['r-01', 'r-02', 'R-03', 'R-04', 'R-05', 'X-1']);
    await expect(listReferences(deps, bob, cus, {}, { limit: 2 })).rejects.toEqual(new NotFoundError('Customer', cus));

    const otherCustomer = await customer();
    await createReference(deps, manager, otherCustomer, { productId: (await product(`${u}-other`)).id, customerCode: 'R-01' });
    const cursor = (await listReferences(deps, manager, cus, {}, { limit: 1 })).nextCursor!;
    await expect(listReferences(deps, manager, otherCustomer, {}, { limit: 1, cursor })).rejects.toEqual(invalidCursor);

    // The customer aggregate's Query reads the customer's partition only: no reference in it.
    const partition = await table.client.send(new QueryCommand({ TableName: table.name, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `CUSTOMER#${cus}` } }));
    expect(partition.Items!.map((item) => item.entity).sort()).toEqual(['address', 'customer']);
    const aggregate = await getCustomer(customersDeps, manager, cus);
    expect(aggregate.addresses).toHaveLength(1);
    const references = await table.client.send(new QueryCommand({ TableName: table.name, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `CUSTOMER#${cus}#REFERENCES` } }));
    expect(references.Items).toHaveLength(6);
  });
});

describe('DynamoDB catalog store: requests', () => {
  it('answers each read with the requests the access-pattern chart gives', async () => {
    const u = unique();
    const top = await family(`${u}-T`);
    await family(`${u}-C`, top.id);
    const screw = await product(`${u}-S`, { familyId: top.id });
    const cus = await customer();
    await createReference(deps, manager, cus, { productId: screw.id, customerCode: `${u}-c` });
    const { store: recorded, sent } = recordingStore();
    const requests = async (read: () => Promise<unknown>) => {
      sent.length = 0;
      await read();
      return [...sent];
    };
    expect(await requests(() => recorded.getFamily(top.id))).toEqual(['GetCommand']);
    expect(await requests(() => recorded.listFamilies({ ancestorId: top.id }, { limit: 10 }))).toEqual(['GetCommand', 'QueryCommand']);
    expect(await requests(() => recorded.listFamilies({ parentId: null, codePrefix: u }, { limit: 10 }))).toEqual(['QueryCommand']);
    expect(await requests(() => recorded.findProductByCode(`${u}-s`))).toEqual(['GetCommand', 'GetCommand']);
    expect(await requests(() => recorded.findProductByCode(`${u}-none`))).toEqual(['GetCommand']);
    expect(await requests(() => recorded.listProducts({ familyId: top.id, kind: 'goods', state: 'active' }, { limit: 10 }))).toEqual(['QueryCommand']);
    expect(await requests(() => recorded.findReferenceForProduct(cus, screw.id))).toEqual(['GetCommand']);
    expect(await requests(() => recorded.findReferenceByCode(cus, `${u}-C`))).toEqual(['GetCommand', 'GetCommand']);
    const bolt = await product(`${u}-B`, { familyId: top.id });
    expect((await recorded.findReferencesForProducts(cus, [screw.id, bolt.id])).map((r) => r.productId)).toEqual([screw.id]);
    expect(await requests(() => recorded.findReferencesForProducts(cus, [screw.id, bolt.id]))).toEqual(['BatchGetCommand']);
    // Over 100 products, one Query when the customer has fewer references than the document has products…
    const many = [screw.id, bolt.id, ...Array.from({ length: 248 }, () => newId('product'))];
    expect((await recorded.findReferencesForProducts(cus, many)).map((r) => r.productId)).toEqual([screw.id]);
    expect(await requests(() => recorded.findReferencesForProducts(cus, many))).toEqual(['QueryCommand']);
    // …else the batches after it: 250 more references (written as items, their products need not exist).
    const screwReference = (await store.findReferenceForProduct(cus, screw.id))!;
    await Promise.all(
      Array.from({ length: 250 }, (_, i) =>
        table.client.send(new PutCommand({ TableName: table.name, Item: referenceEntity.item({ ...screwReference, id: newId('reference'), productId: newId('product'), customerCode: `${u}-x${i}` }) })),
      ),
    );
    expect((await recorded.findReferencesForProducts(cus, many)).map((r) => r.productId)).toEqual([screw.id]);
    expect(await requests(() => recorded.findReferencesForProducts(cus, many))).toEqual(['QueryCommand', ...Array(3).fill('BatchGetCommand')]);
    expect(await requests(() => recorded.listReferences({ customerId: cus }, { limit: 10 }))).toEqual(['QueryCommand']);
    expect(await requests(() => recorded.getFamilies([]))).toEqual([]);
    expect(await requests(() => recorded.commit([{ entity: 'unchanged', kind: 'product', id: screw.id, version: 1 }], []))).toEqual(['TransactWriteCommand']);
  });
});

describe('batchGet', () => {
  /** The test table behind a client that leaves the last key of each request unprocessed, the first `times` requests. */
  function stingyTable(times: number): { stingy: Table; calls: number[] } {
    const calls: number[] = [];
    let left = times;
    const client = {
      async send(command: BatchGetCommand) {
        const request = command.input.RequestItems![table.name]!;
        const keys = request.Keys!;
        calls.push(keys.length);
        const held = left-- > 0 ? keys.slice(-1) : [];
        const asked = keys.slice(0, keys.length - held.length);
        const result = asked.length > 0 ? await table.client.send(new BatchGetCommand({ RequestItems: { [table.name]: { ...request, Keys: asked } } })) : {};
        return { ...result, UnprocessedKeys: held.length > 0 ? { [table.name]: { Keys: held } } : {} };
      },
    };
    return { stingy: { ...table, client: client as unknown as DynamoDBDocumentClient }, calls };
  }

  it('retries the keys DynamoDB left unprocessed, with backoff, and gives up after a bounded number of attempts', async () => {
    const u = unique();
    const products = await Promise.all([1, 2, 3].map((i) => product(`${u}-${i}`)));
    const keys = products.map((p) => productEntity.key({ id: p.id }));
    const patient = stingyTable(2);
    const items = await batchGet(patient.stingy, keys, { baseDelayMs: 1 });
    expect(items.map((item) => item.id).sort()).toEqual(products.map((p) => p.id).sort());
    expect(patient.calls).toEqual([3, 1, 1]);

    const hopeless = stingyTable(Infinity);
    await expect(batchGet(hopeless.stingy, keys, { baseDelayMs: 1, maxAttempts: 4 })).rejects.toThrow('BatchGetItem left 1 of 3 keys unprocessed after 4 attempts');
    expect(hopeless.calls).toEqual([3, 1, 1, 1]);
  });
});
