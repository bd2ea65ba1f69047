import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../domain/shared/ids.ts';
import { startApi, type Api } from '../support/api.ts';

/**
 * `POST /price-simulations` over HTTP against the local system. The catalogue, the customer, the VAT rate and the
 * price lists are all created through the API. Every response is checked against the contract by the client.
 */

let api: Api;
const run = newId('event').slice(-8);
const PIECES = { management: 'pce', sales: 'pce', price: 'pce' };

let customerId: string;
let otherCustomerId: string;
let bolts: { id: string; code: string };
let nuts: { id: string; code: string };

async function created(path: string, body: unknown): Promise<any> {
  const response = await api.request('POST', path, { body });
  expect(response.status, `POST ${path}: ${JSON.stringify(response.body)}`).toBe(201);
  return response.body;
}

beforeAll(async () => {
  api = await startApi();
  const hardware = await created('/families', { code: `${run}-HARDWARE`, name: 'Hardware' });
  const fasteners = await created('/families', { code: `${run}-FASTENERS`, name: 'Fasteners', parentId: hardware.id });
  bolts = await created('/products', {
    code: `${run}-BOLT-M8-100`,
    name: 'Hex bolts M8, box of 100',
    familyId: fasteners.id,
    units: PIECES,
    weight: '1.6',
    costs: { weightedAverage: { amount: '52.00', currency: 'EUR' } },
  });
  nuts = await created('/products', { code: `${run}-NUT-M8-100`, name: 'Nuts M8, box of 100', familyId: fasteners.id, units: PIECES });
  customerId = (await created('/customers', { name: 'Garage Martin', countryCode: 'FR', salesAgentId: 'agent-alice' })).id;
  otherCustomerId = (await created('/customers', { name: 'Garage Bernard', countryCode: 'FR', salesAgentId: 'agent-bob' })).id;
  await created(`/customers/${customerId}/references`, {
    productId: nuts.id,
    customerCode: 'MART-NUT',
    prices: [{ validFrom: '2026-01-01', unitPrice: '24.00', currency: 'EUR' }],
  });

  const vat = await api.request('POST', '/vat-rates', { body: { countryCode: 'FR', category: 'standard', rate: '20', validFrom: '2014-01-01' } });
  expect([201, 409]).toContain(vat.status);
  await created('/price-lists', {
    source: 'standard_list',
    name: `Standard ${run}`,
    currency: 'EUR',
    rules: [{ target: { kind: 'product', productId: bolts.id }, action: { kind: 'fixed', price: '100.00' } }],
  });
  await created('/price-lists', {
    source: 'customer_list',
    name: `Garage Martin ${run}`,
    currency: 'EUR',
    customerId,
    rules: [{ target: { kind: 'family', familyId: hardware.id }, action: { kind: 'discount', percents: ['10'] } }],
  });
});

afterAll(async () => {
  await api?.stop();
});

const simulate = (body: unknown, options: { token?: string; headers?: Record<string, string> } = {}) => api.request('POST', '/price-simulations', { body, ...options });

describe('POST /price-simulations', () => {
  it('stacks the customer group\'s list for a customer of that group: 100.00, −10 % (own list) then −5 % (group list)', async () => {
    const group = `BAKERIES-${run}`;
    const member = (await created('/customers', { name: 'Boulangerie Roux', countryCode: 'FR', priceGroup: group })).id;
    await created('/price-lists', {
      source: 'customer_list',
      name: `Roux ${run}`,
      currency: 'EUR',
      customerId: member,
      rules: [{ target: { kind: 'all' }, action: { kind: 'discount', percents: ['10'] } }],
    });
    await created('/price-lists', {
      source: 'group_list',
      name: `Bakeries ${run}`,
      currency: 'EUR',
      priceGroup: group,
      rules: [{ target: { kind: 'product', productId: bolts.id }, action: { kind: 'discount', percents: ['5'] } }],
    });
    const { body } = await simulate({ customerId: member, date: '2027-03-01', lines: [{ productId: bolts.id, quantity: '1' }] });
    expect(body.lines[0].explanation.waterfall.map((step: any) => [step.kind, step.unitPrice])).toEqual([
      ['base', '100.0000'],
      ['discount', '90.0000'],
      ['discount', '85.5000'],
    ]);
    const outsider = await simulate({ customerId, date: '2027-03-01', lines: [{ productId: bolts.id, quantity: '1' }] });
    expect(outsider.body.lines[0].unitPrice).toBe('90.0000');
  });

  it('explains a price a person with a calculator can follow: 100.00, −10 % → 90.0000, −5 % → 85.5000, × 3, VAT 20 %', async () => {
    const response = await simulate({ customerId, date: '2027-03-01', lines: [{ lineId: 'L1', productCode: bolts.code.toLowerCase(), quantity: '3', manualDiscounts: ['5'] }] });
    expect(response.status).toBe(200);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.get('etag')).toBeNull();
    const { body } = response;
    expect(body).toMatchObject({ customerId, date: '2027-03-01', currency: 'EUR', deliveryCountry: 'FR' });

    const [line] = body.lines;
    expect(line).toMatchObject({ index: 0, lineId: 'L1', productId: bolts.id, productCode: bolts.code, status: 'priced', unitPrice: '85.5000', computedUnitPrice: '90.0000' });
    expect(line.explanation.waterfall.map((step: any) => [step.kind, step.calculation, step.value, step.unitPrice])).toEqual([
      ['base', '100.00 EUR per pce = 100.0000', '100.0000', '100.0000'],
      ['discount', '100.0000 × 0.9 = 90.0000', '-10.0000', '90.0000'],
      ['manual_discount', '90.0000 × 0.95 = 85.5000', '-4.5000', '85.5000'],
    ]);
    expect(line.explanation.candidates.map((c: any) => `${c.source} ${c.status}:${c.code}`)).toEqual(['customer_list applied:adjustment', 'standard_list applied:base_price']);
    expect(line.quantities).toEqual({
      requested: { quantity: '3', unit: 'pce' },
      sales: { quantity: '3', unit: 'pce' },
      management: { quantity: '3', unit: 'pce' },
      price: { quantity: '3', unit: 'pce' },
      adjustments: [],
    });
    expect(line).toMatchObject({ amount: '256.50', amountCalculation: '85.5000 × 3 pce = 256.50', netAmount: '256.50', vat: { category: 'standard', rate: '20' } });
    expect(line.margin).toMatchObject({ basis: 'weightedAverage', cost: '156.00', amount: '100.50', rate: '39.18' });
    expect(body.vat).toEqual({
      fiscalPosition: { kind: 'domestic', explanation: "domestic: from FR to FR (customer's country, no delivery country given)" },
      breakdown: [{ rate: '20', base: '256.50', tax: '51.30', calculation: '256.50 × 20 % = 51.30' }],
    });
    expect(body.totals).toEqual({ lines: '256.50', documentDiscounts: '0.00', goods: '256.50', transport: '0.00', net: '256.50', tax: '51.30', gross: '307.80', margin: '100.50', complete: true, unpricedLines: [] });
  });

  it("gives each percentage its own step — a rule's 20 % then 12.5 %, the line's manual 5 % then 2 % — whatever the explain level", async () => {
    const cascading = (await created('/customers', { name: 'Garage Lefèvre', countryCode: 'FR' })).id;
    await created('/price-lists', {
      source: 'customer_list',
      name: `Lefèvre ${run}`,
      currency: 'EUR',
      customerId: cascading,
      rules: [{ target: { kind: 'product', productId: bolts.id }, action: { kind: 'discount', percents: ['20', '12.5'] } }],
    });
    const body = { customerId: cascading, date: '2027-03-01', lines: [{ productId: bolts.id, quantity: '3', manualDiscounts: ['5', '2'] }] };
    const explained = (explain: string) => api.request('POST', `/price-simulations?explain=${explain}`, { body });
    const [full, summary, none] = await Promise.all([explained('full'), explained('summary'), explained('none')]);
    expect(full.status).toBe(200);
    const [line] = full.body.lines;
    expect(line).toMatchObject({ unitPrice: '65.1700', computedUnitPrice: '70.0000', manual: { price: false, discount: true }, amount: '195.51' });
    expect(line.explanation.waterfall.map((step: any) => [step.kind, step.source, step.percent, step.calculation, step.unitPriceBefore, step.unitPrice])).toEqual([
      ['base', 'standard_list', undefined, '100.00 EUR per pce = 100.0000', undefined, '100.0000'],
      ['discount', 'customer_list', '20', '100.0000 × 0.8 = 80.0000', '100.0000', '80.0000'],
      ['discount', 'customer_list', '12.5', '100.0000 × 0.8 × 0.875 = 70.0000', '80.0000', '70.0000'],
      ['manual_discount', 'manual', '5', '70.0000 × 0.95 = 66.5000', '70.0000', '66.5000'],
      ['manual_discount', 'manual', '2', '70.0000 × 0.95 × 0.98 = 65.1700', '66.5000', '65.1700'],
    ]);
    expect(summary.body.lines[0].explanation).toEqual({ waterfall: line.explanation.waterfall, notes: line.explanation.notes });
    expect(none.body.lines[0].explanation).toBeUndefined();
    expect(none.body.lines[0]).toMatchObject({ unitPrice: '65.1700', manual: { price: false, discount: true }, amount: '195.51' });
    expect(none.body.totals).toEqual(full.body.totals);

    const bad = await simulate({ customerId: cascading, lines: [{ productId: bolts.id, quantity: '1', manualDiscounts: ['5', '150'] }, { productId: bolts.id, quantity: '1', manualDiscount: '5' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { pointer: '/lines/0/manualDiscounts/1', message: 'must be between 0 and 100' },
      { pointer: '/lines/1/manualDiscount', message: 'is not a known field' },
    ]);
  });

  it("prices a product the customer names by its own code at the customer's reference price", async () => {
    const { status, body } = await simulate({ customerId, date: '2027-03-01', lines: [{ customerProductCode: 'mart-nut', quantity: '10' }] });
    expect(status).toBe(200);
    expect(body.lines[0]).toMatchObject({ productId: nuts.id, customerProductCode: 'mart-nut', unitPrice: '24.0000', amount: '240.00' });
    expect(body.lines[0].explanation.candidates[0]).toMatchObject({ source: 'customer_reference', origin: 'customer reference MART-NUT', status: 'applied', code: 'base_price' });
    expect(body.lines[0].explanation.candidates[0].ruleId).toMatch(/^ref_[0-9A-Z]{26}\/prices\/0$/);
  });

  it('without a customer, prices from the standard lists only, in EUR, today', async () => {
    const { status, body } = await simulate({ lines: [{ productId: bolts.id, quantity: '1' }] }, { token: await api.token('integration', 'shop-sim') });
    expect(status).toBe(200);
    expect(body.customerId).toBeUndefined();
    expect(body.date).toBe(new Date().toISOString().slice(0, 10));
    expect(body.lines[0]).toMatchObject({ unitPrice: '100.0000', amount: '100.00' });
  });

  it('lets an agent simulate for their own customers only: another customer is a 404, as for reads', async () => {
    const alice = await api.token('agent', 'agent-alice');
    const input = (id: string) => ({ customerId: id, date: '2027-03-01', lines: [{ productId: bolts.id, quantity: '1' }] });
    expect((await simulate(input(customerId), { token: alice })).body.lines[0].unitPrice).toBe('90.0000');
    const refused = await simulate(input(otherCustomerId), { token: alice });
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ code: 'not_found', detail: `Customer ${otherCustomerId} was not found` });
    expect((await simulate(input('cus_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A'))).status).toBe(404);
  });

  it('answers the whole explanation by default, the waterfall alone with explain=summary, the figures alone with explain=none', async () => {
    const body = { customerId, date: '2027-03-01', lines: [{ productId: bolts.id, quantity: '3' }, { productCode: `${run}-NUT-M8-100`, quantity: '2' }] };
    const levels = await Promise.all(['', '?explain=full', '?explain=summary', '?explain=none'].map((query) => api.request('POST', `/price-simulations${query}`, { body })));
    const [byDefault, full, summary, none] = levels.map((answer) => {
      expect(answer.status).toBe(200);
      return answer.body;
    });
    expect(byDefault).toEqual(full);
    expect(full.lines[0].explanation.candidates.length).toBeGreaterThan(0);
    expect(Object.keys(summary.lines[0].explanation).sort()).toEqual(['notes', 'waterfall']);
    expect(summary.lines[0].explanation.waterfall).toEqual(full.lines[0].explanation.waterfall);
    expect(none.lines.every((line: object) => !('explanation' in line))).toBe(true);
    // The figures are the same whatever the explanation.
    const figures = (simulation: any) => ({ totals: simulation.totals, lines: simulation.lines.map(({ explanation: _, ...line }: any) => line) });
    expect(figures(none)).toEqual(figures(full));
    expect(figures(summary)).toEqual(figures(full));
    const sizes = levels.slice(1).map((answer) => JSON.stringify(answer.body).length);
    expect(sizes[0]!).toBeGreaterThan(sizes[1]!);
    expect(sizes[1]!).toBeGreaterThan(sizes[2]!);
    const bad = await api.request('POST', '/price-simulations?explain=all', { body });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].pointer).toBe('/query/explain');
  });

  it('names every field at fault', async () => {
    const unknown = await simulate({ customerId, lines: [{ productId: bolts.id, quantity: '1' }, { productCode: 'NO-SUCH-CODE', quantity: '1' }, { customerProductCode: 'NOPE', quantity: '1' }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      { pointer: '/lines/1/productCode', message: 'NO-SUCH-CODE is not the code of a product' },
      { pointer: '/lines/2/customerProductCode', message: `NOPE is not a code of customer ${customerId} (none of its references has it)` },
    ]);
    const shape = await simulate({ currency: 'euro', lines: [{ productId: bolts.id, quantity: 3 }, { description: 'Set-up', quantity: '1' }], id: 'x' });
    expect(shape.status).toBe(400);
    expect(shape.body.errors).toEqual([
      { pointer: '/currency', message: 'must be an ISO 4217 currency code such as "EUR"' },
      { pointer: '/lines/0/quantity', message: 'must be a string' },
      { pointer: '/lines/1/manualUnitPrice', message: 'is required on a free-text line: no rule prices it' },
      { pointer: '/lines/1/vatCategory', message: 'is required on a free-text line: it has no product to take it from' },
      { pointer: '/id', message: 'is set by the server and cannot be written' },
    ]);
    const unit = await simulate({ lines: [{ productId: bolts.id, quantity: '1', unit: 'kg' }] });
    expect(unit.body.errors).toEqual([{ pointer: '/lines/0/unit', message: "kg (mass) is not related to this product's units: count (pce)" }]);
  });

  it('replays a simulation sent again with the same Idempotency-Key', async () => {
    const headers = { 'Idempotency-Key': `simulation-${run}` };
    const body = { customerId, date: '2027-03-01', lines: [{ productId: bolts.id, quantity: '2' }] };
    const first = await simulate(body, { headers });
    const again = await simulate(body, { headers });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await simulate({ ...body, date: '2027-03-02' }, { headers })).status).toBe(422);
  });
});
