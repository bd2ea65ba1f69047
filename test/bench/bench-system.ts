import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateDevKey, signDevToken } from '../../infra/local/dev-auth.ts';
import type { LogLine } from '../../infra/local/log.ts';
import { startLocalSystem } from '../../infra/local/system.ts';
import { DEFAULT_TABLE_NAME } from '../../infra/table-definition.ts';

export interface ApiReply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

export interface RequestOptions {
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface BenchSystem {
  readonly baseUrl: string;
  readonly dynamodbEndpoint: string;
  readonly tableName: string;
  /** One request as an admin; the body is read whole, then parsed when it is JSON. */
  request(method: string, path: string, options?: RequestOptions): Promise<ApiReply>;
  stop(): Promise<void>;
}

/** Only failures: a line per request would drown the report, and writing it would be measured too. */
const errorsOnly: LogLine = (entry) => {
  if (entry.level === 'error') process.stderr.write(`${JSON.stringify(entry)}\n`);
};

/**
 * The whole local back office in this process (DynamoDB Local in memory, the real handlers behind the
 * local API Gateway), with an admin token. The handlers' Powertools logger is silenced the way the tests
 * silence it; it reads the level when the composition root first loads, which happens on the first request.
 */
export async function startBenchSystem(): Promise<BenchSystem> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
  const dataDir = await mkdtemp(join(tmpdir(), 'comptoir-bench-'));
  try {
    const system = await startLocalSystem({ port: 0, dataDir, inMemory: true, log: errorsOnly });
    const token = await signDevToken(await loadOrCreateDevKey(dataDir), { role: 'admin', sub: 'bench' });
    return {
      baseUrl: system.baseUrl,
      dynamodbEndpoint: system.dynamodbEndpoint,
      tableName: process.env.TABLE_NAME ?? DEFAULT_TABLE_NAME,
      async request(method, path, options = {}) {
        const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...options.headers };
        if (options.body !== undefined) headers['content-type'] ??= 'application/json';
        // fetch (undici) keeps connections alive: the measure is the request, not a TCP handshake.
        const response = await fetch(system.baseUrl + path, {
          method,
          headers,
          ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        });
        const text = await response.text();
        const isJson = (response.headers.get('content-type') ?? '').includes('json') && text.length > 0;
        return { status: response.status, headers: response.headers, body: isJson ? (JSON.parse(text) as unknown) : text };
      },
      async stop() {
        await system.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Fails loudly when a request the benchmark depends on did not succeed: its timings would mean nothing. */
export function expectStatus(reply: ApiReply, expected: number, what: string): void {
  if (reply.status !== expected) throw new Error(`${what}: expected ${expected}, got ${reply.status} ${JSON.stringify(reply.body)}`);
}
