import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { parse } from 'yaml';
import type { HeaderObject, OpenAPI3, OperationObject, PathItemObject, ReferenceObject, ResponseObject } from 'openapi-typescript';

/**
 * The contract as test data: the parsed spec, its operations, and a validator that API tests run on
 * every real response they get, so that a handler cannot drift from the contract unnoticed.
 */

export const SPEC_PATH = fileURLToPath(new URL('../../openapi/openapi.yaml', import.meta.url));

/** A JSON Schema (2020-12) node as found in the spec or produced by zod: keywords are read loosely. */
export type JsonSchema = Record<string, unknown>;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface OperationEntry {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** The path template, as written in the spec (`/customers/{customerId}`). */
  readonly path: string;
  readonly operation: OperationObject;
}

export interface OperationMatch extends OperationEntry {
  /** The concrete values of the template's parameters, decoded. */
  readonly pathParams: Record<string, string>;
}

let cached: OpenAPI3 | undefined;

/** The parsed spec; `$ref`s stay as they are and resolve with `resolveRef`. Parsed once per test file. */
export function loadSpec(): OpenAPI3 {
  cached ??= parse(readFileSync(SPEC_PATH, 'utf8')) as OpenAPI3;
  return cached;
}

function isReference(value: unknown): value is ReferenceObject {
  return typeof value === 'object' && value !== null && typeof (value as ReferenceObject).$ref === 'string';
}

/** Follows local `$ref`s (`#/components/...`), chained ones included, to the object they name. */
export function resolveRef<T>(value: T | ReferenceObject, spec: OpenAPI3 = loadSpec()): T {
  let current: unknown = value;
  for (let hops = 0; isReference(current); hops++) {
    const ref = current.$ref;
    if (!ref.startsWith('#/') || hops > 20) throw new Error(`Cannot resolve $ref ${ref}: only local, acyclic references are supported`);
    current = ref
      .slice(2)
      .split('/')
      .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, segment) => {
        if (typeof node !== 'object' || node === null || !(segment in node)) throw new Error(`$ref ${ref} points to nothing`);
        return (node as Record<string, unknown>)[segment];
      }, spec);
  }
  return current as T;
}

export function listOperations(spec: OpenAPI3 = loadSpec()): OperationEntry[] {
  return Object.entries(spec.paths ?? {}).flatMap(([path, item]) => {
    const pathItem = resolveRef<PathItemObject>(item, spec);
    return HTTP_METHODS.flatMap((method) => {
      const declared = pathItem[method];
      if (!declared) return [];
      const operation = resolveRef<OperationObject>(declared, spec);
      if (!operation.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      return [{ operationId: operation.operationId, method, path, operation }];
    });
  });
}

/**
 * The operation that serves a concrete request path (`/customers/cus_01J…/addresses`). A query string is
 * ignored. Where several templates match, the one with the most literal segments wins, as in routers.
 */
export function findOperation(method: string, path: string, spec: OpenAPI3 = loadSpec()): OperationMatch | undefined {
  const wanted = method.toLowerCase();
  const segments = path.split('?')[0]!.split('/');
  const candidates = listOperations(spec).flatMap((entry) => {
    if (entry.method !== wanted) return [];
    const template = entry.path.split('/');
    if (template.length !== segments.length) return [];
    const pathParams: Record<string, string> = {};
    let literals = 0;
    for (const [i, part] of template.entries()) {
      const actual = segments[i]!;
      const param = /^\{(.+)\}$/.exec(part);
      if (param) {
        if (actual === '') return [];
        pathParams[param[1]!] = decodeURIComponent(actual);
      } else if (part === actual) {
        literals++;
      } else {
        return [];
      }
    }
    return [{ match: { ...entry, pathParams }, literals }];
  });
  candidates.sort((a, b) => b.literals - a.literals);
  return candidates[0]?.match;
}

/** Where the component schemas live inside Ajv: `#/components/schemas/X` becomes `<id>#/$defs/X`. */
const COMPONENTS_ID = 'https://comptoir.dev/openapi/components';

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key === '$ref' && typeof value === 'string') {
        if (!value.startsWith('#/components/schemas/')) throw new Error(`Schema $ref ${value} is not a component schema`);
        return [key, `${COMPONENTS_ID}#/$defs/${value.slice('#/components/schemas/'.length)}`];
      }
      return [key, rewriteRefs(value)];
    }),
  );
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(body)' : error.instancePath;
  const params = error.params as Record<string, unknown>;
  const detail =
    typeof params.additionalProperty === 'string' ? ` (${params.additionalProperty})` : Array.isArray(params.allowedValues) ? ` (${params.allowedValues.join(', ')})` : '';
  return `${where} ${error.message ?? 'is invalid'}${detail}`;
}

export interface SchemaValidator {
  /** Errors of `value` against a schema of the spec (its `$ref`s to component schemas resolve); empty when valid. */
  validate(schema: JsonSchema, value: unknown): string[];
}

/**
 * Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1) with formats, the spec's component schemas
 * registered, and OpenAPI's own schema keywords accepted as annotations.
 */
export function schemaValidator(spec: OpenAPI3 = loadSpec()): SchemaValidator {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  // ajv-formats is CommonJS: imported from ESM, its default is `module.exports`, which carries the plugin as `default`.
  ajvFormats.default(ajv);
  for (const keyword of ['example', 'discriminator', 'xml', 'externalDocs']) ajv.addKeyword({ keyword });
  ajv.addSchema({ $id: COMPONENTS_ID, $defs: rewriteRefs(spec.components?.schemas ?? {}) });
  const compiled = new Map<JsonSchema, ValidateFunction>();
  return {
    validate(schema, value) {
      let validate = compiled.get(schema);
      if (!validate) {
        validate = ajv.compile(rewriteRefs(schema) as JsonSchema);
        compiled.set(schema, validate);
      }
      return validate(value) ? [] : (validate.errors ?? []).map(describeError);
    },
  };
}

export interface ResponseToValidate {
  /** The operation, by operationId, or by method and path (a concrete path or its template). */
  readonly operationId?: string;
  readonly method?: string;
  readonly path?: string;
  readonly status: number;
  /** The response's Content-Type; parameters such as `charset` are ignored. Absent when there is no body. */
  readonly contentType?: string | undefined;
  /** The parsed body; `undefined` (or an empty string) when there is none. */
  readonly body: unknown;
  /** Response headers (fetch's `Headers` or a plain record); each documented one present is checked against its schema. */
  readonly headers?: Headers | Readonly<Record<string, string | number | boolean | undefined>>;
}

export interface ResponseValidator {
  validateResponse(response: ResponseToValidate): string[];
}

/** What the gateway (or the local server in its place) answers before any operation runs: timeout, throttling, headers. */
const GATEWAY_REFUSALS = new Set([408, 429, 431]);

/**
 * Checks a real response against the contract: the status must be documented for the operation (a 5xx or a
 * gateway refusal by its `default` response), the content type must be one it declares, the body must match the schema, documented headers must match
 * theirs. Returns the errors, each prefixed with the operation, status and where in the body it is.
 */
export function responseValidator(spec: OpenAPI3 = loadSpec()): ResponseValidator {
  const schemas = schemaValidator(spec);
  const operations = listOperations(spec);
  const validateResponse = (response: ResponseToValidate): string[] => {
    const entry = operationOf(response, operations, spec);
    if (typeof entry === 'string') return [entry];
    const op = entry.operationId;
    const responses = entry.operation.responses ?? {};
    // `default` gives the shape of the errors an operation cannot list ahead: 5xx, and the refusals of the gateway in
    // front of every operation (as its description says); a 4xx the operation itself sends must be listed.
    const fallback = response.status >= 500 || GATEWAY_REFUSALS.has(response.status) ? responses.default : undefined;
    const declared = responses[String(response.status)] ?? responses[`${String(response.status)[0]}XX`] ?? fallback;
    if (!declared) return [`status ${response.status} not documented for ${op}`];
    const documented = resolveRef<ResponseObject>(declared, spec);
    const at = `${op} ${response.status}`;
    const errors = headerErrors(documented, response.headers ?? {}, at, schemas, spec);

    const hasBody = response.body !== undefined && response.body !== '';
    const mediaTypes = Object.keys(documented.content ?? {});
    if (mediaTypes.length === 0) {
      return hasBody ? [...errors, `${at}: a body was sent but none is documented`] : errors;
    }
    const contentType = response.contentType?.split(';')[0]!.trim().toLowerCase();
    if (!contentType) return [...errors, `${at}: no Content-Type, expected ${mediaTypes.join(' or ')}`];
    const mediaType = documented.content?.[contentType];
    if (!mediaType) return [...errors, `${at}: content type ${contentType} not documented (expected ${mediaTypes.join(' or ')})`];
    if (!mediaType.schema) return errors;
    return [...errors, ...schemas.validate(mediaType.schema as JsonSchema, response.body).map((error) => `${at} ${contentType}: ${error}`)];
  };
  return { validateResponse };
}

function operationOf(response: ResponseToValidate, operations: readonly OperationEntry[], spec: OpenAPI3): OperationEntry | string {
  if (response.operationId !== undefined) {
    return operations.find((entry) => entry.operationId === response.operationId) ?? `operation ${response.operationId} is not in the spec`;
  }
  if (response.method === undefined || response.path === undefined) return 'give either operationId, or method and path';
  return findOperation(response.method, response.path, spec) ?? `no operation ${response.method.toUpperCase()} ${response.path} in the spec`;
}

function headerErrors(
  documented: ResponseObject,
  headers: NonNullable<ResponseToValidate['headers']>,
  at: string,
  schemas: SchemaValidator,
  spec: OpenAPI3,
): string[] {
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  const received = new Map(entries.map(([name, value]) => [name.toLowerCase(), value]));
  return Object.entries(documented.headers ?? {}).flatMap(([name, declared]) => {
    const header = resolveRef<HeaderObject>(declared, spec);
    const value = received.get(name.toLowerCase());
    if (value === undefined) return header.required ? [`${at}: header ${name} is missing`] : [];
    if (!header.schema) return [];
    return schemas.validate(header.schema as JsonSchema, String(value)).map((error) => `${at}: header ${name} ${error.replace(/^\(body\) /, '')}`);
  });
}
