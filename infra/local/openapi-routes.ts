import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { headTwinOf } from '../../functions/http/head.ts';

/** One operation of the contract, as API Gateway would route it. */
export interface RoutedOperation {
  operationId: string;
  /** The operation's first tag: the bounded context, hence the Lambda that serves it. */
  tag: string;
  method: string;
  /** The path template, e.g. `/customers/{customerId}` (API Gateway's `resource`). */
  resource: string;
}

export type RouteMatch =
  | { kind: 'operation'; operation: RoutedOperation; pathParameters: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

export interface RouteTable {
  /** The contract as parsed, served as `/openapi.json`. */
  document: unknown;
  /** `path` is the raw request path, still percent-encoded. */
  match(method: string, path: string): RouteMatch;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface Resource {
  template: string;
  /** A string for a literal segment, `{ parameter }` for a `{name}` segment. */
  segments: (string | { parameter: string })[];
  operations: Map<string, RoutedOperation>;
}

export class MalformedPathError extends Error {
  override name = 'MalformedPathError';
}

/** Reads the OpenAPI contract and builds the route table the local server dispatches with. */
export function loadRouteTable(specPath: string): RouteTable {
  const document: unknown = parse(readFileSync(specPath, 'utf8'));
  const resources = resourcesOf(document, specPath);
  return {
    document,
    match(method, path) {
      const requestSegments = splitPath(path);
      const candidates = resources
        .map((resource) => ({ resource, pathParameters: matchSegments(resource, requestSegments) }))
        .filter((candidate): candidate is { resource: Resource; pathParameters: Record<string, string> } => candidate.pathParameters !== undefined)
        .sort((a, b) => compareSpecificity(a.resource, b.resource));
      const best = candidates[0];
      if (!best) return { kind: 'not-found' };
      const operation = best.resource.operations.get(method.toUpperCase());
      if (!operation) return { kind: 'method-not-allowed', allow: [...best.resource.operations.keys()] };
      return { kind: 'operation', operation, pathParameters: best.pathParameters };
    },
  };
}

function resourcesOf(document: unknown, specPath: string): Resource[] {
  const paths = isRecord(document) && isRecord(document.paths) ? document.paths : {};
  return Object.entries(paths).map(([template, pathItem]) => {
    const operations = new Map<string, RoutedOperation>();
    for (const method of HTTP_METHODS) {
      const operation = isRecord(pathItem) ? pathItem[method] : undefined;
      if (!isRecord(operation)) continue;
      const where = `${method.toUpperCase()} ${template} in ${specPath}`;
      const { operationId, tags } = operation;
      if (typeof operationId !== 'string') throw new Error(`${where} has no operationId: the handlers route on it`);
      const tag = Array.isArray(tags) ? tags[0] : undefined;
      if (typeof tag !== 'string') throw new Error(`${where} has no tag: its first tag names the context that serves it`);
      operations.set(method.toUpperCase(), { operationId, tag, method: method.toUpperCase(), resource: template });
    }
    // As the deployed API: every GET has its HEAD twin (functions/http/head.ts).
    const get = operations.get('GET');
    if (get && !operations.has('HEAD')) operations.set('HEAD', { ...get, operationId: headTwinOf(get.operationId), method: 'HEAD' });
    return { template, segments: splitPath(template).map(toTemplateSegment), operations };
  });
}

function toTemplateSegment(segment: string): Resource['segments'][number] {
  const parameter = /^\{([^{}]+)\}$/.exec(segment)?.[1];
  return parameter === undefined ? segment : { parameter };
}

function matchSegments(resource: Resource, requestSegments: string[]): Record<string, string> | undefined {
  if (resource.segments.length !== requestSegments.length) return undefined;
  const pathParameters: Record<string, string> = {};
  for (const [index, segment] of resource.segments.entries()) {
    const value = decodeSegment(requestSegments[index] ?? '');
    if (typeof segment === 'string') {
      if (segment !== value) return undefined;
    } else {
      if (value === '') return undefined;
      pathParameters[segment.parameter] = value;
    }
  }
  return pathParameters;
}

/** Literal segments win over parameters, leftmost first: `/quotes/export` beats `/quotes/{quoteId}`. */
function compareSpecificity(a: Resource, b: Resource): number {
  for (const [index, segment] of a.segments.entries()) {
    const isLiteralA = typeof segment === 'string';
    const isLiteralB = typeof b.segments[index] === 'string';
    if (isLiteralA !== isLiteralB) return isLiteralA ? -1 : 1;
  }
  return 0;
}

function splitPath(path: string): string[] {
  return path.split('/').slice(1);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new MalformedPathError(`The path segment "${segment}" is not valid percent-encoding`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
