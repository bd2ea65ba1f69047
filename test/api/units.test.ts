import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Api } from '../support/api.ts';

/** Custom units of measure over HTTP: created, read, changed within limits, and used by products and pricing. */

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.stop();
});

const ROLL = { code: 'roll', name: 'roll of 50 m', dimension: 'length', factor: '50', decimals: 2 };
const patch = (body: unknown, etag?: string) => ({
  rawBody: JSON.stringify(body),
  headers: { 'Content-Type': 'application/merge-patch+json', ...(etag ? { 'If-Match': etag } : {}) },
});

describe('custom units of measure', () => {
  it('creates a 50 m roll, lists it after the standard units, and refuses what cannot change', async () => {
    const response = await api.request('POST', '/units', { body: ROLL });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.headers.get('location')).toBe('/units/roll');
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.body).toMatchObject({ ...ROLL, standard: false, version: 1 });

    expect((await api.request('POST', '/units', { body: ROLL })).body.code).toBe('unit_code_taken');
    expect((await api.request('POST', '/units', { body: { ...ROLL, code: 'kg' } })).status).toBe(409);
    expect((await api.request('POST', '/units', { body: { ...ROLL, code: 'bag' }, token: await api.token('agent', 'agent-alice') })).status).toBe(403);

    const read = await api.request('GET', '/units/roll');
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    const standard = await api.request('GET', '/units/kg');
    expect(standard.body).toEqual({ code: 'kg', name: 'kilogram', dimension: 'mass', factor: '1', decimals: 3, standard: true });
    expect(standard.headers.get('etag')).toBeNull();
    expect((await api.request('GET', '/units/nope')).status).toBe(404);
    // Codes are lower case: one of another shape names no unit.
    expect((await api.request('GET', '/units/Roll')).status).toBe(404);

    const length = await api.request('GET', '/units?dimension=length');
    expect(length.body.items.map((unit: { code: string }) => unit.code)).toEqual(['m', 'cm', 'mm', 'km', 'roll']);

    const fixed = await api.request('PATCH', '/units/roll', patch({ factor: '25' }, '"1"'));
    expect(fixed.status).toBe(400);
    expect(JSON.stringify(fixed.body)).toContain('stored quantities depend on it');
    expect((await api.request('PATCH', '/units/kg', patch({ name: 'kilo' }, '"1"'))).body.code).toBe('standard_unit');
    const renamed = await api.request('PATCH', '/units/roll', patch({ name: 'roll of 50 metres' }, '"1"'));
    expect(renamed.status).toBe(200);
    expect(renamed.headers.get('etag')).toBe('"2"');
    expect(renamed.body).toMatchObject({ name: 'roll of 50 metres', factor: '50', version: 2 });
    expect((await api.request('PATCH', '/units/roll', patch({ name: 'x' }, '"1"'))).status).toBe(412);
  });

  it('prices a product sold by the roll and priced by the metre: a line in rolls in all three units', async () => {
    const vat = await api.request('POST', '/vat-rates', { body: { countryCode: 'FR', category: 'standard', rate: '20', validFrom: '2014-01-01' } });
    expect([201, 409]).toContain(vat.status);
    const product = await api.request('POST', '/products', { body: { code: 'CABLE-3G15', name: 'Cable 3G1.5', units: { management: 'm', sales: 'roll', price: 'm' } } });
    expect(product.status, JSON.stringify(product.body)).toBe(201);
    const list = await api.request('POST', '/price-lists', {
      body: { source: 'standard_list', name: 'Standard', currency: 'EUR', rules: [{ target: { kind: 'product', productId: product.body.id }, action: { kind: 'fixed', price: '0.80' } }] },
    });
    expect(list.status, JSON.stringify(list.body)).toBe(201);

    const simulation = await api.request('POST', '/price-simulations', { body: { date: '2027-03-01', currency: 'EUR', lines: [{ productId: product.body.id, quantity: '3', unit: 'roll' }] } });
    expect(simulation.status, JSON.stringify(simulation.body)).toBe(200);
    const [line] = simulation.body.lines;
    expect(line.quantities).toEqual({
      requested: { quantity: '3', unit: 'roll' },
      sales: { quantity: '3.00', unit: 'roll' },
      management: { quantity: '150.000', unit: 'm' },
      price: { quantity: '150.000', unit: 'm' },
      adjustments: [],
    });
    expect(line).toMatchObject({ status: 'priced', unitPrice: '0.8000', amount: '120.00' });
  });
});
