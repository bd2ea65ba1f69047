import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Api, type RequestOptions } from '../support/api.ts';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.stop();
});

const PIECES = { management: 'pce', sales: 'pce', price: 'pce' };
const UNKNOWN_PRODUCT = 'prd_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A';
const UNKNOWN_FAMILY = 'fam_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A';

/** Creates through the API (admin unless told otherwise) and fails the test on anything but a 201. */
async function created(path: string, body: unknown, options: RequestOptions = {}): Promise<any> {
  const response = await api.request('POST', path, { ...options, body });
  expect(response.status, `POST ${path}: ${JSON.stringify(response.body)}`).toBe(201);
  expect(response.headers.get('location')).toBe(`${path}/${response.body.id}`);
  expect(response.headers.get('etag')).toBe(`"${response.body.version}"`);
  return response.body;
}

function mergePatch(body: unknown, etag?: string, token?: string): RequestOptions {
  return {
    rawBody: JSON.stringify(body),
    headers: { 'Content-Type': 'application/merge-patch+json', ...(etag ? { 'If-Match': etag } : {}) },
    ...(token ? { token } : {}),
  };
}

/** Every item of a list, following the cursors with `limit`, with the size of each page. */
async function walk(path: string, limit: number, token?: string): Promise<{ items: any[]; pages: number[] }> {
  const items: any[] = [];
  const pages: number[] = [];
  const join = path.includes('?') ? '&' : '?';
  let next = `${path}${join}limit=${limit}`;
  for (;;) {
    const page = await api.request('GET', next, token ? { token } : {});
    expect(page.status, next).toBe(200);
    items.push(...page.body.items);
    pages.push(page.body.items.length);
    if (!page.body.nextCursor) return { items, pages };
    next = `${path}${join}limit=${limit}&cursor=${encodeURIComponent(page.body.nextCursor)}`;
  }
}

const codes = (items: { code: string }[]) => items.map((item) => item.code);

describe('units of measure', () => {
  it('lists the standard units, by dimension, page by page', async () => {
    const all = await api.request('GET', '/units');
    expect(all.status).toBe(200);
    expect(all.body.items.find((unit: { code: string }) => unit.code === 'kg')).toEqual({ code: 'kg', name: 'kilogram', dimension: 'mass', factor: '1', decimals: 3, standard: true });
    expect(all.body.nextCursor).toBeNull();

    const mass = await api.request('GET', '/units?dimension=mass');
    expect(codes(mass.body.items)).toEqual(['kg', 'g', 't', 'lb']);
    const paged = await walk('/units', 6, await api.token('integration', 'shop-units'));
    expect(paged.items).toEqual(all.body.items);
    expect(paged.pages.slice(0, -1).every((size) => size === 6)).toBe(true);
  });
});

describe('families', () => {
  it('builds a tree, lists it by parent, subtree and code, and moves a branch with If-Match', async () => {
    const food = await created('/families', { code: 'T1-FOOD', name: 'Food' });
    const bakery = await created('/families', { code: 'T1-BAKERY', name: 'Bakery', parentId: food.id });
    const bread = await created('/families', { code: 'T1-BREAD', name: 'Bread', parentId: bakery.id });
    const pastry = await created('/families', { code: 'T1-PASTRY', name: 'Pastry', parentId: bakery.id });
    const drinks = await created('/families', { code: 'T1-DRINKS', name: 'Drinks' });
    expect(bread).toMatchObject({ ancestorIds: [food.id, bakery.id], childCount: 0, version: 1 });

    const readBakery = await api.request('GET', `/families/${bakery.id}`);
    expect(readBakery.body).toMatchObject({ childCount: 2, version: 3, parentId: food.id });
    expect(readBakery.headers.get('etag')).toBe('"3"');

    expect(codes((await api.request('GET', `/families?parentId=${bakery.id}`)).body.items)).toEqual(['T1-BREAD', 'T1-PASTRY']);
    expect(codes((await api.request('GET', '/families?parentId=root&codePrefix=t1-')).body.items)).toEqual(['T1-DRINKS', 'T1-FOOD']);
    expect(codes((await api.request('GET', `/families?ancestorId=${food.id}`)).body.items).sort()).toEqual(['T1-BAKERY', 'T1-BREAD', 'T1-PASTRY']);
    expect(codes((await walk('/families?codePrefix=T1-', 2)).items)).toEqual(['T1-BAKERY', 'T1-BREAD', 'T1-DRINKS', 'T1-FOOD', 'T1-PASTRY']);

    const move = mergePatch({ parentId: drinks.id });
    expect((await api.request('PATCH', `/families/${bakery.id}`, move)).status).toBe(428);
    expect((await api.request('PATCH', `/families/${bakery.id}`, mergePatch({ parentId: drinks.id }, '"1"'))).status).toBe(412);
    const moved = await api.request('PATCH', `/families/${bakery.id}`, mergePatch({ parentId: drinks.id }, '"3"'));
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ parentId: drinks.id, ancestorIds: [drinks.id], version: 4 });
    expect((await api.request('GET', `/families/${bread.id}`)).body.ancestorIds).toEqual([drinks.id, bakery.id]);
    expect(codes((await api.request('GET', `/families?ancestorId=${food.id}`)).body.items)).toEqual([]);

    const underItself = await api.request('PATCH', `/families/${bakery.id}`, mergePatch({ parentId: pastry.id }, '"4"'));
    expect(underItself.status).toBe(400);
    expect(underItself.body.errors).toEqual([{ pointer: '/parentId', message: 'would put the family under its own sub-family T1-PASTRY' }]);
    const toTop = await api.request('PATCH', `/families/${bakery.id}`, mergePatch({ parentId: null }, '"4"'));
    expect(toTop.body).toMatchObject({ ancestorIds: [], version: 5 });
    expect(toTop.body).not.toHaveProperty('parentId');
  });

  it('keeps family codes unique whatever their case', async () => {
    await created('/families', { code: 'T2-UNIQUE', name: 'Unique' });
    const again = await api.request('POST', '/families', { body: { code: 't2-unique', name: 'Again' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('family_code_taken');
  });
});

describe('products', () => {
  it('creates goods, a bar sold by the piece and priced by the kg, and a kit, and lists them with filters', async () => {
    const family = await created('/families', { code: 'T3-VIENNOISERIE', name: 'Viennoiserie' });
    const croissant = await created('/products', {
      code: 'T3-CROISSANT',
      name: 'Croissant',
      familyId: family.id,
      units: PIECES,
      weight: '0.06',
      vatCategory: 'reduced',
      salesConditions: { minQuantity: '10', multipleQuantity: '5', packagings: [{ code: 'BOX-50', name: 'Box of 50', quantity: '50' }] },
      analytics: [{ account: 'BAKERY', percent: '70' }, { account: 'RETAIL', percent: '30' }],
      costs: { weightedAverage: { amount: '0.2', currency: 'EUR' } },
    });
    expect(croissant).toMatchObject({ state: 'active', kind: 'goods', vatCategory: 'reduced', costs: { weightedAverage: { amount: '0.20', currency: 'EUR' } } });

    const bar = await created('/products', {
      code: 'T3-BAR-20',
      name: 'Steel bar Ø20 mm',
      units: { management: 'pce', sales: 'pce', price: 'kg' },
      weight: '14.8',
      parameters: { diameterMm: '20', lengthM: '6' },
    });
    expect(bar.units).toEqual({ management: 'pce', sales: 'pce', price: 'kg' });
    const fixedFactor = await api.request('POST', '/products', { body: { code: 'T3-BAR-X', name: 'Bar', units: { management: 'pce', sales: 'pce', price: 'kg', salesFactor: '2' } } });
    expect(fixedFactor.status).toBe(400);
    expect(fixedFactor.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/units/salesFactor']);

    const baguette = await created('/products', { code: 'T3-BAGUETTE', name: 'Baguette', units: PIECES });
    const box = await created('/products', {
      code: 'T3-BREAKFAST',
      name: 'Breakfast box',
      kind: 'kit',
      units: PIECES,
      kit: { components: [{ productId: croissant.id, quantity: '2', section: 'Pastries' }, { productId: baguette.id, quantity: '1' }] },
    });
    expect(box.kit).toEqual({ components: [{ productId: croissant.id, quantity: '2', section: 'Pastries' }, { productId: baguette.id, quantity: '1' }], showHead: true });

    const read = await api.request('GET', `/products/${bar.id}`);
    expect(read.body).toEqual(bar);
    expect(read.headers.get('etag')).toBe('"1"');

    expect(codes((await api.request('GET', `/products?familyId=${family.id}`)).body.items)).toEqual(['T3-CROISSANT']);
    expect(codes((await api.request('GET', '/products?kind=kit&codePrefix=t3-')).body.items)).toEqual(['T3-BREAKFAST']);
    expect(codes((await walk('/products?codePrefix=T3-&state=active', 2)).items)).toEqual(['T3-BAGUETTE', 'T3-BAR-20', 'T3-BREAKFAST', 'T3-CROISSANT']);
    const since = await api.request('GET', `/products?updatedSince=${encodeURIComponent(baguette.updatedAt)}&codePrefix=T3-`);
    expect(codes(since.body.items)).toEqual(['T3-BAGUETTE', 'T3-BREAKFAST']);

    const byCode = await api.request('GET', '/products?code=t3-bar-20');
    expect(byCode.body).toEqual({ items: [bar], nextCursor: null });
    expect((await api.request('GET', '/products?code=T3-NOTHING')).body).toEqual({ items: [], nextCursor: null });
  });

  it('keeps product codes unique whatever their case', async () => {
    await created('/products', { code: 'T4-UNIQUE', name: 'Unique', units: PIECES });
    const again = await api.request('POST', '/products', { body: { code: 't4-Unique', name: 'Again', units: PIECES } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('product_code_taken');
    const { body: other } = await api.request('POST', '/products', { body: { code: 'T4-OTHER', name: 'Other', units: PIECES } });
    const rename = await api.request('PATCH', `/products/${other.id}`, mergePatch({ code: 'T4-UNIQUE' }, '"1"'));
    expect(rename.status).toBe(409);
  });

  it('merge-patches a product under If-Match: 428 without, 412 when stale, nested objects and parameters merge', async () => {
    const product = await created('/products', {
      code: 'T5-PATCH',
      name: 'Patchable',
      units: PIECES,
      parameters: { lengthM: '6', widthMm: '40' },
      salesConditions: { minQuantity: '10', leadTimeDays: 2 },
    });
    const path = `/products/${product.id}`;
    const change = { name: 'Patched', parameters: { lengthM: null }, salesConditions: { minQuantity: null }, vatCategory: 'zero' };

    const missing = await api.request('PATCH', path, mergePatch(change));
    expect(missing.status).toBe(428);
    expect(missing.body.errors).toEqual([{ pointer: '/header/If-Match', message: 'is required' }]);
    const ok = await api.request('PATCH', path, mergePatch(change, '"1"'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"2"');
    expect(ok.body).toMatchObject({ name: 'Patched', version: 2, vatCategory: 'zero', parameters: { widthMm: '40' }, salesConditions: { leadTimeDays: 2 } });
    expect(ok.body.parameters).not.toHaveProperty('lengthM');
    expect(ok.body.salesConditions).not.toHaveProperty('minQuantity');

    const stale = await api.request('PATCH', path, mergePatch({ name: 'Again' }, '"1"'));
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('version_mismatch');
    const back = await api.request('PATCH', path, mergePatch({ vatCategory: null }, '"2"'));
    expect(back.body).toMatchObject({ vatCategory: 'standard', version: 3 });
    const same = await api.request('PATCH', path, mergePatch({ name: 'Patched' }, '"3"'));
    expect(same.body.version).toBe(3);
    const owned = await api.request('PATCH', path, mergePatch({ state: 'discontinued', stateReason: 'x' }, '"3"'));
    expect(owned.status).toBe(400);
    expect(owned.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/state', '/stateReason']);
  });

  it('discontinues and reactivates a product; a discontinued product cannot join a kit', async () => {
    const product = await created('/products', { code: 'T6-OLD', name: 'Old', units: PIECES });
    const path = `/products/${product.id}`;
    expect((await api.request('POST', `${path}/discontinue`, {})).status).toBe(428);
    const discontinued = await api.request('POST', `${path}/discontinue`, { headers: { 'If-Match': '"1"' }, body: { reason: 'Replaced by T6-NEW' } });
    expect(discontinued.status).toBe(200);
    expect(discontinued.body).toMatchObject({ state: 'discontinued', stateReason: 'Replaced by T6-NEW', version: 2 });
    expect(codes((await api.request('GET', '/products?state=discontinued&codePrefix=T6')).body.items)).toEqual(['T6-OLD']);

    const twice = await api.request('POST', `${path}/discontinue`, { headers: { 'If-Match': '"2"' } });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('invalid_state_transition');
    const kit = await api.request('POST', '/products', { body: { code: 'T6-KIT', name: 'Kit', kind: 'kit', units: PIECES, kit: { components: [{ productId: product.id, quantity: '1' }] } } });
    expect(kit.status).toBe(400);
    expect(kit.body.errors).toEqual([{ pointer: '/kit/components/0/productId', message: 'product T6-OLD is discontinued' }]);

    const reactivated = await api.request('POST', `${path}/reactivate`, { headers: { 'If-Match': '"2"' } });
    expect(reactivated.body).toMatchObject({ state: 'active', version: 3 });
    expect(reactivated.body).not.toHaveProperty('stateReason');
  });

  it('explodes a kit, nested kits included, into exact quantities per section', async () => {
    const bolt = await created('/products', { code: 'T7-BOLT', name: 'Bolt', units: PIECES });
    const rope = await created('/products', { code: 'T7-ROPE', name: 'Rope', units: { management: 'm', sales: 'm', price: 'm' } });
    const fixings = await created('/products', {
      code: 'T7-FIXINGS',
      name: 'Fixings',
      kind: 'kit',
      units: PIECES,
      kit: { components: [{ productId: bolt.id, quantity: '4' }], showHead: false },
    });
    const tent = await created('/products', {
      code: 'T7-TENT',
      name: 'Tent',
      kind: 'kit',
      units: PIECES,
      kit: { components: [{ productId: rope.id, quantity: '12.5', section: 'Guying' }, { productId: fixings.id, quantity: '2', section: 'Hardware' }] },
    });

    const exploded = await api.request('GET', `/products/${tent.id}/kit-explosion?quantity=3`, { token: await api.token('agent', 'kit-agent') });
    expect(exploded.status).toBe(200);
    expect(exploded.body.productId).toBe(tent.id);
    expect(exploded.body.lines.map((l: any) => [l.code, l.role, l.level, l.quantity, l.unit, l.section ?? null])).toEqual([
      ['T7-TENT', 'head', 0, '3', 'pce', null],
      ['T7-ROPE', 'component', 1, '37.5', 'm', 'Guying'],
      ['T7-BOLT', 'component', 2, '24', 'pce', 'Hardware'],
    ]);
    expect(exploded.body.lines[2].kitId).toBe(fixings.id);

    const notAKit = await api.request('GET', `/products/${bolt.id}/kit-explosion?quantity=1`);
    expect(notAKit.status).toBe(409);
    expect(notAKit.body.code).toBe('not_a_kit');
    expect((await api.request('GET', `/products/${UNKNOWN_PRODUCT}/kit-explosion?quantity=1`)).status).toBe(404);

    const cycle = await api.request('PATCH', `/products/${fixings.id}`, mergePatch({ kit: { components: [{ productId: tent.id, quantity: '1' }] } }, '"1"'));
    expect(cycle.status).toBe(400);
    expect(cycle.body.errors).toEqual([{ pointer: '/kit/components/0/productId', message: 'would make the kit part of itself: T7-TENT → this kit' }]);
  });
});

describe('customer references', () => {
  it('follows the customer: agents read their customers\' references only, only admins and managers write', async () => {
    const alice = await api.token('agent', 'alice-refs');
    const bob = await api.token('agent', 'bob-refs');
    const shop = await api.token('integration', 'edi-partner');
    const manager = await api.token('manager', 'manager-refs');
    const { body: customer } = await api.request('POST', '/customers', { token: alice, body: { name: 'Alice Metal' } });
    const { body: other } = await api.request('POST', '/customers', { token: bob, body: { name: 'Bob Metal' } });
    const bar = await created('/products', {
      code: 'T8-BAR',
      name: 'Bar',
      units: { management: 'pce', sales: 'pce', price: 'kg' },
      salesConditions: { packagings: [{ code: 'BUNDLE-10', name: 'Bundle of 10', quantity: '10' }] },
    });
    const plate = await created('/products', { code: 'T8-PLATE', name: 'Plate', units: PIECES });
    const base = `/customers/${customer.id}/references`;
    const body = {
      productId: bar.id,
      customerCode: 'AM-Bar-20',
      customerName: 'Rond 20',
      packagingCode: 'bundle-10',
      minQuantity: '10',
      prices: [
        { validFrom: '2027-01-01', unitPrice: '1.45', currency: 'EUR' },
        { validFrom: '2027-01-01', minQuantity: '100', unitPrice: '1.38', currency: 'EUR' },
      ],
    };

    for (const token of [alice, shop]) {
      const refused = await api.request('POST', base, { token, body });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('forbidden');
    }
    const reference = await created(base, body, { token: manager });
    expect(reference).toMatchObject({ customerId: customer.id, productId: bar.id, version: 1, prices: [{ minQuantity: '0' }, { minQuantity: '100' }] });

    expect((await api.request('GET', base, { token: alice })).body.items).toEqual([reference]);
    expect((await api.request('GET', `${base}/${reference.id}`, { token: alice })).body).toEqual(reference);
    expect((await api.request('GET', base, { token: bob })).status).toBe(404);
    expect((await api.request('GET', `${base}/${reference.id}`, { token: bob })).status).toBe(404);
    expect((await api.request('GET', `${base}?customerCode=AM-BAR-20`, { token: bob })).status).toBe(404);
    expect((await api.request('GET', base, { token: shop })).body.items).toHaveLength(1);
    expect((await api.request('PATCH', `${base}/${reference.id}`, mergePatch({ leadTimeDays: 3 }, '"1"', alice))).status).toBe(403);
    expect((await api.request('DELETE', `${base}/${reference.id}`, { token: shop, headers: { 'If-Match': '"1"' } })).status).toBe(403);
    expect((await api.request('POST', `/customers/${other.id}/references`, { token: bob, body: { ...body, customerCode: 'B' } })).status).toBe(403);

    const lookup = await api.request('GET', `${base}?customerCode=${encodeURIComponent(' am-bar-20 ')}`, { token: shop });
    expect(lookup.body).toEqual({ items: [reference], nextCursor: null });
    expect((await api.request('GET', `${base}?customerCode=AM-NOTHING`, { token: alice })).body).toEqual({ items: [], nextCursor: null });

    const sameProduct = await api.request('POST', base, { body: { productId: bar.id, customerCode: 'AM-OTHER' } });
    expect(sameProduct.status).toBe(409);
    expect(sameProduct.body.code).toBe('reference_exists');
    const sameCode = await api.request('POST', base, { body: { productId: plate.id, customerCode: 'am-bar-20' } });
    expect(sameCode.status).toBe(409);
    expect(sameCode.body.code).toBe('reference_code_taken');
    expect((await api.request('POST', `/customers/${other.id}/references`, { body: { productId: bar.id, customerCode: 'AM-Bar-20' } })).status).toBe(201);
  });

  it('lists by customer code prefix, merge-patches under If-Match and frees the code on removal', async () => {
    const { body: customer } = await api.request('POST', '/customers', { body: { name: 'Prefixes' } });
    const base = `/customers/${customer.id}/references`;
    const products = await Promise.all(['A', 'B', 'C'].map((suffix) => created('/products', { code: `T9-${suffix}`, name: suffix, units: PIECES })));
    const references = [];
    for (const [i, product] of products.entries()) references.push(await created(base, { productId: product.id, customerCode: ['X-2', 'X-1', 'Y-1'][i] }));
    expect((await walk(`${base}?customerCodePrefix=x-`, 1)).items.map((r) => r.customerCode)).toEqual(['X-1', 'X-2']);

    const path = `${base}/${references[0].id}`;
    expect((await api.request('PATCH', path, mergePatch({ leadTimeDays: 4 }))).status).toBe(428);
    const patched = await api.request('PATCH', path, mergePatch({ leadTimeDays: 4, customerCode: 'Z-9' }, '"1"'));
    expect(patched.body).toMatchObject({ version: 2, leadTimeDays: 4, customerCode: 'Z-9' });
    expect((await api.request('PATCH', path, mergePatch({ leadTimeDays: 5 }, '"1"'))).status).toBe(412);
    const productFixed = await api.request('PATCH', path, mergePatch({ productId: products[1]!.id }, '"2"'));
    expect(productFixed.status).toBe(400);
    expect(productFixed.body.errors[0].pointer).toBe('/productId');

    expect((await api.request('DELETE', path, { headers: { 'If-Match': '"1"' } })).status).toBe(412);
    expect((await api.request('DELETE', path, { headers: { 'If-Match': '"2"' } })).status).toBe(204);
    expect((await api.request('GET', path)).status).toBe(404);
    expect((await api.request('GET', `${base}?customerCode=Z-9`)).body.items).toEqual([]);
    await created(base, { productId: products[0]!.id, customerCode: 'Z-9' });
  });
});

describe('catalogue writes are for admins and managers', () => {
  it('refuses agents and integrations with 403, lets them read', async () => {
    const agent = await api.token('agent', 'agent-writes');
    const shop = await api.token('integration', 'shop-writes');
    const product = await created('/products', { code: 'T10-READ', name: 'Readable', units: PIECES }, { token: await api.token('manager', 'manager-writes') });
    for (const token of [agent, shop]) {
      expect((await api.request('POST', '/products', { token, body: { code: 'T10-NO', name: 'No', units: PIECES } })).status).toBe(403);
      expect((await api.request('POST', '/families', { token, body: { code: 'T10-NO', name: 'No' } })).status).toBe(403);
      expect((await api.request('PATCH', `/products/${product.id}`, mergePatch({ name: 'No' }, '"1"', token))).status).toBe(403);
      expect((await api.request('POST', `/products/${product.id}/discontinue`, { token, headers: { 'If-Match': '"1"' } })).status).toBe(403);
      expect((await api.request('GET', `/products/${product.id}`, { token })).status).toBe(200);
      expect((await api.request('GET', '/families', { token })).status).toBe(200);
    }
  });

  it('replays a product creation with the same Idempotency-Key', async () => {
    const headers = { 'Idempotency-Key': `product-${Date.now()}` };
    const first = await api.request('POST', '/products', { headers, body: { code: 'T11-ONCE', name: 'Once', units: PIECES } });
    const second = await api.request('POST', '/products', { headers, body: { code: 'T11-ONCE', name: 'Once', units: PIECES } });
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
  });
});

describe('bad input never gets a 500', () => {
  it('names the field and the reason', async () => {
    const { body: customer } = await api.request('POST', '/customers', { body: { name: 'Bad input' } });
    const product = await created('/products', { code: 'T12-P', name: 'P', units: PIECES });
    const kit = await created('/products', { code: 'T12-KIT', name: 'Kit', kind: 'kit', units: PIECES, kit: { components: [{ productId: product.id, quantity: '1' }] } });
    const references = `/customers/${customer.id}/references`;
    const reference = await created(references, { productId: product.id, customerCode: 'T12' });
    const valid = { code: 'T12-NEW', name: 'New', units: PIECES };
    const cases: [string, string, RequestOptions, string][] = [
      ['POST', '/products', { body: { code: 'T12-X', name: 'x' } }, '/units'],
      ['POST', '/products', { body: { ...valid, units: { ...PIECES, management: 'pcs' } } }, '/units/management'],
      ['POST', '/products', { body: { ...valid, code: 'has space' } }, '/code'],
      ['POST', '/products', { body: { ...valid, version: 2 } }, '/version'],
      ['POST', '/products', { body: { ...valid, stateReason: 'x' } }, '/stateReason'],
      ['POST', '/products', { body: { ...valid, kind: 'kit' } }, '/kit'],
      ['POST', '/products', { body: { ...valid, kit: { components: [{ productId: product.id, quantity: '1' }] } } }, '/kit'],
      ['POST', '/products', { body: { ...valid, weight: -1 } }, '/weight'],
      ['POST', '/products', { body: { ...valid, analytics: [{ account: 'A', percent: '60' }, { account: 'B', percent: '30' }] } }, '/analytics'],
      ['POST', '/products', { body: { ...valid, familyId: UNKNOWN_FAMILY } }, '/familyId'],
      ['POST', '/products', { body: { ...valid, salesConditions: { minQuantity: '2.5' } } }, '/salesConditions/minQuantity'],
      ['POST', '/products', { body: { ...valid, costs: { entered: { amount: '1', currency: 'EUR' }, lastPurchase: { amount: '1', currency: 'USD' } } } }, '/costs/entered/currency'],
      ['POST', '/products', { body: { ...valid, kind: 'kit', kit: { components: [{ productId: UNKNOWN_PRODUCT, quantity: '1' }] } } }, '/kit/components/0/productId'],
      ['POST', '/families', { body: { code: 'T12-F', name: 'F', parentId: UNKNOWN_FAMILY } }, '/parentId'],
      ['POST', '/families', { body: { code: 'T12-F', name: '', childCount: 3 } }, '/childCount'],
      ['PATCH', `/products/${product.id}`, { ...mergePatch({ units: null }, '"1"') }, '/units'],
      ['PATCH', `/products/${product.id}`, { ...mergePatch(['name'], '"1"') }, ''],
      ['GET', '/products?state=gone', {}, '/query/state'],
      ['GET', '/products?updatedSince=yesterday', {}, '/query/updatedSince'],
      ['GET', '/products?limit=500', {}, '/query/limit'],
      ['GET', '/products?colour=red', {}, '/query/colour'],
      ['GET', '/products?code=T12-P&state=active', {}, '/query/code'],
      ['GET', '/products?cursor=Zm9v', {}, '/query/cursor'],
      ['GET', '/families?parentId=nope', {}, '/query/parentId'],
      ['GET', `/families?parentId=root&ancestorId=${UNKNOWN_FAMILY}`, {}, '/query/ancestorId'],
      ['GET', '/units?dimension=colour', {}, '/query/dimension'],
      ['GET', '/units?cursor=Zm9v', {}, '/query/cursor'],
      ['GET', `/products/${kit.id}/kit-explosion`, {}, '/query/quantity'],
      ['GET', `/products/${kit.id}/kit-explosion?quantity=0`, {}, '/query/quantity'],
      ['GET', `/products/${kit.id}/kit-explosion?quantity=2&limit=3`, {}, '/query/limit'],
      ['POST', references, { body: { productId: UNKNOWN_PRODUCT, customerCode: 'T12-U' } }, '/productId'],
      ['POST', references, { body: { productId: product.id } }, '/customerCode'],
      ['POST', references, { body: { productId: product.id, customerCode: 'T12-V', customerId: customer.id } }, '/customerId'],
      ['POST', references, { body: { productId: product.id, customerCode: 'T12-V', packagingCode: 'BOX' } }, '/packagingCode'],
      ['POST', references, { body: { productId: product.id, customerCode: 'T12-V', salesUnit: 'dozen', salesFactor: '12' } }, '/salesFactor'],
      [
        'POST',
        references,
        { body: { productId: product.id, customerCode: 'T12-V', prices: [{ validFrom: '2027-01-01', unitPrice: '1', currency: 'EUR' }, { validFrom: '2027-06-01', unitPrice: '2', currency: 'EUR' }] } },
        '/prices/1/validFrom',
      ],
      ['GET', `${references}?customerCode=A&customerCodePrefix=A`, {}, '/query/customerCode'],
      ['PATCH', `${references}/${reference.id}`, mergePatch({ prices: [{ validFrom: '2027-02-30', unitPrice: '1', currency: 'EUR' }] }, '"1"'), '/prices/0/validFrom'],
    ];
    for (const [method, path, options, pointer] of cases) {
      const response = await api.request(method, path, options);
      expect([method, path, response.status]).toEqual([method, path, 400]);
      expect(response.body.errors?.map((e: { pointer: string }) => e.pointer), `${method} ${path} ${JSON.stringify(options.body ?? options.rawBody)}`).toContain(pointer);
    }
  });

  it('answers 404 for well-formed ids that do not exist', async () => {
    expect((await api.request('GET', `/products/${UNKNOWN_PRODUCT}`)).status).toBe(404);
    expect((await api.request('GET', `/families/${UNKNOWN_FAMILY}`)).status).toBe(404);
    expect((await api.request('GET', '/customers/cus_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A/references')).status).toBe(404);
    expect((await api.request('PATCH', `/products/${UNKNOWN_PRODUCT}`, mergePatch({ name: 'x' }, '"1"'))).status).toBe(404);
  });

  it('survives random JSON bodies with 4xx only', async () => {
    const bodies: unknown[] = [null, 0, 'x', [], {}, { code: null }, { code: 'T13', name: 'x', units: 'pce' }, { code: 'T13', name: 'x', units: PIECES, parameters: [] },
      { code: 'T13', name: 'x', units: PIECES, parameters: { 'Bad-Key': '1' } }, { code: 'T13', name: 'x', units: PIECES, kit: { components: 'all' } },
      { code: 'T13', name: 'x', units: PIECES, analytics: [null] }, { code: 'T13', name: 'x', units: { ...PIECES, salesFactor: '1e3' } }];
    for (const body of bodies) {
      const response = await api.request('POST', '/products', { rawBody: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
  });
});
