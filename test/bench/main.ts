/**
 * `npm run bench`: bundle sizes, cold init, latency through the local API against the raw DynamoDB floor,
 * and DynamoDB requests per operation (DESIGN.md §8). It prints figures and never fails on a timing: only a
 * crash (a bundle that does not build, a request that does not succeed) makes it exit non-zero.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createDocumentClient } from '../../functions/adapters/dynamodb/client.ts';
import { startBenchSystem, expectStatus, type BenchSystem } from './bench-system.ts';
import { bundleLikeCdk, bundlingDrift, emptyHandlerEntry, heaviestInputs, heaviestPackages, lambdaEntries, PROJECT_ROOT, type Bundle, type LambdaEntry } from './bundles.ts';
import { coldImportMs, coldImportSamples } from './cold-init.ts';
import { CUSTOMER_WITH_CHILDREN, customerView } from './customer-bodies.ts';
import { recordDynamoDbCalls, summarizeCalls, type RecordedCall } from './dynamodb-recorder.ts';
import { floorReplay, measureAlternately, newIdempotencyKey, repeat } from './latency.ts';
import { machineFacts } from './machine.ts';
import { reportPricingApi } from './pricing-api.ts';
import { reportQuotes } from './quotes.ts';
import { benchPricingEngine } from './pricing-engine.ts';
import { countRequestsPerOperation } from './requests.ts';
import { median, percentile } from './stats.ts';
import { formatTable, kilobytes, milliseconds, ratio, section } from './table-format.ts';

const COLD_INIT_RUNS = 15;
const LATENCY_RUNS = 300;
const WARM_UP_RUNS = 30;
const HEAVIEST_COUNT = 10;

const started = performance.now();
const workDir = await mkdtemp(join(tmpdir(), 'comptoir-bench-bundles-'));
try {
  console.log(section('Machine'));
  for (const fact of await machineFacts()) console.log(`${`${fact.name}:`.padEnd(23)}${fact.value}`);

  const bundles = await reportBundles(workDir);
  await reportColdInit(bundles);

  const systemStarted = performance.now();
  const system = await startBenchSystem();
  console.log(`\nLocal system (DynamoDB Local in memory, the API, the event relay) ready in ${milliseconds(performance.now() - systemStarted)} ms.`);
  try {
    await reportLatency(system);
    await reportRequests(system);
    reportPricingEngine();
    await reportPricingApi(system);
    const { table } = await import('../../functions/composition.ts');
    let recorder: ReturnType<typeof recordDynamoDbCalls> | undefined;
    await reportQuotes(system, async () => (recorder ??= recordDynamoDbCalls(table().client)));
    recorder?.detach();
  } finally {
    await system.stop();
  }
  console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
} finally {
  await rm(workDir, { recursive: true, force: true });
}

/** Section 5: the pricing engine alone, on a large in-memory catalogue (section 6 prices through the API). */
function reportPricingEngine(): void {
  console.log(section('5. Pricing engine (priceDocument in memory, one customer, rules already narrowed per product)'));
  const bench = benchPricingEngine();
  console.log(`Catalogue: ${bench.products.toLocaleString('en')} products, ${bench.rules.toLocaleString('en')} rules`);
  console.log(
    formatTable(
      ['document', 'runs', 'engine µs/line', 'narrowing µs/line'],
      bench.results.map((result) => [`${result.lines} lines`, String(result.runs), result.microsecondsPerLine.toFixed(1), result.narrowingMicrosecondsPerLine.toFixed(1)]),
    ),
  );
}

/** Section 1: every Lambda bundled as the CDK stack bundles it, against an empty handler. */
async function reportBundles(dir: string): Promise<{ baseline: Bundle; lambdas: Bundle[] }> {
  console.log(section('1. Bundles (esbuild as NodejsFunction: ESM, node24, minified, AWS SDK bundled)'));
  for (const drift of await bundlingDrift()) console.log(`warning: ${drift}; re-check the options in test/bench/bundles.ts`);
  const bundleInto = async (entry: LambdaEntry, index: number) => {
    const outDir = join(dir, String(index));
    await mkdir(outDir, { recursive: true });
    return bundleLikeCdk(entry, outDir);
  };
  const baseline = await bundleInto(await emptyHandlerEntry(dir), 0);
  const lambdas: Bundle[] = [];
  for (const [index, entry] of (await lambdaEntries()).entries()) lambdas.push(await bundleInto(entry, index + 1));

  console.log(
    formatTable(
      ['bundle', 'entry', 'minified kB', 'gzip kB', '× empty (min)', '× empty (gzip)'],
      [baseline, ...lambdas].map((bundle) => [
        bundle.name,
        bundle === baseline ? '(generated)' : relative(PROJECT_ROOT, bundle.entry),
        kilobytes(bundle.bytes),
        kilobytes(bundle.gzipBytes),
        ratio(bundle.bytes / baseline.bytes),
        ratio(bundle.gzipBytes / baseline.gzipBytes),
      ]),
    ),
  );
  for (const bundle of lambdas) {
    console.log(`\nHeaviest packages in ${bundle.name} (bytes in the minified output):`);
    console.log(weightTable(heaviestPackages(bundle, HEAVIEST_COUNT), bundle, 'package'));
    console.log(`\nHeaviest input files in ${bundle.name}:`);
    console.log(weightTable(heaviestInputs(bundle, HEAVIEST_COUNT), bundle, 'input'));
  }
  return { baseline, lambdas };
}

function weightTable(weights: readonly { name: string; bytes: number }[], bundle: Bundle, label: string): string {
  return formatTable(
    [label, 'kB', '% of bundle'],
    weights.map((weight) => [weight.name, kilobytes(weight.bytes), `${((100 * weight.bytes) / bundle.bytes).toFixed(1)}%`]),
  );
}

/** Section 2: a fresh Node 24 process per import, with and without the source maps the deployed functions enable. */
async function reportColdInit({ baseline, lambdas }: { baseline: Bundle; lambdas: Bundle[] }): Promise<void> {
  console.log(section(`2. Cold init (await import(bundle) in a fresh Node process, ${COLD_INIT_RUNS} runs each)`));
  const all = [baseline, ...lambdas];
  const variants = all.flatMap((bundle) => [
    { bundle, sourceMaps: false },
    { bundle, sourceMaps: true },
  ]);
  const samples = await coldImportSamples(variants, COLD_INIT_RUNS, ({ bundle, sourceMaps }) =>
    coldImportMs(bundle.file, sourceMaps ? { nodeOptions: '--enable-source-maps' } : {}),
  );
  const samplesOf = (bundle: Bundle, sourceMaps: boolean) => samples.get(variants.find((v) => v.bundle === bundle && v.sourceMaps === sourceMaps)!)!;
  const baselineMedian = median(samplesOf(baseline, false));
  console.log(
    formatTable(
      ['bundle', 'median ms', 'p90 ms', '× empty', 'Δ empty ms', 'median ms, --enable-source-maps', 'p90 ms, --enable-source-maps'],
      all.map((bundle) => {
        const plain = samplesOf(bundle, false);
        const mapped = samplesOf(bundle, true);
        return [
          bundle.name,
          milliseconds(median(plain)),
          milliseconds(percentile(plain, 90)),
          ratio(median(plain) / baselineMedian),
          milliseconds(median(plain) - baselineMedian),
          milliseconds(median(mapped)),
          milliseconds(percentile(mapped, 90)),
        ];
      }),
    ),
  );
  console.log('Timed inside the process: what loading the handler module costs; Node\'s own start-up, the same for every bundle, is left out.');
  console.log('The deployed functions set NODE_OPTIONS=--enable-source-maps (infra/constructs/node-function.ts): the right-hand columns are what Lambda pays.');
}

/** Section 3: the same requests through the local API and straight to DynamoDB Local. */
async function reportLatency(system: BenchSystem): Promise<void> {
  console.log(section(`3. Latency: local API vs the DynamoDB floor (${LATENCY_RUNS} sequential requests each, after ${WARM_UP_RUNS} warm-up)`));
  const target = await system.request('POST', '/customers', { body: CUSTOMER_WITH_CHILDREN, headers: { 'idempotency-key': newIdempotencyKey() } });
  expectStatus(target, 201, 'Creating the customer to read');
  const path = `/customers/${customerView(target).id}`;
  const apiGet = async () => expectStatus(await system.request('GET', path), 200, `GET ${path}`);
  const apiPost = async () =>
    expectStatus(await system.request('POST', '/customers', { body: CUSTOMER_WITH_CHILDREN, headers: { 'idempotency-key': newIdempotencyKey() } }), 201, 'POST /customers');

  // Imported only now: the composition root reads the environment the local system has just set.
  const { table } = await import('../../functions/composition.ts');
  const recorder = recordDynamoDbCalls(table().client);
  const capture = async (request: () => Promise<void>): Promise<RecordedCall[]> => {
    recorder.reset();
    await request();
    return [...recorder.calls()];
  };
  const getCalls = await capture(apiGet);
  const postCalls = await capture(apiPost);
  // Timings are taken without the recorder, which copies every input.
  recorder.detach();
  if (getCalls.length === 0 || postCalls.length === 0) {
    throw new Error('No DynamoDB call seen on table().client: the local server loads the handlers with another instance of functions/composition.ts');
  }
  console.log('Handlers and this benchmark share one instance of functions/composition.ts (its table().client saw the requests).');
  console.log(`Floor for GET  = ${summarizeCalls(getCalls)}`);
  console.log(`Floor for POST = ${summarizeCalls(postCalls)}`);
  console.log('(the calls the handler made, replayed in order with @aws-sdk/lib-dynamodb on a client configured like the handlers\', fresh ids for writes)\n');

  const floorClient = createDocumentClient({ tableName: system.tableName, endpoint: system.dynamodbEndpoint, region: process.env.AWS_REGION ?? 'eu-west-3' });
  try {
    const floorGet = floorReplay(floorClient, getCalls, { freshIds: false });
    const floorPost = floorReplay(floorClient, postCalls, { freshIds: true });
    for (const warmUp of [apiGet, floorGet, apiPost, floorPost]) await repeat(WARM_UP_RUNS, warmUp);
    const get = await measureAlternately(LATENCY_RUNS, { api: apiGet, floor: floorGet });
    const post = await measureAlternately(LATENCY_RUNS, { api: apiPost, floor: floorPost });

    const row = (request: string, samples: { api: number[]; floor: number[] }) => {
      const [apiP50, apiP99, floorP50, floorP99] = [percentile(samples.api, 50), percentile(samples.api, 99), percentile(samples.floor, 50), percentile(samples.floor, 99)];
      return [request, milliseconds(apiP50), milliseconds(apiP99), milliseconds(floorP50), milliseconds(floorP99), ratio(apiP50 / floorP50), ratio(apiP99 / floorP99), milliseconds(apiP50 - floorP50)];
    };
    console.log(
      formatTable(
        ['request', 'API p50 ms', 'API p99 ms', 'floor p50 ms', 'floor p99 ms', 'API/floor p50', 'API/floor p99', 'overhead p50 ms'],
        [row('GET /customers/{id} (2 addresses, 3 contacts)', get), row('POST /customers (2 addresses, 3 contacts, Idempotency-Key)', post)],
      ),
    );
    console.log('Overhead = local HTTP server + API Gateway event + middy (auth, JSON, idempotency) + validation + domain + mapping.');
  } finally {
    floorClient.destroy();
  }
}

/** Section 4: the DynamoDB requests each operation really sends, counted on the handlers' own client. */
async function reportRequests(system: BenchSystem): Promise<void> {
  console.log(section('4. DynamoDB requests per operation (counted on the handlers\' document client; every POST carries an Idempotency-Key)'));
  const { table } = await import('../../functions/composition.ts');
  const recorder = recordDynamoDbCalls(table().client);
  try {
    const counts = await countRequestsPerOperation(system, recorder);
    console.log(
      formatTable(
        ['operation', 'request', 'status', 'DynamoDB requests', 'total'],
        counts.map(({ operation, request, status, calls }) => [operation, request, status, summarizeCalls(calls), calls.reduce((sum, call) => sum + call.attempts, 0)]),
      ),
    );
  } finally {
    recorder.detach();
  }
}
