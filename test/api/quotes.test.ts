import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
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

describe('kits and re-pricing', () => {
  it('explode a kit into a section titled with it and its component lines, each priced', async () => {
    const kit = await created('/products', { code: `${run}-KIT`, name: 'Bolt kit', kind: 'kit', units: { management: 'pce', sales: 'pce', price: 'pce' }, kit: { components: [{ productId: bolts.id, quantity: '2' }] } });
    const quote = await created('/quotes', { prospect: { company: 'Kits SARL', countryCode: 'FR' }, lines: [{ kind: 'kit', productCode: kit.code, quantity: '3' }] });
    expect(quote.lines.map((line: any) => [line.kind, line.kitId])).toEqual([['section', kit.id], ['product', kit.id]]);
    expect(quote.lines[1]).toMatchObject({ productCode: bolts.code, input: { quantity: '6' }, priced: { amount: '600.00' } });
    const notAKit = await api.request('POST', '/quotes', { body: { prospect: { company: 'X' }, lines: [{ kind: 'kit', productId: bolts.id, quantity: '1' }] } });
    expect(notAKit.status).toBe(400);
    expect(notAKit.body.errors[0].pointer).toBe('/lines/0/kind');
  });

  it("keep a draft's figures on a change of its notes, and re-price (manual discounts kept) when the pricing date moves", async () => {
    const created = await api.request('POST', '/quotes', { body: { prospect: { company: 'Dates SA', countryCode: 'FR' }, pricingDate: '2026-06-01', validUntil: '2027-12-31', lines: [{ kind: 'product', productId: bolts.id, quantity: '1', manualDiscounts: ['10'] }] } });
    expect(created.body.lines[0].priced).toMatchObject({ amount: '90.00', manual: { discount: true } });
    const noted = await api.request('PATCH', `/quotes/${created.body.id}`, { headers: ifMatch(created), body: { customerNotes: 'Merci.' } });
    expect(noted.body.lines[0].priced.amount).toBe('90.00');
    expect(noted.body.currentVersion.contentHash).not.toBe(created.body.currentVersion.contentHash);
    const repriced = await api.request('PATCH', `/quotes/${created.body.id}`, { headers: ifMatch(noted), body: { pricingDate: '2026-12-31' } });
    expect(repriced.status, JSON.stringify(repriced.body)).toBe(200);
    expect(repriced.body.lines[0].priced).toMatchObject({ amount: '90.00', manual: { discount: true } });
    expect(repriced.body.pricingDate).toBe('2026-12-31');
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

describe('sending, revising and accepting', () => {
  async function pdfOf(path: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
    const response = await fetch(api.baseUrl + path, { headers: { Authorization: `Bearer ${await api.token('admin')}`, Accept: 'application/pdf' } });
    return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
  }

  it('e-mails the PDF once, pins the version, revises into version 2 with a diff, and records the acceptance', async () => {
    const settings = await api.request('GET', '/document-settings');
    const patched = await api.request('PATCH', '/document-settings', { headers: ifMatch(settings), body: { company: { name: `Quincaillerie ${run}`, countryCode: 'FR', siren: '552100554', vatNumber: 'FR40552100554', addressLines: ['12 rue des Forges', '69007 Lyon'] } } });
    expect([200, 412]).toContain(patched.status);

    const created = await api.request('POST', '/quotes', { body: prospectQuote() });
    const quote = created.body;
    const pdf = await pdfOf(`/quotes/${quote.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');

    const sent = await api.request('POST', `/quotes/${quote.id}/send`, { headers: ifMatch(created), body: { message: 'Suite à notre visite.' } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body).toMatchObject({ state: 'sent', sent: { number: 1, contentHash: quote.currentVersion.contentHash, to: ['claire@atelier-durand.fr'] } });
    // A retried send sends nothing more.
    const again = await api.request('POST', `/quotes/${quote.id}/send`, { headers: ifMatch(created) });
    expect(again.body.version).toBe(sent.body.version);
    const emails = await api.request('GET', `/quotes/${quote.id}/emails`);
    expect(emails.body.items).toHaveLength(1);
    expect(emails.body.items[0]).toMatchObject({ messageId: sent.body.sent.messageId, status: 'sent', subject: expect.stringContaining(quote.number) });
    const outbox = (await readdir(join(api.dataDir, 'outbox'))).filter((file) => file.includes(sent.body.sent.messageId));
    expect(outbox).toHaveLength(1);
    const eml = await readFile(join(api.dataDir, 'outbox', outbox[0]!), 'utf8');
    expect(eml).toContain('Content-Type: application/pdf');
    expect(eml).toMatch(/\/public\/quotes\/[\w.-]+/);

    // Editing the sent quote makes version 2, back to draft; version 1 stays as it was.
    const lines = quote.lines.map((line: any) => ({ id: line.id, kind: line.kind, ...(line.input ?? {}), ...(line.title ? { title: line.title } : {}), ...(line.text ? { text: line.text } : {}) }));
    lines[1] = { ...lines[1], quantity: '5' };
    lines.splice(3, 1);
    lines.push({ kind: 'text', description: 'Extended warranty', quantity: '1', manualUnitPrice: '120.00', vatCategory: 'standard' });
    const revised = await api.request('PATCH', `/quotes/${quote.id}`, { headers: ifMatch(sent), body: { lines } });
    expect(revised.status, JSON.stringify(revised.body)).toBe(200);
    expect(revised.body).toMatchObject({ state: 'draft', currentVersion: { number: 2 }, sent: { number: 1 } });
    expect(revised.body.transitions.at(-1)).toMatchObject({ action: 'revise', from: 'sent', to: 'draft' });
    const v1 = await api.request('GET', `/quotes/${quote.id}/versions/1`);
    expect(v1.body).toMatchObject({ number: 1, contentHash: quote.currentVersion.contentHash, lineCount: 5 });
    const v1Lines = await api.request('GET', `/quotes/${quote.id}/versions/1/lines`);
    expect(v1Lines.body.items[1].priced.amount).toBe('300.00');

    const diff = await api.request('GET', `/quotes/${quote.id}/versions/1/diff/2`);
    expect(diff.status).toBe(200);
    expect(diff.body.lines.added.map((line: any) => line.label)).toEqual(['Extended warranty']);
    expect(diff.body.lines.removed.map((line: any) => line.label)).toEqual(['Travel']);
    expect(diff.body.lines.changed).toEqual([expect.objectContaining({ id: quote.lines[1].id, delta: { quantity: '2', unitPrice: '0.0000', amount: '200.00' } })]);
    // 821.00 − 71.00 (travel) + 200.00 (two more boxes) + 120.00 (warranty).
    expect(diff.body.totals.lines).toEqual({ from: '821.00', to: '1070.00', delta: '249.00' });

    const v2 = await api.request('POST', `/quotes/${quote.id}/send`, { headers: ifMatch(revised) });
    expect(v2.body).toMatchObject({ state: 'sent', sent: { number: 2 } });
    expect((await api.request('GET', `/quotes/${quote.id}/emails`)).body.items).toHaveLength(2);
    const accepted = await api.request('POST', `/quotes/${quote.id}/accept`, { headers: ifMatch(v2), body: { signerName: 'Claire Durand', purchaseOrderNumber: 'PO-77' } });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ state: 'accepted', accepted: { number: 2, contentHash: v2.body.currentVersion.contentHash, signerName: 'Claire Durand', purchaseOrderNumber: 'PO-77', via: 'agent' } });
    expect((await api.request('PATCH', `/quotes/${quote.id}`, { headers: ifMatch(accepted), body: { customerNotes: 'x' } })).status).toBe(409);
    expect((await pdfOf(`/quotes/${quote.id}/versions/1/pdf`)).status).toBe(200);
  });

  it('refuses to send to no one, and a PDF to a client that accepts only JSON', async () => {
    const created = await api.request('POST', '/quotes', { body: { prospect: { company: 'Sans adresse' }, lines: [] } });
    const refused = await api.request('POST', `/quotes/${created.body.id}/send`, { headers: ifMatch(created) });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].pointer).toBe('/to');
    const json = await api.request('GET', `/quotes/${created.body.id}/pdf`, { headers: { Accept: 'application/json' } });
    expect(json.status).toBe(406);
  });
});

describe('online acceptance through the e-mailed link', () => {
  /** The link of the last message sent for a quote, read from the outbox as the customer's mail client would. */
  async function linkOf(messageId: string): Promise<string> {
    const file = (await readdir(join(api.dataDir, 'outbox'))).find((name) => name.includes(messageId))!;
    const text = (await readFile(join(api.dataDir, 'outbox', file), 'utf8')).replace(/=\r?\n/g, '');
    const link = /(http:\/\/[^\s"<]+\/public\/quotes\/[\w.-]+)/.exec(text)![1]!;
    expect(link.startsWith(api.baseUrl)).toBe(true);
    return link.slice(api.baseUrl.length);
  }
  const anonymous = { token: null };

  async function sentQuote() {
    const created = await api.request('POST', '/quotes', { body: prospectQuote() });
    const sent = await api.request('POST', `/quotes/${created.body.id}/send`, { headers: ifMatch(created) });
    expect(sent.status).toBe(200);
    return { quote: sent.body, sent, link: await linkOf(sent.body.sent.messageId) };
  }

  it('shows that version without an account, and accepts it once with its content hash and signer', async () => {
    const { quote, link } = await sentQuote();
    const view = await api.request('GET', link, anonymous);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ number: quote.number, versionNumber: 1, state: 'sent', outdated: false });
    expect(view.body.document.totals.gross).toBe(quote.pricing.totals.gross);
    expect(JSON.stringify(view.body)).not.toContain('margin');
    const pdf = await fetch(`${api.baseUrl}${link}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');

    const accepted = await api.request('POST', `${link}/accept`, { ...anonymous, body: { signerName: 'Claire Durand', signerRole: 'Gérante', purchaseOrderNumber: 'BC-2027-9' } });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toMatchObject({ state: 'accepted', accepted: { versionNumber: 1, signerName: 'Claire Durand' } });
    const again = await api.request('POST', `${link}/accept`, { ...anonymous, body: { signerName: 'Claire Durand' } });
    expect(again.status).toBe(200);
    const stored = await api.request('GET', `/quotes/${quote.id}`);
    expect(stored.body).toMatchObject({ state: 'accepted', version: quote.version + 1, accepted: { via: 'link', number: 1, contentHash: quote.currentVersion.contentHash, signerRole: 'Gérante', purchaseOrderNumber: 'BC-2027-9' } });
    expect(stored.body.transitions.at(-1)).toMatchObject({ action: 'accept', by: `link:${quote.id}` });
  });

  it('says a link is outdated once the quote was revised, and refuses to accept through it', async () => {
    const { quote, sent, link } = await sentQuote();
    const revised = await api.request('PATCH', `/quotes/${quote.id}`, { headers: ifMatch(sent), body: { customerNotes: 'Prix révisés.' } });
    expect(revised.body.currentVersion.number).toBe(2);
    const view = await api.request('GET', link, anonymous);
    expect(view.body).toMatchObject({ outdated: true, versionNumber: 1, currentVersionNumber: 2 });
    const refused = await api.request('POST', `${link}/accept`, { ...anonymous, body: { signerName: 'Claire Durand' } });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('quote_version_outdated');
    const declined = await api.request('POST', `${link}/decline`, { ...anonymous, body: { reason: 'Too late' } });
    expect(declined.status).toBe(409);
  });

  it('answers an altered or forged link as a 404 that tells nothing', async () => {
    const { link } = await sentQuote();
    const [header, payload, signature] = link.split('/').pop()!.split('.');
    const altered = `/public/quotes/${header}.${payload}.${signature!.slice(0, -2)}xx`;
    const forged = `/public/quotes/${header}.${Buffer.from(JSON.stringify({ sub: newId('quote'), v: 1 })).toString('base64url')}.${signature}`;
    for (const path of [altered, forged, '/public/quotes/not-a-token']) {
      const response = await api.request('GET', path, anonymous);
      expect(response.status, path).toBe(404);
      expect(JSON.stringify(response.body)).not.toMatch(/qte_|signature|expired/);
    }
  });
});

describe('requests for quotes', () => {
  const request = (email: string, extra: object = {}) => ({
    contact: { company: 'Atelier Blanc', person: 'Jean Blanc', email, countryCode: 'FR' },
    products: [{ code: bolts.code.toLowerCase(), quantity: '4' }],
    message: 'Livraison avant fin mars.',
    source: 'website',
    ...extra,
  });

  it("make a draft for the customer's agent, its products as lines and the message as an internal note, from a web form's narrow scope", async () => {
    const form = await api.token('integration', 'web-form', 'comptoir/quote-requests');
    const receipt = await api.request('POST', '/quote-requests', { token: form, body: { ...request(`a-${run}@blanc.example`), customerId } });
    expect(receipt.status, JSON.stringify(receipt.body)).toBe(201);
    expect(receipt.body).toMatchObject({ state: 'draft', ownerAgentId: 'agent-alice', number: expect.stringMatching(/^Q-/) });
    const quote = await api.request('GET', `/quotes/${receipt.body.quoteId}`);
    expect(quote.body).toMatchObject({ customerId, internalNotes: expect.stringContaining('Livraison avant fin mars.') });
    expect(quote.body.lines[0]).toMatchObject({ kind: 'product', productCode: bolts.code, priced: { amount: '400.00' } });
    // The narrow scope does nothing else.
    expect((await api.request('GET', '/quotes', { token: form })).status).toBe(403);
  });

  it('go to the fallback agent for a prospect, and name an unknown product on its own entry', async () => {
    const receipt = await api.request('POST', '/quote-requests', { token: await api.token('integration', 'shop'), body: request(`b-${run}@blanc.example`) });
    expect(receipt.body.ownerAgentId).toBe('sales');
    const unknown = await api.request('POST', '/quote-requests', { body: request(`c-${run}@blanc.example`, { products: [{ code: bolts.code }, { code: 'NOPE-1' }] }) });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ pointer: '/products/1/code', message: expect.stringContaining('NOPE-1') }]);
  });

  it('refuse a filled honeypot and more than five requests a day from one contact', async () => {
    const bot = await api.request('POST', '/quote-requests', { body: request(`d-${run}@blanc.example`, { website: 'http://spam.example' }) });
    expect(bot.status).toBe(400);
    expect(bot.body.errors[0].pointer).toBe('/website');
    const email = `flood-${run}@blanc.example`;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await api.request('POST', '/quote-requests', { body: request(email) })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
  });
});
