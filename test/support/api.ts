import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Role } from '../../domain/shared/actor.ts';
import { loadOrCreateDevKey, signDevToken } from '../../infra/local/dev-auth.ts';
import { startLocalSystem } from '../../infra/local/system.ts';
import { responseValidator } from './openapi.ts';
import { ownTableInSharedDynamoDb } from './table.ts';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  token?: string | null;
  body?: unknown;
  /** Sent as is, for malformed bodies (bytes for what is not even UTF-8). */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
}

/**
 * The whole local system (the real handlers behind the local HTTP server, on a table of this file's own in the
 * run's DynamoDB Local) for API tests, with tokens for any role and a client that checks every response against
 * the contract.
 */
export async function startApi() {
  const dataDir = await mkdtemp(join(tmpdir(), 'comptoir-api-'));
  const system = await startLocalSystem({ port: 0, dataDir, ...ownTableInSharedDynamoDb('api') });
  const key = await loadOrCreateDevKey(dataDir);
  const validate = await responseValidator();
  const tokens = new Map<string, string>();

  async function token(role: Role, sub = `${role}-user`): Promise<string> {
    const cacheKey = `${role}/${sub}`;
    if (!tokens.has(cacheKey)) tokens.set(cacheKey, await signDevToken(key, { role, sub }));
    return tokens.get(cacheKey)!;
  }

  async function request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const bearer = options.token === undefined ? await token('admin') : options.token;
    if (bearer !== null) headers.Authorization = `Bearer ${bearer}`;
    let body: string | Uint8Array | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const response = await fetch(system.baseUrl + path, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    const parsed = text && contentType.includes('json') ? JSON.parse(text) : text;
    const errors = validate.validateResponse({ method, path: path.split('?')[0]!, status: response.status, contentType, body: parsed });
    expect(errors, `${method} ${path} → ${response.status} breaks the contract`).toEqual([]);
    if (response.status >= 400) expect(contentType).toBe('application/problem+json');
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  return {
    baseUrl: system.baseUrl,
    dataDir,
    token,
    request,
    async stop() {
      await system.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type Api = Awaited<ReturnType<typeof startApi>>;
