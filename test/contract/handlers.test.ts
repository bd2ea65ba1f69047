import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParameterObject, ReferenceObject } from 'openapi-typescript';
import { isQueryReader, type Operation } from '../../functions/http/http-handler.ts';
import { listOperations, resolveRef } from '../support/openapi.ts';

/**
 * Every operation of the contract has a handler: API Gateway routes each operationId to the Lambda of
 * its first tag (its bounded context), which finds the operation in the `operations` object that
 * functions/http/<tag>/index.ts exports. A missing entry would only show as a 404 in production.
 */

const byContext = new Map<string, string[]>();
/** The operations whose contract declares query parameters. */
const withQuery = new Set<string>();
for (const entry of listOperations()) {
  const parameters = (entry.operation.parameters ?? []).map((parameter) => resolveRef<ParameterObject>(parameter as ParameterObject | ReferenceObject));
  if (parameters.some((parameter) => parameter.in === 'query')) withQuery.add(entry.operationId);
  const context = entry.operation.tags?.[0];
  if (!context) throw new Error(`${entry.operationId} has no tag, so no context handles it`);
  byContext.set(context, [...(byContext.get(context) ?? []), entry.operationId]);
}

describe.each([...byContext.keys()])('functions/http/%s/index.ts', (context) => {
  const operationIds = byContext.get(context)!;
  const modulePath = `functions/http/${context}/index.ts`;

  async function operationsOf(): Promise<Record<string, unknown>> {
    const url = new URL(`../../${modulePath}`, import.meta.url);
    if (!existsSync(url)) expect.fail(`${modulePath} does not exist: it must export the ${context} operations (${operationIds.join(', ')})`);
    let loaded: { operations?: unknown };
    try {
      loaded = (await import(url.href)) as { operations?: unknown };
    } catch (error) {
      expect.fail(`${modulePath} failed to load: ${(error as Error).message}`);
    }
    if (typeof loaded.operations !== 'object' || loaded.operations === null) expect.fail(`${modulePath} must export an \`operations\` object keyed by operationId`);
    return loaded.operations as Record<string, unknown>;
  }

  it('exports a handler for every operation of the contract', async () => {
    const operations = await operationsOf();
    expect(operationIds.filter((id) => typeof operations[id] !== 'function'), 'operationIds without a handler').toEqual([]);
  });

  it('exports no handler the contract does not route to', async () => {
    const operations = await operationsOf();
    expect(Object.keys(operations).filter((id) => !operationIds.includes(id)), 'handlers for no operation of this context').toEqual([]);
  });

  it('reads the query string exactly where the contract declares query parameters (the others refuse any)', async () => {
    const operations = (await operationsOf()) as Record<string, Operation>;
    const readers = operationIds.filter((id) => typeof operations[id] === 'function' && isQueryReader(operations[id]));
    expect(readers.sort()).toEqual(operationIds.filter((id) => withQuery.has(id)).sort());
  });
});
