import { describe, expect, it } from 'vitest';
import type { ParameterObject, RequestBodyObject, ResponseObject } from 'openapi-typescript';
import { ROLES } from '../../domain/shared/actor.ts';
import { ID_PREFIXES } from '../../domain/shared/ids.ts';
import { listOperations, loadSpec, resolveRef } from '../support/openapi.ts';

/**
 * The API conventions of DESIGN.md §4, checked on every operation so that the next context's
 * operations follow them too: auth errors, problem+json, concurrency, idempotency, pagination.
 */

const spec = loadSpec();
const operations = listOperations(spec).map((entry) => {
  const pathItem = spec.paths?.[entry.path] as { parameters?: unknown[] } | undefined;
  const parameters = [...(pathItem?.parameters ?? []), ...(entry.operation.parameters ?? [])].map((p) => resolveRef<ParameterObject>(p as ParameterObject, spec));
  const responses = Object.fromEntries(
    Object.entries(entry.operation.responses ?? {}).map(([status, response]) => [status, resolveRef<ResponseObject>(response, spec)]),
  );
  const body = entry.operation.requestBody ? resolveRef<RequestBodyObject>(entry.operation.requestBody, spec) : undefined;
  return { ...entry, parameters, responses, body, name: `${entry.operationId} (${entry.method.toUpperCase()} ${entry.path})` };
});
const has = (op: (typeof operations)[number], parameter: string) => op.parameters.some((p) => p.name === parameter);
/** A route the contract opens to anyone (`security: []`): no token, so no 401 or 403; a rate limit instead (429). */
const isPublic = (op: (typeof operations)[number]) => Array.isArray(op.operation.security) && op.operation.security.length === 0;
const statuses = (op: (typeof operations)[number]) => Object.keys(op.responses);

describe.each(operations)('$name', (op) => {
  it('has a summary, its context as first tag, and a camelCase operationId', () => {
    expect(op.operation.summary).toBeTruthy();
    expect(op.operation.tags?.[0]).toBeTruthy();
    expect(op.operationId).toMatch(/^[a-z][a-zA-Z]+$/);
  });

  it('documents 401, 403 and 406 (a public route: 406 and 429), errors as problem+json, and X-Correlation-Id on every response', () => {
    expect(statuses(op)).toEqual(expect.arrayContaining(isPublic(op) ? ['406', '429'] : ['401', '403', '406']));
    if (isPublic(op)) expect(statuses(op)).not.toEqual(expect.arrayContaining(['401']));
    for (const [status, response] of Object.entries(op.responses)) {
      if (Number(status) >= 400) expect(Object.keys(response.content ?? {}), status).toEqual(['application/problem+json']);
      expect(Object.keys(response.headers ?? {}), status).toContain('X-Correlation-Id');
    }
  });

  it('documents 400 and 404 when the path names a resource', () => {
    if (!op.path.includes('{')) return;
    expect(statuses(op)).toEqual(expect.arrayContaining(['400', '404']));
  });

  it('documents 400, 413 and 415 when it takes a body', () => {
    if (!op.body) return;
    expect(statuses(op)).toEqual(expect.arrayContaining(['400', '413', '415']));
  });

  it('takes an Idempotency-Key and documents 409 and 422 when it is a POST (a public one answers idempotently by itself)', () => {
    if (op.method !== 'post' || isPublic(op)) return;
    expect(has(op, 'Idempotency-Key')).toBe(true);
    expect(statuses(op)).toEqual(expect.arrayContaining(['409', '422']));
  });

  it('requires If-Match, with 412 and 428, when it changes an existing resource', () => {
    // A POST on a collection (a path that is also listed) creates; a POST on a path that names no resource (a
    // computation such as a price simulation) changes nothing; any other POST is an action on an existing resource.
    const createsInCollection = operations.some((other) => other.path === op.path && other.method === 'get');
    const namesResource = op.path.includes('{');
    // A link's answer needs no If-Match: the signed link already pins the version (number and content hash) it answers.
    const changesExisting = !isPublic(op) && (op.method === 'patch' || op.method === 'delete' || (op.method === 'post' && !createsInCollection && namesResource));
    expect(has(op, 'If-Match')).toBe(changesExisting);
    if (changesExisting) expect(statuses(op)).toEqual(expect.arrayContaining(['412', '428']));
  });

  it("pre-fills no optional query parameter: Swagger UI's Try it out would send the example as a filter that matches nothing", () => {
    const prefilled = op.parameters.filter(
      (p) => p.in === 'query' && !p.required && (p.example !== undefined || p.examples !== undefined || (p.schema as { example?: unknown } | undefined)?.example !== undefined),
    );
    expect(prefilled.map((p) => p.name)).toEqual([]);
  });

  it('pages with limit and cursor when it lists', () => {
    const ok = op.responses['200']?.content?.['application/json']?.schema as { $ref?: string } | undefined;
    const lists = ok?.$ref?.endsWith('Page') === true;
    expect(has(op, 'limit') && has(op, 'cursor')).toBe(lists);
  });
});

describe("the API reference's introduction (info.description)", () => {
  const description = spec.info.description ?? '';
  /** The role tables: each a Markdown table whose first column is `Role`. */
  const accessTables = description.split(/\n\s*\n/).filter((block) => block.trimStart().startsWith('| Role |'));

  it('names every id prefix the code mints', () => {
    expect(Object.values(ID_PREFIXES).filter((prefix) => !description.includes(`\`${prefix}_…\``))).toEqual([]);
  });

  it('has an access table per part of the API, each placing every role', () => {
    const parts = ['customers', 'catalogue', 'pricing administration', 'price simulations'];
    expect(parts.filter((part) => !accessTables.some((table) => table.split('\n')[0]!.includes(part)))).toEqual([]);
    for (const table of accessTables) {
      const rows = table.split('\n').slice(2).map((row) => row.split('|')[1] ?? '');
      expect(ROLES.filter((role) => !rows.some((cell) => cell.includes(`\`${role}\``))), table.split('\n')[0]).toEqual([]);
    }
  });
});
