import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../domain/shared/ids.ts';
import { startApi, type Api } from '../support/api.ts';

/**
 * Quotes over HTTP against the local system (QUO-1 … QUO-3): a prospect's quote with free lines and a product, its
 * revision into a new version, the diff, the lifecycle actions, visibility and the yearly numbers.
 */

let api: Api;
const run = newId('event').slice(-8);
let bolts: { id: string; code: string };
let customerId: string;

async function created(path: string, body: unknown, token?: string): Promise<any> {
  const response = await api.request('POST', path, { body, ...(token ? { token } : {}) });
  expect(response.status, `POST ${path}: ${JSON.stringify(response.body)}`).toBe(201);
  return response.body;
}

const ifMatch = (response: { headers: Headers }) => ({ 'If-Match': response.headers.get('etag')! });

beforeAll(async () => {
  api = await startApi();
  const family = await created('/families', { code: `${run}-HW`, name: 'Hardware' });
  bolts = await created('/products', { code: `${run}-BOLT`, name: 'Hex bolts M8, box of 100', familyId: family.id, units: { management: 'pce', sales: 'pce', price: 'pce' }, costs: { weightedAverage: { amount: '52.00', currency: 'EUR' } } });
  const vat = await api.request('POST', '/vat-rates', { body: { countryCode: 'FR', category: 'standard', rate: '20', validFrom: '2014-01-01' } });
  expect([201, 409]).toContain(vat.status);
  await created('/price-lists', { source: 'standard_list', name: `Standard ${run}`, currency: 'EUR', rules: [{ target: { kind: 'product', productId: bolts.id }, action: { kind: 'fixed', price: '100.00' } }] });
  customerId = (await created('/customers', { name: 'Garage Martin', countryCode: 'FR', salesAgentId: 'agent-alice', paymentTerms: { netDays: 30, endOfMonth: true, method: 'bank_transfer' }, addresses: [{ roles: ['invoiced_to'], line1: '1 rue de la Paix', postalCode: '75002', city: 'Paris', countryCode: 'FR' }] })).id;
});

afterAll(async () => {
  await api?.stop();
});

const prospectQuote = () => ({
  prospect: { company: 'Atelier Durand', person: 'Claire Durand', email: 'claire@atelier-durand.fr', countryCode: 'FR' },
  lines: [
    { kind: 'section', title: 'Fournitures' },
    { kind: 'product', productCode: bolts.code, quantity: '3' },
    { kind: 'text', description: 'Installation on site', quantity: '1', manualUnitPrice: '450.00', vatCategory: 'standard' },
    { kind: 'text', description: 'Travel', quantity: '2', manualUnitPrice: '35.50', vatCategory: 'standard' },
    { kind: 'comment', text: 'Delivery within two weeks of the order.' },
  ],
});

describe('a quote for a prospect', () => {
  it('is created as a numbered draft, priced exactly as the simulator prices the same lines', async () => {
    const response = await api.request('POST', '/quotes', { body: prospectQuote() });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const quote = response.body;
    expect(quote.number).toMatch(/^Q-\d{4}-\d{6}$/);
    expect(quote).toMatchObject({ state: 'draft', version: 1, currentVersion: { number: 1, lineCount: 5 }, currency: 'EUR', prospect: { company: 'Atelier Durand' } });
    expect(response.headers.get('location')).toBe(`/quotes/${quote.id}`);
    expect(quote.lines.map((line: any) => line.kind)).toEqual(['section', 'product', 'text', 'text', 'comment']);
    expect(quote.lines[1]).toMatchObject({ productCode: bolts.code, productName: 'Hex bolts M8, box of 100', priced: { unitPrice: '100.0000', amount: '300.00' } });
    expect(quote.lines[1].priced.explanation.waterfall.length).toBeGreaterThan(0);

    const simulation = await api.request('POST', '/price-simulations', { body: { deliveryCountry: 'FR', lines: [{ productCode: bolts.code, quantity: '3' }, { description: 'Installation on site', quantity: '1', manualUnitPrice: '450.00', vatCategory: 'standard' }, { description: 'Travel', quantity: '2', manualUnitPrice: '35.50', vatCategory: 'standard' }] } });
    expect(simulation.status).toBe(200);
    expect(quote.pricing.totals).toEqual(simulation.body.totals);
    expect(quote.pricing.totals).toMatchObject({ lines: '821.00', tax: '164.20', gross: '985.20' });
  });

  it('is changed in place while a draft (same version number), and a repeated patch writes nothing', async () => {
    const created = await api.request('POST', '/quotes', { body: prospectQuote() });
    const quote = created.body;
    const accepted = await api.request('POST', `/quotes/${quote.id}/accept`, { headers: ifMatch(created), body: { signerName: 'Claire Durand' } });
    expect(accepted.status).toBe(409);

    // Editing a draft keeps version 1.
    const lines = quote.lines.map((line: any) => ({ id: line.id, kind: line.kind, ...(line.input ?? {}), ...(line.title ? { title: line.title } : {}), ...(line.text ? { text: line.text } : {}) }));
    lines[1] = { ...lines[1], quantity: '5' };
    delete lines[1].productId;
    lines[1].productId = bolts.id;
    const edited = await api.request('PATCH', `/quotes/${quote.id}`, { headers: ifMatch(created), body: { lines } });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, currentVersion: { number: 1 }, state: 'draft' });
    expect(edited.body.lines[1]).toMatchObject({ id: quote.lines[1].id, priced: { amount: '500.00' } });

    const again = await api.request('PATCH', `/quotes/${quote.id}`, { headers: ifMatch(edited), body: { lines } });
    expect(again.body.version, 'a patch that changes nothing writes nothing').toBe(2);

    const versions = await api.request('GET', `/quotes/${quote.id}/versions`);
    expect(versions.body.items.map((version: any) => version.number)).toEqual([1]);
    expect(versions.body.items[0].contentHash).toBe(edited.body.currentVersion.contentHash);
  });

  it('refuses line ids it does not know and fields that do not go on a kind of line', async () => {
    const response = await api.request('POST', '/quotes', { body: { prospect: { company: 'X' }, lines: [{ kind: 'section', title: 'A', quantity: '1' }, { kind: 'product', quantity: '1' }] } });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: any) => error.pointer)).toEqual(['/lines/0/quantity', '/lines/1/productId']);
    const unknownId = await api.request('POST', '/quotes', { body: { prospect: { company: 'X' }, lines: [{ kind: 'section', title: 'A' }, { id: newId('quoteLine'), kind: 'comment', text: 'x' }] } });
    expect(unknownId.status).toBe(400);
    expect(unknownId.body.errors).toEqual([{ pointer: '/lines/1/id', message: expect.stringContaining("not a line of this quote's current version") }]);
  });

  it('refuses a quote for no one, and names the unknown product code on its own line', async () => {
    const none = await api.request('POST', '/quotes', { body: { lines: [] } });
    expect(none.status).toBe(400);
    expect(none.body.errors[0].pointer).toBe('/customerId');
    const unknown = await api.request('POST', '/quotes', { body: { prospect: { company: 'X', countryCode: 'FR' }, lines: [{ kind: 'comment', text: 'first' }, { kind: 'product', productCode: 'NOPE-404', quantity: '1' }] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ pointer: '/lines/1/productCode', message: expect.stringContaining('NOPE-404') }]);
  });
});

describe('a quote for a customer', () => {
  it("takes the customer's terms and address, and stays invisible to other agents", async () => {
    const alice = await api.token('agent', 'agent-alice');
    const bob = await api.token('agent', 'agent-bob');
    const quote = await created('/quotes', { customerId, lines: [{ kind: 'product', productId: bolts.id, quantity: '2' }] }, alice);
    expect(quote).toMatchObject({ ownerAgentId: 'agent-alice', customerId, paymentTerms: { netDays: 30, endOfMonth: true }, customer: { name: 'Garage Martin', billingAddress: { lines: ['1 rue de la Paix', '75002 Paris'] } } });
    expect((await api.request('GET', `/quotes/${quote.id}`, { token: bob })).status).toBe(404);
    expect((await api.request('GET', `/quotes/${quote.id}`, { token: alice })).status).toBe(200);
    const bobsList = await api.request('GET', '/quotes', { token: bob });
    expect(bobsList.body.items.map((item: any) => item.id)).not.toContain(quote.id);
    const forCustomer = await api.request('GET', `/quotes?customerId=${customerId}`, { token: alice });
    expect(forCustomer.body.items.map((item: any) => item.id)).toContain(quote.id);
    // Bob cannot quote for Alice's customer.
    const refused = await api.request('POST', '/quotes', { token: bob, body: { customerId, lines: [] } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].pointer).toBe('/customerId');
  });

  it('hides margins from integrations', async () => {
    const quote = await created('/quotes', { customerId, lines: [{ kind: 'product', productId: bolts.id, quantity: '2' }] });
    expect(quote.lines[0].priced.margin.amount).toBe('96.00');
    const integration = await api.request('GET', `/quotes/${quote.id}`, { token: await api.token('integration') });
    expect(integration.body.lines[0].priced.margin).toEqual({ basis: 'weightedAverage', unavailable: 'not shown to integrations' });
    expect(integration.body.pricing.totals.margin).toBeUndefined();
  });
});

describe('numbers', () => {
  it('are distinct and consecutive when quotes are made at the same time', async () => {
    const responses = await Promise.all(Array.from({ length: 8 }, () => api.request('POST', '/quotes', { body: { prospect: { company: 'Concurrent' }, lines: [] } })));
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(201));
    const counters = responses.map((response) => Number(response.body.number.slice(-6))).sort((a, b) => a - b);
    expect(new Set(counters).size).toBe(8);
    expect(counters.at(-1)! - counters[0]!).toBe(7);
  });
});
