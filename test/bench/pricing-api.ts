import type { Actor } from '../../domain/shared/actor.ts';
import { ConflictError } from '../../domain/shared/errors.ts';
import type { DomainEvent } from '../../domain/shared/events.ts';
import { createCustomer } from '../../domain/customers/use-cases/create-customer.ts';
import { createFamily } from '../../domain/catalog/use-cases/families.ts';
import { catalogEvent } from '../../domain/catalog/access.ts';
import type { CatalogWrite } from '../../domain/catalog/ports.ts';
import type { Product } from '../../domain/catalog/product.ts';
import { productFieldsSchema } from '../../domain/catalog/schemas.ts';
import { PRODUCT_FIXED } from '../../domain/catalog/use-cases/create-product.ts';
import { checkedProduct } from '../../domain/catalog/use-cases/product-rules.ts';
import { newId } from '../../domain/shared/ids.ts';
import { retryWriteConflicts } from '../../domain/shared/write-retry.ts';
import { parseWith } from '../../domain/shared/validation.ts';
import { createReference } from '../../domain/catalog/use-cases/customer-references.ts';
import type { PricingWrite } from '../../domain/pricing/admin/ports.ts';
import type { PriceListRecord } from '../../domain/pricing/admin/records.ts';
import { priceRuleCreateSchema, MAX_RULES_AT_CREATION } from '../../domain/pricing/admin/schemas.ts';
import { createExchangeRate } from '../../domain/pricing/admin/use-cases/exchange-rates.ts';
import { createPriceList } from '../../domain/pricing/admin/use-cases/price-lists.ts';
import { ruleCreation } from '../../domain/pricing/admin/use-cases/price-rules.ts';
import { createTransportRule } from '../../domain/pricing/admin/use-cases/transport-rules.ts';
import { createVatRate } from '../../domain/pricing/admin/use-cases/vat-rates.ts';
import { priceDocument } from '../../domain/pricing/engine.ts';
import type { PricingRequest } from '../../domain/pricing/model.ts';
import type { PricingDataSource } from '../../domain/pricing/simulation/ports.ts';
import { expectStatus, type BenchSystem } from './bench-system.ts';
import { partitionsOf, recordDynamoDbCalls, summarizeCalls, type RecordedCall } from './dynamodb-recorder.ts';
import { inPool } from '../support/pool.ts';
import { median, percentile } from './stats.ts';
import { formatTable, milliseconds, section } from './table-format.ts';
import { seeded as seededRandom } from './pricing-engine.ts';

/**
 * Section 6 of `npm run bench` (issue 3, "Performance"): pricing through the local API against a catalogue of
 * 10,000 products in a three-level family tree and 50,000 rules, seeded in the bench's own DynamoDB Local through
 * the domain's use cases and the composition's deps (no HTTP, for speed), then priced over HTTP with
 * `POST /price-simulations`. For each document: the DynamoDB requests (counted on the handlers' client), the wall
 * time through the local API, and the engine's own time per line on the same document and data.
 */

const PRODUCTS = 10_000;
const TARGET_RULES = 50_000;
const CONCURRENCY = 16;
const PRODUCTS_PER_COMMIT = 30;
const DATE = '2026-03-15';
const ACTOR: Actor = { id: 'bench-seed', role: 'admin' };
const DOCUMENTS = [
  { lines: 10, runs: 30 },
  { lines: 100, runs: 15 },
  { lines: 1_000, runs: 9 },
] as const;
/** Issue 7's target for 1,000 lines over 1,000 distinct products, locally. */
const TARGET = { requests: 60, p50Ms: 1_000 };

/** What each request of a simulation reads, by the partitions it names (the first prefix or pattern that matches). */
const READS: readonly (readonly [string, string | RegExp])[] = [
  // Before the customer's own partition, whose name starts the same.
  ["the customer's references (one Query of them all, or batches of their product markers)", /^CUSTOMER#[^#]+#REFERENCES$/],
  ['the customer', 'CUSTOMER#'],
  ["the customer's own rule look-ups (its total, then a Query or batches)", 'PRICE_LOOKUP#CUSTOMER#'],
  ['the standard and group rule look-ups, per product, family and everything', 'PRICE_LOOKUP#'],
  ['the products', 'PRODUCT#'],
  ['their families', 'FAMILY#'],
  ["the customer's references (one Query of them all, or batches of their product markers)", 'REFERENCE_PRODUCT#'],
  ['the lists of the rules found', 'PRICELIST#'],
  ['the custom units', 'UNITS'],
  ['the VAT rates', 'VAT_RATE#'],
  ['the transport rules (Incoterm or any × country or any)', 'TRANSPORT#'],
  ['the exchange rates (each way per foreign currency)', 'EXCHANGE_RATE#'],
  ['the pricing structure', 'PRICING_STRUCTURE'],
  ['the Idempotency-Key (when sent: claim, completion)', 'IDEMPOTENCY#'],
];

type RuleInput = Record<string, unknown>;

interface Seeded {
  readonly phases: string;
  readonly customerId: string;
  readonly productIds: readonly string[];
  readonly families: number;
  readonly lists: number;
  readonly rules: number;
  readonly rulesThroughUseCase: number;
  readonly references: number;
  readonly seconds: number;
}

export async function reportPricingApi(system: BenchSystem): Promise<void> {
  console.log(section('6. Pricing through the local API (POST /price-simulations, 10,000 products, 50,000 rules in DynamoDB Local)'));
  const seeded = await seed();
  console.log(
    `Seeded in ${seeded.seconds.toFixed(1)} s (${CONCURRENCY} at a time): ${seeded.productIds.length.toLocaleString('en')} products in ${seeded.families} families, ` +
      `${seeded.rules.toLocaleString('en')} rules in ${seeded.lists} lists, ${seeded.references} customer references, VAT rates FR, USD→EUR rate, 1 transport rule (${seeded.phases}).`,
  );
  console.log(
    `Products through createProduct's own steps (parse, checkedProduct, record, product.created), committed ${PRODUCTS_PER_COMMIT} to a transaction. ` +
      `Lists and their first ${MAX_RULES_AT_CREATION} rules through createPriceList (${seeded.rulesThroughUseCase.toLocaleString('en')} rules, fully checked); the other rules built by ` +
      `ruleCreation (createPriceRule's own record, history entry and event) and committed ${MAX_RULES_AT_CREATION} at a time through the pricing store, their targets being the products and families just created.`,
  );

  const { table, simulationDeps } = await import('../../functions/composition.ts');
  const random = seededRandom(20260316);
  const documentOf = (productIds: readonly string[], lines: number) => ({
    customerId: seeded.customerId,
    date: DATE,
    currency: 'EUR',
    deliveryCountry: 'FR',
    incoterm: 'DAP',
    lines: Array.from({ length: lines }, (_, i) => ({
      productId: productIds[i % productIds.length]!,
      quantity: String(1 + Math.floor(random() * 150)),
      ...(i % 25 === 0 ? { manualDiscounts: ['5'] } : {}),
    })),
    documentDiscounts: [{ kind: 'percent', label: 'loyalty', percent: '2' }],
  });
  const distinctProducts = (count: number) => sample(seeded.productIds, count, random);
  const simulate = async (body: ReturnType<typeof documentOf>) => {
    const reply = await system.request('POST', '/price-simulations', { body });
    expectStatus(reply, 200, `POST /price-simulations (${body.lines.length} lines)`);
    const priced = reply.body as { lines: { status: string }[] };
    const unpriced = priced.lines.filter((line) => line.status !== 'priced').length;
    return unpriced;
  };

  const recorder = recordDynamoDbCalls(table().client);
  const counted = async (body: ReturnType<typeof documentOf>): Promise<{ calls: RecordedCall[]; unpriced: number }> => {
    recorder.reset();
    const unpriced = await simulate(body);
    return { calls: [...recorder.calls()], unpriced };
  };
  const total = (calls: readonly RecordedCall[]) => calls.reduce((sum, call) => sum + call.attempts, 0);

  // Requests: one document of each size (its first run), and the same products repeated over more lines.
  const documents = DOCUMENTS.map(({ lines, runs }) => ({ lines, runs, first: documentOf(distinctProducts(lines), lines) }));
  const requestCounts: { calls: RecordedCall[]; unpriced: number }[] = [];
  for (const document of documents) requestCounts.push(await counted(document.first));
  const hundred = [...new Set(documents[1]!.first.lines.map((line) => line.productId))];
  const repeated = [
    { label: '100 lines over 100 products', body: documentOf(hundred, 100) },
    { label: '1,000 lines over the same 100 products', body: documentOf(hundred, 1_000) },
    { label: '1,000 lines over 10 products', body: documentOf(hundred.slice(0, 10), 1_000) },
  ];
  const repeatedCounts: { calls: RecordedCall[]; unpriced: number }[] = [];
  for (const { body } of repeated) repeatedCounts.push(await counted(body));
  recorder.detach();

  // Wall time through the local API (recorder detached: it copies every input), fresh products on every run.
  const rows = [];
  const p50s: number[] = [];
  for (const [index, document] of documents.entries()) {
    await simulate(document.first);
    const samples: number[] = [];
    let last = document.first;
    for (let run = 0; run < document.runs; run += 1) {
      const body = run === 0 ? document.first : documentOf(distinctProducts(document.lines), document.lines);
      const start = performance.now();
      await simulate(body);
      samples.push(performance.now() - start);
      last = body;
    }
    const engine = await engineMicrosecondsPerLine(simulationDeps().data, seeded.customerId, last);
    const { calls, unpriced } = requestCounts[index]!;
    p50s.push(percentile(samples, 50));
    rows.push([
      `${document.lines.toLocaleString('en')} lines`,
      String(document.lines),
      String(document.runs),
      summarizeCalls(calls),
      String(total(calls)),
      milliseconds(percentile(samples, 50)),
      milliseconds(Math.max(...samples)),
      engine.toFixed(1),
      String(unpriced),
    ]);
  }
  console.log(
    formatTable(['document', 'distinct products', 'runs', 'DynamoDB requests (first run)', 'total', 'API p50 ms', 'API max ms', 'engine µs/line', 'lines unpriced'], rows),
  );
  console.log('API time: the HTTP request to the local API (auth, validation, data load, pricing, the JSON explanation of every line), sequential, a new set of products each run.');
  console.log('Engine µs/line: priceDocument alone on the last document of the row, its data loaded once through the handlers\' data source (median of repeated calls).');
  const [largestDocument] = documents.slice(-1);
  const largestCalls = requestCounts.at(-1)!.calls;
  console.log(
    `Target (issue 7) for ${largestDocument!.lines.toLocaleString('en')} lines over as many distinct products: at most ${TARGET.requests} requests (here ${total(largestCalls)}), ` +
      `API p50 at most ${milliseconds(TARGET.p50Ms)} ms (here ${milliseconds(p50s.at(-1)!)} ms; timings move with the machine's load).`,
  );
  console.log(`\nWhat the requests of that document read (${largestDocument!.lines.toLocaleString('en')} distinct products, ${seeded.families} families in the catalogue, the customer in a price group with lists of its own):`);
  console.log(formatTable(['read', 'DynamoDB requests', 'total'], readsOf(largestCalls).map(({ read, calls }) => [read, summarizeCalls(calls), String(total(calls))])));
  console.log('\nRequests follow the distinct products and their families over the batch size (100 keys a BatchGetItem), not the lines (nor the rules):');
  const followed = [
    ...repeated.map(({ label }, i) => ({ label, calls: repeatedCounts[i]!.calls })),
    { label: `${largestDocument!.lines.toLocaleString('en')} lines over ${largestDocument!.lines.toLocaleString('en')} products`, calls: largestCalls },
  ];
  console.log(formatTable(['document', 'DynamoDB requests', 'total'], followed.map(({ label, calls }) => [label, summarizeCalls(calls), String(total(calls))])));

  // The response body per `explain` level on the largest document: Lambda answers at most 6 MB.
  const largest = documents.at(-1)!.first;
  const levels = [];
  for (const explain of ['full', 'summary', 'none']) {
    const samples: number[] = [];
    let bytes = 0;
    for (let run = 0; run < 3; run += 1) {
      const start = performance.now();
      const reply = await system.request('POST', `/price-simulations?explain=${explain}`, { body: largest });
      samples.push(performance.now() - start);
      expectStatus(reply, 200, `POST /price-simulations?explain=${explain}`);
      bytes = Buffer.byteLength(JSON.stringify(reply.body));
    }
    levels.push({ explain, bytes, p50: percentile(samples, 50) });
  }
  const full = levels[0]!.bytes;
  console.log(`\nResponse per explain level (${largest.lines.length.toLocaleString('en')} lines over as many products; Lambda's limit is 6 MB):`);
  console.log(
    formatTable(
      ['explain', 'body kB', 'of full', 'of 6 MB', 'API p50 ms'],
      levels.map(({ explain, bytes, p50 }) => [explain, (bytes / 1000).toFixed(1), `${((bytes / full) * 100).toFixed(0)} %`, `${((bytes / 6_000_000) * 100).toFixed(1)} %`, milliseconds(p50)]),
    ),
  );
}

/** The engine's own time on one document: the data loaded once as the handler loads it, then priceDocument alone. */
async function engineMicrosecondsPerLine(
  data: PricingDataSource,
  customerId: string,
  body: { lines: readonly { productId: string; quantity: string; manualDiscounts?: readonly string[] }[] },
): Promise<number> {
  const customer = await data.visibleCustomer(ACTOR, customerId);
  if (!customer) throw new Error(`Customer ${customerId} not found`);
  const loaded = await data.load({
    productIds: [...new Set(body.lines.map((line) => line.productId))],
    customer: { id: customer.id, countryCode: customer.countryCode ?? 'FR' },
    date: DATE,
    currency: 'EUR',
    incoterm: 'DAP',
    deliveryCountry: 'FR',
  });
  const request: PricingRequest = {
    date: DATE,
    currency: 'EUR',
    deliveryCountry: 'FR',
    incoterm: 'DAP',
    lines: body.lines.map((line) => ({ productId: line.productId, quantity: line.quantity, ...(line.manualDiscounts ? { manualDiscounts: line.manualDiscounts } : {}) })),
    documentDiscounts: [{ kind: 'percent', label: 'loyalty', percent: '2' }],
  };
  const repeats = Math.max(5, Math.round(5_000 / body.lines.length));
  const samples: number[] = [];
  for (let i = 0; i < repeats + 3; i += 1) {
    const start = performance.now();
    priceDocument(request, loaded);
    const elapsed = performance.now() - start;
    if (i >= 3) samples.push((elapsed * 1000) / body.lines.length);
  }
  return median(samples);
}

/** The catalogue and the pricing configuration, through the use cases with the composition's deps. */
async function seed(): Promise<Seeded> {
  const started = performance.now();
  const { catalogDeps, customersDeps, pricingAdminDeps } = await import('../../functions/composition.ts');
  const catalog = catalogDeps();
  const pricing = pricingAdminDeps();
  const random = seededRandom(20260315);

  // Customers: the one priced (in the INSTALLERS group, so the group list stacks), and five others whose lists are noise.
  const newCustomer = async (name: string, priceGroup?: string) =>
    (await createCustomer(customersDeps(), ACTOR, { name, countryCode: 'FR', ...(priceGroup ? { priceGroup } : {}) })).customer.id;
  const customerId = await newCustomer('Bench ACME', 'INSTALLERS');
  const others = await inPool(Array.from({ length: 5 }, (_, i) => i), CONCURRENCY, (i) => newCustomer(`Bench other ${i}`));

  // Families: 10 roots, 10 under each, 5 under each of those. Siblings one after another (a child bumps its parent's count).
  const roots = await inPool(Array.from({ length: 10 }, (_, i) => i), CONCURRENCY, async (i) => (await createFamily(catalog, ACTOR, { code: `BF${i}`, name: `Bench family ${i}` })).id);
  const childrenOf = async (parents: readonly string[], count: number, prefix: string) =>
    (
      await inPool([...parents.entries()], CONCURRENCY, async ([p, parentId]) => {
        const ids: string[] = [];
        for (let i = 0; i < count; i += 1) ids.push((await createFamily(catalog, ACTOR, { code: `${prefix}${p}-${i}`, name: `Bench family ${prefix}${p}-${i}`, parentId })).id);
        return ids;
      })
    ).flat();
  const middles = await childrenOf(roots, 10, 'BM');
  const leaves = await childrenOf(middles, 5, 'BL');
  const families = [...roots, ...middles, ...leaves];

  // Products: createProduct's own steps (parse, checkedProduct, record, event), committed 30 to a transaction (3 items each).
  const productInput = (i: number) => {
    const byWeight = i % 10 === 0;
    return {
      code: `BP${String(i).padStart(5, '0')}`,
      name: `Bench product ${i}`,
      familyId: leaves[i % leaves.length]!,
      units: byWeight ? { management: 'kg', sales: 'pce', price: 'kg', salesFactor: '2.5' } : { management: 'pce', sales: 'pce', price: 'pce' },
      weight: byWeight ? '1' : '0.8',
      volume: '0.002',
      vatCategory: i % 7 === 0 ? 'reduced' : 'standard',
      parameters: { length: '2.5', massPerMetre: '1.2' },
      ...(i % 4 === 0 ? { salesConditions: { minQuantity: '5', multipleQuantity: '5' } } : {}),
      costs: { weightedAverage: { amount: money(random, 1, 60), currency: 'EUR' } },
    };
  };
  const productChunks = Array.from({ length: Math.ceil(PRODUCTS / PRODUCTS_PER_COMMIT) }, (_, c) =>
    Array.from({ length: Math.min(PRODUCTS_PER_COMMIT, PRODUCTS - c * PRODUCTS_PER_COMMIT) }, (_, k) => c * PRODUCTS_PER_COMMIT + k),
  );
  const productIds = (
    await inPool(productChunks, CONCURRENCY, async (indices) => {
      const writes: CatalogWrite[] = [];
      const events: DomainEvent[] = [];
      for (const i of indices) {
        const fields = parseWith(productFieldsSchema, productInput(i), '', PRODUCT_FIXED);
        const productId = newId('product');
        const { value, guards } = await checkedProduct(catalog, productId, fields);
        const now = catalog.clock.now().toISOString();
        const product: Product = { ...value, id: productId, version: 1, state: 'active', createdAt: now, updatedAt: now };
        writes.push({ entity: 'product', previous: null, next: product }, ...guards);
        events.push(catalogEvent('product.created', { productId, version: 1, code: product.code, kind: product.kind, familyId: product.familyId }, { actor: ACTOR, clock: catalog.clock, subject: productId }));
      }
      await catalog.store.commit(writes, events);
      return writes.flatMap((write) => (write.entity === 'product' && write.next ? [write.next.id] : []));
    })
  ).flat();
  const productsDone = performance.now();

  for (const [category, rate] of [['standard', '20'], ['reduced', '5.5']] as const) {
    try {
      await createVatRate(pricing, ACTOR, { countryCode: 'FR', category, rate, validFrom: '2014-01-01' });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  await createExchangeRate(pricing, ACTOR, { from: 'USD', to: 'EUR', rate: '0.92', validFrom: '2026-01-01' });
  await createTransportRule(pricing, ACTOR, {
    name: 'Bench road FR',
    incoterm: 'DAP',
    countries: ['FR'],
    basis: 'weight',
    currency: 'EUR',
    brackets: [{ from: '0', fixed: '12' }, { from: '100', fixed: '30', variable: '0.15' }],
  });

  const referenced = productIds.filter((_, i) => i % 20 === 0);
  await inPool([...referenced.entries()], CONCURRENCY, ([i, productId]) =>
    createReference(catalog, ACTOR, customerId, {
      productId,
      customerCode: `ACME-${i}`,
      prices: [
        { validFrom: '2026-01-01', unitPrice: money(random, 2, 100), currency: 'EUR' },
        { validFrom: '2026-01-01', minQuantity: '100', unitPrice: money(random, 1, 90), currency: 'EUR' },
      ],
    }),
  );

  // The rules, list by list, as section 5 builds them in memory.
  const product = (i: number) => ({ kind: 'product', productId: productIds[i]! });
  const someProduct = () => product(Math.floor(random() * productIds.length));
  const someFamily = () => ({ kind: 'family', familyId: families[Math.floor(random() * families.length)]! });
  const plan: { list: Record<string, unknown>; rules: RuleInput[] }[] = [];
  const standard: RuleInput[] = [];
  for (let i = 0; i < productIds.length; i += 1) standard.push({ target: product(i), action: { kind: 'fixed', price: money(random, 2, 120) }, validFrom: '2026-01-01' });
  for (let i = 0; i < productIds.length; i += 1) {
    standard.push({ target: product(i), action: { kind: 'fixed', price: money(random, 1, 100) }, minQuantity: String(10 * (1 + (i % 10))), validFrom: '2026-01-01' });
  }
  plan.push({ list: { source: 'standard_list', name: 'Bench standard prices', currency: 'EUR' }, rules: standard });
  plan.push({
    list: { source: 'standard_list', name: 'Bench family prices', currency: 'EUR' },
    rules: Array.from({ length: 1_000 }, (_, i) => ({
      target: someFamily(),
      action: i % 5 === 0 ? { kind: 'formula', formula: 'round(base * 1.05 + length * massPerMetre, 2)' } : { kind: 'fixed', price: money(random, 2, 80) },
      validFrom: '2025-01-01',
      ...(i % 3 === 0 ? { fees: [{ label: 'handling', per: 'line', amount: '4.50' }] } : {}),
    })),
  });
  plan.push({
    list: { source: 'group_list', name: 'Bench installers', currency: 'EUR', priceGroup: 'INSTALLERS' },
    rules: [
      ...Array.from({ length: 5_000 }, (_, i) => ({ target: someProduct(), action: { kind: 'discount', percents: [String(1 + (i % 15))] } })),
      ...Array.from({ length: 100 }, (_, i) => ({ target: someFamily(), action: { kind: 'discount', percents: [String(2 + (i % 6))] }, fees: [{ label: 'packaging', per: 'unit', amount: '0.10' }] })),
      { target: { kind: 'all' }, action: { kind: 'discount', percents: ['2'] } },
    ],
  });
  plan.push({
    list: { source: 'customer_list', name: 'Bench ACME', currency: 'EUR', customerId },
    rules: Array.from({ length: 2_000 }, (_, i) => ({
      target: someProduct(),
      action: i % 4 === 0 ? { kind: 'net', price: money(random, 2, 90) } : i % 4 === 1 ? { kind: 'amount_off', amount: '0.50' } : { kind: 'discount', percents: ['3'] },
      ...(i % 10 === 0 ? { validTo: '2026-02-28' } : {}),
    })),
  });
  plan.push({
    list: { source: 'offer', name: 'Bench spring offer', currency: 'USD', customerId, validFrom: '2026-03-01', validTo: '2026-05-31' },
    rules: Array.from({ length: 1_000 }, (_, i) => ({ target: someProduct(), action: { kind: 'fixed', price: money(random, 1, 90) }, minQuantity: String(i % 50) })),
  });
  const planned = () => plan.reduce((sum, entry) => sum + entry.rules.length, 0);
  const otherLists = others.flatMap((otherId, c) => Array.from({ length: 10 }, (_, l) => ({ list: { source: 'customer_list', name: `Bench other ${c}-${l}`, currency: 'EUR', customerId: otherId }, rules: [] as RuleInput[] })));
  for (let i = 0; planned() + i < TARGET_RULES; i += 1) {
    otherLists[i % otherLists.length]!.rules.push({ target: random() < 0.9 ? someProduct() : someFamily(), action: { kind: 'discount', percents: ['7'] } });
  }
  plan.push(...otherLists);

  // Each list with its first rules through the use case, then the rest in transactions of MAX_RULES_AT_CREATION.
  const chunks: { list: PriceListRecord; rules: RuleInput[] }[] = [];
  let rulesThroughUseCase = 0;
  await inPool(plan, CONCURRENCY, async ({ list, rules }) => {
    const first = rules.slice(0, MAX_RULES_AT_CREATION);
    const created = await createPriceList(pricing, ACTOR, { ...list, rules: first });
    rulesThroughUseCase += created.rules.length;
    for (let i = first.length; i < rules.length; i += MAX_RULES_AT_CREATION) chunks.push({ list: created.list, rules: rules.slice(i, i + MAX_RULES_AT_CREATION) });
  });
  let rules = rulesThroughUseCase;
  const rulesStarted = performance.now();
  // Chunks of the lists taken in turn: a customer's chunks all move its rule total, and would only queue behind each other.
  await inPool(interleaved(chunks, (chunk) => chunk.list.id), CONCURRENCY, async ({ list, rules: inputs }) => {
    const writes: PricingWrite[] = [];
    const events: DomainEvent[] = [];
    for (const input of inputs) {
      const creation = ruleCreation(list, priceRuleCreateSchema.parse(input), ACTOR, pricing);
      writes.push(...creation.writes);
      events.push(...creation.events);
    }
    await retryWriteConflicts(() => pricing.store.commit(writes, events));
    rules += inputs.length;
  });

  const done = performance.now();
  return {
    phases: `families and products ${((productsDone - started) / 1000).toFixed(1)} s, references, rates and lists ${((rulesStarted - productsDone) / 1000).toFixed(1)} s, other rules ${((done - rulesStarted) / 1000).toFixed(1)} s`,
    customerId,
    productIds,
    families: families.length,
    lists: plan.length,
    rules,
    rulesThroughUseCase,
    references: referenced.length,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The items group by group in turn (the first of each group, then the second…), so that neighbours rarely share a group. */
function interleaved<T>(items: readonly T[], groupOf: (item: T) => string): T[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(groupOf(item));
    if (group) group.push(item);
    else groups.set(groupOf(item), [item]);
  }
  const longest = Math.max(0, ...[...groups.values()].map((group) => group.length));
  return Array.from({ length: longest }, (_, i) => [...groups.values()].flatMap((group) => (i < group.length ? [group[i]!] : []))).flat();
}

/** Each call under the first read of READS whose prefix its partitions all start with, in READS' order. */
function readsOf(calls: readonly RecordedCall[]): { read: string; calls: RecordedCall[] }[] {
  const byRead = new Map<string, RecordedCall[]>();
  for (const call of calls) {
    const partitions = partitionsOf(call);
    const read = READS.find(([, pattern]) => partitions.length > 0 && partitions.every((partition) => (typeof pattern === 'string' ? partition.startsWith(pattern) : pattern.test(partition))))?.[0] ?? `other (${call.action})`;
    const grouped = byRead.get(read);
    if (grouped) grouped.push(call);
    else byRead.set(read, [call]);
  }
  const order = READS.map(([read]) => read);
  return [...byRead]
    .sort(([a], [b]) => (order.indexOf(a) === -1 ? order.length : order.indexOf(a)) - (order.indexOf(b) === -1 ? order.length : order.indexOf(b)))
    .map(([read, grouped]) => ({ read, calls: grouped }));
}

/** `count` distinct ids, drawn at random. */
function sample(ids: readonly string[], count: number, random: () => number): string[] {
  const picked = new Set<string>();
  while (picked.size < Math.min(count, ids.length)) picked.add(ids[Math.floor(random() * ids.length)]!);
  return [...picked];
}

function money(random: () => number, min: number, max: number): string {
  return (min + random() * (max - min)).toFixed(2);
}
