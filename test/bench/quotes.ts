import { median } from './stats.ts';
import { expectStatus, type BenchSystem } from './bench-system.ts';
import type { DynamoDbRecorder } from './dynamodb-recorder.ts';
import { summarizeCalls } from './dynamodb-recorder.ts';
import { benchPdf } from './pdf.ts';
import { formatTable, kilobytes, milliseconds, section } from './table-format.ts';

const PRODUCTS = 50;
const LINES = 1000;
const RUNS = 3;

/**
 * Section 7: quotes. The PDF renderer warm on a 2-page quote; then through the local API a 1,000-line quote (50
 * products, a section every 50 lines, a free-text line now and then): the DynamoDB requests and time to create it,
 * read it, render its PDF and e-mail it (once; a second send finds it sent and sends nothing).
 */
export async function reportQuotes(system: BenchSystem, recorder: () => Promise<DynamoDbRecorder>): Promise<void> {
  console.log(section(`7. Quotes (PDF renderer warm; a ${LINES}-line quote through the local API, median of ${RUNS})`));
  const pdf = await benchPdf();
  console.log(`PDF renderer, 2-page quote warm: ${milliseconds(pdf.warmMsPerDocument)} ms per document (${pdf.pages} pages, ${kilobytes(pdf.bytes)} kB)`);

  const run = Date.now().toString(36).toUpperCase();
  const vat = await system.request('POST', '/vat-rates', { body: { countryCode: 'FR', category: 'standard', rate: '20', validFrom: '2014-01-01' } });
  if (vat.status !== 201 && vat.status !== 409) expectStatus(vat, 201, 'VAT rate');
  const productIds: string[] = [];
  for (let i = 0; i < PRODUCTS; i++) {
    const product = await system.request('POST', '/products', { body: { code: `Q${run}-${i}`, name: `Quoted product ${i}`, units: { management: 'pce', sales: 'pce', price: 'pce' }, costs: { weightedAverage: { amount: '10.00', currency: 'EUR' } } } });
    expectStatus(product, 201, 'product');
    productIds.push((product.body as { id: string }).id);
  }
  const list = await system.request('POST', '/price-lists', { body: { source: 'standard_list', name: `Quotes ${run}`, currency: 'EUR' } });
  expectStatus(list, 201, 'price list');
  for (const [i, productId] of productIds.entries()) {
    const rule = { target: { kind: 'product', productId }, action: { kind: 'fixed', price: `${20 + i}.00` } };
    expectStatus(await system.request('POST', `/price-lists/${(list.body as { id: string }).id}/rules`, { body: rule }), 201, 'price rule');
  }
  const lines = Array.from({ length: LINES }, (_, i) => {
    if (i % 50 === 0) return { kind: 'section', title: `Lot ${i / 50 + 1}` };
    if (i % 25 === 1) return { kind: 'text', description: `Service ${i}`, quantity: '1', manualUnitPrice: '90.00', vatCategory: 'standard' };
    return { kind: 'product', productId: productIds[i % PRODUCTS], quantity: String(1 + (i % 7)) };
  });
  const body = { prospect: { company: 'Bench SA', email: 'bench@example.com', countryCode: 'FR' }, lines };

  const rows: string[][] = [];
  const measure = async (name: string, call: () => Promise<{ status: number; body: unknown; headers: Headers }>, expected: number, runs = RUNS) => {
    const times: number[] = [];
    let summary = '';
    let total = 0;
    let last: { status: number; body: unknown; headers: Headers } | undefined;
    for (let i = 0; i < runs; i++) {
      const recording = await recorder();
      recording.reset();
      const started = performance.now();
      last = await call();
      times.push(performance.now() - started);
      expectStatus(last, expected, name);
      const calls = recording.calls();
      summary = summarizeCalls(calls);
      total = calls.reduce((sum, entry) => sum + entry.attempts, 0);
    }
    rows.push([name, `${milliseconds(median(times))} ms`, summary, String(total)]);
    return last!;
  };

  const created = await measure(`POST /quotes (${LINES} lines)`, () => system.request('POST', '/quotes', { body }), 201);
  const quote = created.body as { id: string; version: number };
  await measure('GET /quotes/{id} (header + 50 lines)', () => system.request('GET', `/quotes/${quote.id}`), 200);
  await measure(`GET /quotes/{id}/lines?limit=200`, () => system.request('GET', `/quotes/${quote.id}/lines?limit=200`), 200);
  const pdfReply = await measure(`GET /quotes/{id}/pdf (${LINES} lines)`, () => system.request('GET', `/quotes/${quote.id}/pdf`, { headers: { Accept: 'application/pdf' } }), 200);
  const send = () => system.request('POST', `/quotes/${quote.id}/send`, { headers: { 'If-Match': '*' } });
  await measure('POST /quotes/{id}/send (the PDF rendered, e-mailed)', send, 200, 1);
  const sent = await measure('POST /quotes/{id}/send again (sent already: nothing)', send, 200, 1);
  console.log(formatTable(['operation', 'p50', 'DynamoDB requests', 'total'], rows));
  const pdfBytes = Number(pdfReply.headers.get('content-length') ?? 0);
  console.log(`The ${LINES}-line PDF: ${kilobytes(pdfBytes)} kB; the quote is ${(sent.body as { state: string }).state} (sends: one run each).`);
}
