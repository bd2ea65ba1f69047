import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MediaTypeObject, ParameterObject, RequestBodyObject } from 'openapi-typescript';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOperation, listOperations, loadSpec, resolveRef, type HttpMethod, type JsonSchema, type OperationEntry } from '../support/openapi.ts';

/**
 * A frontend team generates its types from the contract with openapi-typescript's default options (no flags)
 * and calls the API with openapi-fetch. This test does exactly that, offline: it generates the types into a
 * temporary project, writes one typed call per request body the README pastes and per request example of the
 * spec, and type-checks them with the TypeScript compiler. A call whose body has a wrong field type is in the
 * same program and must fail, so that a check which accepts anything cannot pass for a green one.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const spec = loadSpec();

interface Call {
  /** Where the body comes from, for the failure message. */
  readonly source: string;
  readonly method: HttpMethod;
  /** A concrete path (`/customers/cus_…/addresses`): the operation is found by it. */
  readonly path: string;
  readonly body: unknown;
}

/**
 * The README's curl calls with a body, as pasted: `curl -s [-X METHOD] localhost:3000/path … -d '{…}'`. A shell
 * variable spliced into a body (`"productId": "'"$BAR"'"`) stands for an id: the string `$BAR` has its type.
 */
async function readmeCalls(): Promise<Call[]> {
  const readme = await readFile(join(root, 'README.md'), 'utf8');
  const curl = /curl (?:(?!curl |```)[\s\S])*?-d '((?:[^']|'"\$\w+"')*)'/g;
  return [...readme.matchAll(curl)].map(([command, body], i) => {
    const url = /localhost:\d+(\/[^\s'"?]*)/.exec(command)?.[1];
    if (!url) throw new Error(`README curl #${i + 1} has no localhost URL: ${command.slice(0, 80)}`);
    const method = (/-X (\w+)/.exec(command)?.[1] ?? 'POST').toLowerCase() as HttpMethod;
    const json = body!.replace(/'"(\$\w+)"'/g, '$1');
    return { source: `README ${method.toUpperCase()} ${url} (#${i + 1})`, method, path: url, body: JSON.parse(json) };
  });
}

/** The JSON request body of a POST operation, if it takes one. */
function postJsonBody({ method, operation }: OperationEntry): MediaTypeObject | undefined {
  if (method !== 'post' || !operation.requestBody) return undefined;
  return resolveRef<RequestBodyObject>(operation.requestBody, spec).content['application/json'] as MediaTypeObject | undefined;
}

/** Every example of a JSON request body of a POST: the media type's own examples, else its schema's. */
function specExampleCalls(): Call[] {
  return listOperations(spec).flatMap((entry) => {
    const { operationId, method, path } = entry;
    const content = postJsonBody(entry);
    if (!content) return [];
    const named = Object.entries(content.examples ?? {}).map(([name, example]) => [name, resolveRef(example, spec).value] as const);
    const schema = content.schema ? resolveRef<JsonSchema>(content.schema as JsonSchema, spec) : {};
    const examples = named.length > 0 ? named : content.example !== undefined ? [['example', content.example] as const] : 'example' in schema ? [['schema example', schema.example] as const] : [];
    return examples.map(([name, body]) => ({ source: `${operationId} ${name}`, method, path, body }));
  });
}

/** `client.POST('/customers/{customerId}/addresses', { params, body })` with every required parameter filled. */
function typedCall({ method, path, body }: Call): string {
  // A spec template's parameters get a placeholder value: only their type (string) matters here.
  const match = findOperation(method, path.replace(/\{[^}]+\}/g, 'x'), spec);
  if (!match) throw new Error(`no operation serves ${method.toUpperCase()} ${path}`);
  const params: Record<string, Record<string, string>> = Object.keys(match.pathParams).length > 0 ? { path: { ...match.pathParams } } : {};
  for (const declared of match.operation.parameters ?? []) {
    const parameter = resolveRef<ParameterObject>(declared, spec);
    if (parameter.required && parameter.in !== 'path') (params[parameter.in] ??= {})[parameter.name] = String(parameter.example ?? 'x');
  }
  const options = { ...(Object.keys(params).length > 0 ? { params } : {}), body };
  return `await client.${method.toUpperCase()}(${JSON.stringify(match.path)}, ${JSON.stringify(options, null, 2)});`;
}

function clientModule(calls: readonly Call[]): string {
  return [
    `import createClient from 'openapi-fetch';`,
    `import type { paths } from './types.ts';`,
    `const client = createClient<paths>({ baseUrl: 'http://localhost:3000' });`,
    ...calls.map((call) => `// ${call.source}\n${typedCall(call)}`),
    `export {};`,
  ].join('\n');
}

let project: string;
let diagnostics: Map<string, string[]>;
const calls = { readme: [] as Call[], spec: specExampleCalls() };

beforeAll(async () => {
  calls.readme = await readmeCalls();
  project = await mkdtemp(join(tmpdir(), 'comptoir-client-'));
  // The temporary project resolves openapi-fetch from ours, as an installed dependency: no network.
  await symlink(join(root, 'node_modules'), join(project, 'node_modules'), 'dir');
  await writeFile(join(project, 'types.ts'), astToString(await openapiTS(new URL('openapi/openapi.yaml', `file://${root}`), { silent: true })));
  const [first] = calls.readme;
  if (!first) throw new Error('the README has no curl call with a body');
  // A deliberate mistake a client could make: a number sent as a string, somewhere in the first README body.
  const wrong = { ...first, source: 'wrong type', body: withWrongType(first.body) };
  const files = { 'readme.ts': clientModule(calls.readme), 'examples.ts': clientModule(calls.spec), 'wrong.ts': clientModule([wrong]) };
  for (const [name, text] of Object.entries(files)) await writeFile(join(project, name), text);

  const program = ts.createProgram(
    Object.keys(files).map((name) => join(project, name)),
    {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      allowImportingTsExtensions: true,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: [],
    },
  );
  diagnostics = new Map(Object.keys(files).map((name) => [name, []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file ? diagnostic.file.fileName.slice(project.length + 1) : '(program)';
    const line = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1 : 0;
    const messages = diagnostics.get(file) ?? [];
    messages.push(`${file}:${line} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
    diagnostics.set(file, messages);
  }
}, 60_000);

afterAll(() => project && rm(project, { recursive: true, force: true }));

/** The body with its first number field (depth first) turned into a string. */
function withWrongType(body: unknown): unknown {
  let done = false;
  const visit = (node: unknown): unknown => {
    if (done) return node;
    if (typeof node === 'number') {
      done = true;
      return String(node);
    }
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node === 'object' && node !== null) return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, visit(value)]));
    return node;
  };
  const changed = visit(body);
  if (!done) throw new Error('the first README body has no number field to get wrong');
  return changed;
}

describe('a client generated with openapi-typescript defaults, called with openapi-fetch', () => {
  it('has calls to check: every README body and a request example of every POST with a JSON body', () => {
    expect(calls.readme.length).toBeGreaterThanOrEqual(8);
    const withoutExample = listOperations(spec).filter((entry) => postJsonBody(entry) && !calls.spec.some((call) => call.path === entry.path));
    expect(withoutExample.map(({ operationId }) => operationId)).toEqual([]);
  });

  it('accepts the README bodies', () => {
    expect(diagnostics.get('readme.ts')).toEqual([]);
  });

  it("accepts the spec's request examples", () => {
    expect(diagnostics.get('examples.ts')).toEqual([]);
  });

  it('rejects a body with a field of the wrong type', () => {
    const errors = diagnostics.get('wrong.ts') ?? [];
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Type 'string' is not assignable to type 'number'/);
  });

  it('type-checks nothing else with errors', () => {
    const others = [...diagnostics].filter(([file]) => !['readme.ts', 'examples.ts', 'wrong.ts'].includes(file));
    expect(others.flatMap(([, messages]) => messages)).toEqual([]);
  });
});
