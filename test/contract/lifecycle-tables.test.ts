import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defineLifecycle } from '../../domain/shared/lifecycle.ts';
import { LIFECYCLE_TAGS, withLifecycleTables } from '../../openapi/lifecycle-tables.ts';
import { listOperations } from '../support/openapi.ts';

/** The contract's lifecycle tables and action operations are the lifecycles the use cases apply. */
const specText = readFileSync(new URL('../../openapi/openapi.yaml', import.meta.url), 'utf8');

describe('lifecycle tables', () => {
  it('are what `npm run generate` writes from the lifecycles', () => {
    expect(withLifecycleTables(specText) === specText, 'the lifecycle tables of openapi.yaml are stale: run `npm run generate`').toBe(true);
  });

  it('follow a change of a lifecycle (the check above can fail)', () => {
    const customers = LIFECYCLE_TAGS.find(({ tag }) => tag === 'customers')!;
    const changed = defineLifecycle({ ...customers.lifecycle, actions: { ...customers.lifecycle.actions, qualify: { from: ['prospect'], to: 'qualified', reason: 'required' } } });
    const tags = LIFECYCLE_TAGS.map((entry) => (entry === customers ? { tag: 'customers', lifecycle: changed } : entry));
    expect(withLifecycleTables(specText, tags)).toContain('| `qualify` | `prospect` | `qualified` | required |');
  });

  it.each(LIFECYCLE_TAGS.map(({ tag, lifecycle }) => [tag, lifecycle] as const))('%s: each action a client takes is one POST operation of the tag, with a request body', (tag, lifecycle) => {
    const actions = listOperations().filter(({ method, path, operation }) => method === 'post' && operation.tags?.[0] === tag && path.split('/').pop()! in lifecycle.actions);
    const posted = Object.entries<{ takenBy?: string }>(lifecycle.actions).filter(([, action]) => action.takenBy === undefined).map(([name]) => name);
    expect(actions.map(({ path }) => path.split('/').pop()).sort()).toEqual(posted.sort());
    for (const { operation } of actions) expect(JSON.stringify(operation.requestBody)).toMatch(/#\/components\/requestBodies\//);
  });
});
