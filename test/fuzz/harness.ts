import { appendFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { loadOrCreateDevKey, signDevToken } from '../../infra/local/dev-auth.ts';
import { EVENT_CONSUMERS } from '../../infra/event-consumers.ts';
import { startLocalSystem } from '../../infra/local/system.ts';
import { findOperation, listOperations, loadSpec, resolveRef, responseValidator, schemaValidator, type JsonSchema, type OperationEntry } from '../support/openapi.ts';
import { ownTableInSharedDynamoDb } from '../support/table.ts';
import { LiveResources } from './live-resources.ts';
import { requestsFor, type FuzzCase, type Role } from './requests.ts';
import { AGENT_SUB, seedRequests, type SeedRequest } from './seed-world.ts';
import { recordWrites } from './write-recorder.ts';

/**
 * The spec-driven fuzz harness (DESIGN §8): every operation of the contract, found in the spec (no list to
 * maintain), gets FUZZ_RUNS cases (100 by default) through the local HTTP server and the very handlers
 * deployed in AWS. Each case must get: no 5xx; a documented status and a body valid against its schema;
 * errors as problem+json valid against Problem; no write committed by a request that failed, and none by
 * a safe method. Seeded (FUZZ_SEED) and reproducible: fast-check prints the seed and the shrunk case.
 */

export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 100);
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261203);
/** FUZZ_SURVEY=<file>: record every broken promise there (JSON lines) instead of stopping at the first, for triage. */
const SURVEY_FILE = process.env.FUZZ_SURVEY;
const survey = SURVEY_FILE ? (failures: string[]) => appendFileSync(SURVEY_FILE, failures.map((failure) => JSON.stringify(failure) + '\n').join('')) : undefined;
/**
 * Writes that are not a request's own: its idempotency claim (taken, then released), a public route's count of it,
 * and what the event consumers write later, as the stream delivers earlier requests' events.
 */
const HOUSEKEEPING_PREFIXES = ['IDEMPOTENCY#', 'RATE#', ...EVENT_CONSUMERS.flatMap((consumer) => consumer.tableKeyPrefixes)];

export interface Outcome {
  readonly status: number;
  readonly failures: string[];
}

/** The operations of shard `index` of `count`, by their position in the spec. */
export function shardOperations(index: number, count: number): OperationEntry[] {
  return listOperations().filter((_, position) => position % count === index);
}

export async function startFuzzSystem() {
  const spec = loadSpec();
  const dataDir = await mkdtemp(join(tmpdir(), 'comptoir-fuzz-'));
  // The runtime's own log would drown the report; a 5xx's cause is in the failure (FUZZ_LOG=1 prints it all).
  if (process.env.FUZZ_LOG) process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  // Every case comes from one address: the public routes' limit per address would stop them reaching the use cases.
  process.env.PUBLIC_RATE_LIMIT_PER_MINUTE = '1000000';
  const system = await startLocalSystem({ port: 0, dataDir, ...ownTableInSharedDynamoDb('fuzz'), ...(process.env.FUZZ_LOG ? {} : { log: () => {} }) });
  const key = await loadOrCreateDevKey(dataDir);
  const tokens: Record<FuzzCase['role'], string | undefined> = {
    admin: await signDevToken(key, { role: 'admin', sub: 'fuzz-admin' }),
    manager: await signDevToken(key, { role: 'manager', sub: 'fuzz-manager' }),
    agent: await signDevToken(key, { role: 'agent', sub: AGENT_SUB }),
    integration: await signDevToken(key, { role: 'integration' as Role, sub: 'fuzz-shop' }),
    anonymous: undefined,
    forged: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
  };
  const operations = listOperations(spec);
  const live = new LiveResources(operations);
  const responses = responseValidator(spec);
  const problems = schemaValidator(spec);
  const problemSchema = resolveRef<JsonSchema>({ $ref: '#/components/schemas/Problem' }, spec);
  const writes = recordWrites();
  const agent = new Agent({ keepAlive: true });

  /** node:http rather than fetch: it sends the path as is (no dot-segment resolution) and a body with any method. */
  function send(method: string, path: string, init: { headers?: Record<string, string>; body?: string | Uint8Array } = {}) {
    return new Promise<{ status: number; headers: IncomingHttpHeaders; text: string }>((resolve, reject) => {
      // An explicit length: Node sends a GET's or a DELETE's body with neither length nor chunking otherwise.
      const length = init.body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(init.body)) };
      const request = httpRequest(system.baseUrl + '/', { method, path, headers: { ...init.headers, ...length }, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          try {
            resolve({ status: response.statusCode ?? 0, headers: response.headers, text: decoded(Buffer.concat(chunks), response.headers['content-encoding']).toString('utf8') });
          } catch (error) {
            reject(error);
          }
        });
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(init.body);
    });
  }
  const header = (headers: IncomingHttpHeaders, name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };

  let round = 0;
  let ids: Record<string, string> = {};
  /**
   * Sows the seed world through the API; the pool learns every id from the Locations. When fuzzing has deleted
   * every resource an operation needs (`missing`, its path template), only the seeds that create that kind are
   * sown again, under the resources of the last round, and the whole world anew (new natural keys) if that fails.
   */
  async function seed(missing?: string): Promise<void> {
    round++;
    const requests = seedRequests(round - 1);
    const wanted = missing ? requests.filter((request) => creates(pathOf(request), missing)) : [];
    if (wanted.length === 0 || (await sow(wanted)) !== undefined) {
      ids = {};
      const failure = await sow(requests);
      if (failure) throw new Error(`Seeding round ${round}: ${failure}`);
    }
    writes.take();
    // New resources change their parents' versions.
    etags.clear();
  }
  const pathOf = (request: SeedRequest) => (typeof request.path === 'function' ? request.path(ids) : request.path);
  /** Creates the resources in order; the first refusal, if any. */
  async function sow(requests: readonly SeedRequest[]): Promise<string | undefined> {
    for (const request of requests) {
      const path = pathOf(request);
      const body = typeof request.body === 'function' ? (request.body as (ids: Record<string, string>) => unknown)(ids) : request.body;
      const { status, headers, text } = await send('POST', path, {
        headers: { Authorization: `Bearer ${tokens[request.role ?? 'admin']}`, 'Content-Type': 'application/json', ...(request.status === 200 ? { 'If-Match': '*' } : {}) },
        body: JSON.stringify(body),
      });
      if (status !== (request.status ?? 201)) return `POST ${path} answered ${status}: ${text}`;
      live.learn(header(headers, 'location'));
      if (request.as) ids[request.as] = (JSON.parse(text) as { id: string }).id;
      for (const known of request.learns?.(ids) ?? []) live.learn(known);
      if (request.learnsEmailedLink) live.learn(await newestEmailedLink(join(dataDir, 'outbox')));
    }
    return undefined;
  }

  /**
   * The ETags read since the last committed write: the harness is the only writer, and most cases are refused, so
   * a path's ETag stays current until a request commits (which may change a parent's version too: all are dropped).
   */
  const etags = new Map<string, string | undefined>();

  /** The ETag of the resource an action applies to: the GET of its path, or of the nearest parent path. */
  async function currentETag(path: string): Promise<string | undefined> {
    if (etags.has(path)) return etags.get(path);
    const segments = path.split('/');
    for (let length = segments.length; length > 1; length--) {
      const candidate = segments.slice(0, length).join('/');
      if (findOperation('get', candidate, spec)?.path.split('/').length !== length) continue;
      const { headers } = await send('GET', candidate, { headers: { Authorization: `Bearer ${tokens.admin}` } });
      etags.set(path, header(headers, 'etag'));
      return etags.get(path);
    }
    return undefined;
  }

  function concretePath(entry: OperationEntry, fuzz: FuzzCase): { path: string; parameters: Record<string, string> } | undefined {
    const names = [...entry.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
    let parameters: Record<string, string>;
    let encoded: Record<string, string>;
    if (fuzz.path.kind === 'hostile') {
      parameters = fuzz.path.segments;
      encoded = fuzz.path.segments;
    } else {
      const candidates = live.candidates(names);
      if (names.length > 0 && candidates.length === 0) return undefined;
      parameters = candidates[fuzz.path.pick % Math.max(1, candidates.length)] ?? {};
      encoded = Object.fromEntries(Object.entries(parameters).map(([name, value]) => [name, encodeURIComponent(value)]));
    }
    return { path: entry.path.replace(/\{([^}]+)\}/g, (_, name: string) => encoded[name] ?? ''), parameters };
  }

  /** Runs one case and checks everything the harness promises about its response. */
  async function run(entry: OperationEntry, fuzz: FuzzCase): Promise<Outcome> {
    let target = concretePath(entry, fuzz);
    if (!target) {
      await seed(entry.path);
      target = concretePath(entry, fuzz);
    }
    if (!target) return { status: 0, failures: [`no live resource for ${entry.path}: add its creation to test/fuzz/seed-world.ts`] };
    const headers: Record<string, string> = { ...fuzz.headers };
    const token = tokens[fuzz.role];
    if (token) headers.Authorization = `Bearer ${token}`;
    if (fuzz.ifMatch === 'current') {
      const etag = fuzz.path.kind === 'live' ? await currentETag(target.path) : '"1"';
      if (etag) headers['If-Match'] = etag;
    } else if (fuzz.ifMatch !== 'none') {
      headers['If-Match'] = fuzz.ifMatch;
    }
    let body: string | Uint8Array | undefined;
    if (fuzz.body) {
      body = 'text' in fuzz.body ? fuzz.body.text : fuzz.body.bytes;
      if (fuzz.body.contentType) headers['Content-Type'] = fuzz.body.contentType;
    }
    const query = fuzz.query.map(([name, value]) => `${name}=${value}`).join('&');
    const url = target.path + (query ? `?${query}` : '');
    writes.take();
    const response = await send(entry.method.toUpperCase(), url, { headers, ...(body !== undefined ? { body } : {}) });
    const { status, text } = response;
    const failures: string[] = [];
    const contentType = header(response.headers, 'content-type');
    if (status >= 500) failures.push(`answered ${status}`);
    if (fuzz.mustRefuse && status < 400) failures.push(`accepted what it must refuse (${fuzz.mutations.join('; ')})`);

    let parsed: unknown = text;
    if (text && contentType?.includes('json')) {
      try {
        parsed = JSON.parse(text);
      } catch {
        failures.push(`the ${contentType} body is not JSON`);
      }
    }
    if (status >= 400) {
      if (contentType?.split(';')[0] !== 'application/problem+json') failures.push(`error served as ${contentType ?? 'nothing'}, not application/problem+json`);
      failures.push(...problems.validate(problemSchema, parsed).map((error) => `problem ${error}`));
      if (/\[native code\]|function |at [\w.<>]+ \(|Error:|undefined|\[object Object\]/.test(text)) failures.push(`the problem leaks an internal string: ${text.slice(0, 300)}`);
    }
    failures.push(...responses.validateResponse({ operationId: entry.operationId, status, contentType, body: parsed, headers: response.headers as Record<string, string> }));

    const committed = writes.take().filter((pk) => !HOUSEKEEPING_PREFIXES.some((prefix) => pk.startsWith(prefix)));
    if (committed.length > 0) etags.clear();
    if (status >= 400 && committed.length > 0) failures.push(`a failed request committed writes to ${[...new Set(committed)].join(', ')}`);
    if (['GET', 'HEAD'].includes(entry.method.toUpperCase()) && committed.length > 0) failures.push(`a ${entry.method.toUpperCase()} committed writes to ${committed.join(', ')}`);

    if (status < 300) live.learn(header(response.headers, 'location') ?? null);
    if (entry.method === 'delete' && status === 204) live.forget(target.parameters);
    return { status, failures: failures.map((failure) => `${entry.operationId} ${entry.method.toUpperCase()} ${url.slice(0, 200)} → ${status}: ${failure}`) };
  }

  /** Fuzzes one operation; throws fast-check's report (seed, path, shrunk case) on the first broken promise. */
  async function fuzzOperation(entry: OperationEntry, runs = FUZZ_RUNS): Promise<Map<number, number>> {
    const statuses = new Map<number, number>();
    const cases = requestsFor(entry, spec, live.valuesByName());
    const report = await fc.check(
      fc.asyncProperty(cases, async (fuzz) => {
        const outcome = await run(entry, fuzz);
        statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
        if (outcome.failures.length === 0) return;
        if (survey) return survey(outcome.failures);
        throw new Error(outcome.failures.join('\n'));
      }),
      { seed: FUZZ_SEED + hash(entry.operationId), numRuns: runs, endOnFailure: process.env.FUZZ_SHRINK === '0' },
    );
    if (report.failed) {
      const replay = `Replay: FUZZ_SEED=${FUZZ_SEED} FUZZ_RUNS=${runs} npx vitest run test/fuzz -t '^spec-driven fuzzing.* ${entry.operationId}$'`;
      throw new Error(`${replay}\n${fc.defaultReportMessage(report)}\n${(report.errorInstance as Error | undefined)?.message ?? ''}`);
    }
    return statuses;
  }

  return {
    seed,
    fuzzOperation,
    run,
    async stop() {
      writes.restore();
      agent.destroy();
      await system.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Whether a POST to `path` creates what `template` names: the template is the path, then parameters only. */
function creates(path: string, template: string): boolean {
  const segments = path.split('/');
  const parts = template.split('/');
  const isParameter = (part: string) => /^\{.+\}$/.test(part);
  return (
    parts.length > segments.length &&
    segments.every((segment, index) => isParameter(parts[index]!) || parts[index] === segment) &&
    parts.slice(segments.length).every(isParameter)
  );
}

/** The path of the link in the newest message of the outbox, as a mail client shows it (quoted-printable undone). */
async function newestEmailedLink(outbox: string): Promise<string> {
  const newest = (await readdir(outbox)).sort().at(-1);
  if (!newest) throw new Error('The seed sent no e-mail');
  const text = (await readFile(join(outbox, newest), 'utf8')).replace(/=\r?\n/g, '');
  const link = /https?:\/\/[^/\s"]+(\/public\/quotes\/[\w.-]+)/.exec(text)?.[1];
  if (!link) throw new Error(`No quote link in ${newest}`);
  return link;
}

/** The body as sent before compression: a case may ask for gzip or br. */
function decoded(body: Buffer, encoding: string | undefined): Buffer {
  if (encoding === 'gzip') return gunzipSync(body);
  if (encoding === 'br') return brotliDecompressSync(body);
  if (encoding === 'deflate') return inflateSync(body);
  return body;
}

/** A stable number per operation, so that each operation's cases are reproducible on their own. */
function hash(text: string): number {
  let value = 0;
  for (const char of text) value = (value * 31 + char.charCodeAt(0)) | 0;
  return Math.abs(value);
}
