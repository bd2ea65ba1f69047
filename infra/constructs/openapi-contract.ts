import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** A parsed JSON/YAML object: the contract is read generically, whatever operations it holds. */
export type JsonObject = { [key: string]: unknown };

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface ContractOperation {
  readonly operationId: string;
  readonly method: HttpMethod;
  readonly path: string;
  /** The operation's first tag: its Lambda lives at functions/http/<context>/index.ts. */
  readonly context: string;
  /** A list that hands out cursors: it declares the `cursor` query parameter (its Lambda needs the cursor secret). */
  readonly paginated: boolean;
}

/** The query parameter of every paginated list (DESIGN §4). */
export const CURSOR_PARAMETER = 'cursor';

const CONTEXT_NAME = /^[a-z][a-z0-9-]*$/;
// API Gateway rejects other characters in a resource path part, and parameters that are only part of a segment.
const LITERAL_SEGMENT = /^[A-Za-z0-9._,-]+$/;
const PARAMETER_SEGMENT = /^\{[A-Za-z0-9_]+\+?\}$/;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function loadContract(file: string): JsonObject {
  const document: unknown = parse(readFileSync(file, 'utf8'));
  if (!isJsonObject(document) || !isJsonObject(document.paths)) {
    throw new Error(`${file} is not an OpenAPI document with paths`);
  }
  return document;
}

/** Every operation of the contract, checked for what the stack relies on (operationId, context tag, path shape). */
export function listOperations(contract: JsonObject): ContractOperation[] {
  const operations: ContractOperation[] = [];
  for (const [path, pathItem] of Object.entries(pathsOf(contract))) {
    assertGatewayPath(path);
    if ('$ref' in pathItem) throw new Error(`The path item ${path} is a $ref: write its operations in place`);
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (operation === undefined) continue;
      if (!isJsonObject(operation)) throw new Error(`${method.toUpperCase()} ${path} is not an operation object`);
      operations.push({
        path,
        method,
        operationId: operationIdOf(operation, method, path),
        context: contextOf(operation, method, path),
        paginated: declaresQueryParameter(contract, [pathItem.parameters, operation.parameters], CURSOR_PARAMETER),
      });
    }
  }
  assertUniqueOperationIds(operations);
  return operations;
}

/** The bounded contexts the contract names, sorted so the synthesized template is stable. */
export function contextsOf(operations: readonly ContractOperation[]): string[] {
  return [...new Set(operations.map((operation) => operation.context))].sort();
}

export function pathsOf(contract: JsonObject): Record<string, JsonObject> {
  const paths = contract.paths;
  if (!isJsonObject(paths)) return {};
  const checked: Record<string, JsonObject> = {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isJsonObject(item)) throw new Error(`The path item ${path} is not an object`);
    checked[path] = item;
  }
  return checked;
}

/** Whether a parameter list (inline, or references to `components.parameters`) holds this query parameter. */
function declaresQueryParameter(contract: JsonObject, lists: readonly unknown[], name: string): boolean {
  const components = isJsonObject(contract.components) && isJsonObject(contract.components.parameters) ? contract.components.parameters : {};
  const resolve = (parameter: unknown): unknown => {
    if (!isJsonObject(parameter) || typeof parameter.$ref !== 'string') return parameter;
    return components[parameter.$ref.replace('#/components/parameters/', '')];
  };
  return lists
    .flatMap((list) => (Array.isArray(list) ? list : []))
    .map(resolve)
    .some((parameter) => isJsonObject(parameter) && parameter.in === 'query' && parameter.name === name);
}

function operationIdOf(operation: JsonObject, method: string, path: string): string {
  const id = operation.operationId;
  if (typeof id !== 'string' || id === '') throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
  return id;
}

function contextOf(operation: JsonObject, method: string, path: string): string {
  const tags = operation.tags;
  const first: unknown = Array.isArray(tags) ? tags[0] : undefined;
  if (typeof first !== 'string' || !CONTEXT_NAME.test(first)) {
    throw new Error(
      `${method.toUpperCase()} ${path}: the first tag must name its bounded context in kebab-case (got ${JSON.stringify(first)})`,
    );
  }
  return first;
}

function assertGatewayPath(path: string): void {
  if (path === '/') return;
  const segments = path.split('/').slice(1);
  const invalid = segments.find((segment) => !LITERAL_SEGMENT.test(segment) && !PARAMETER_SEGMENT.test(segment));
  if (!path.startsWith('/') || invalid !== undefined) {
    throw new Error(`API Gateway cannot import the path ${path}: segment ${JSON.stringify(invalid)} is not allowed`);
  }
}

function assertUniqueOperationIds(operations: readonly ContractOperation[]): void {
  const seen = new Set<string>();
  for (const { operationId } of operations) {
    if (seen.has(operationId)) throw new Error(`The operationId ${operationId} is used twice`);
    seen.add(operationId);
  }
}
