import { isJsonObject, type JsonObject } from './openapi-contract.ts';

/** Prose and samples: API Gateway imports them as documentation nobody reads there (the contract is the documentation). */
const DOCUMENTATION_KEYWORDS = new Set(['description', 'summary', 'example', 'examples', 'externalDocs']);

/** Values that are data (defaults, enumerations), whatever keys they hold. */
const DATA_KEYWORDS = new Set(['default', 'enum']);

/** Maps whose keys are names (properties, paths, status codes, media types…), never keywords. */
const NAMED_MAPS = new Set([
  'properties', 'patternProperties', 'paths', 'schemas', 'parameters', 'requestBodies', 'headers', 'content',
  'securitySchemes', 'links', 'callbacks', 'encoding', 'mapping', 'scopes', 'variables', 'pathItems',
]);

/**
 * The document without its documentation, so that the inline definition stays well inside CloudFormation's
 * 1 MB template limit as the contract grows. Responses keep only their description (OpenAPI requires one): a
 * Lambda proxy integration passes responses through untouched, so their headers and models would only be
 * documentation too.
 */
export function withoutDocumentation(document: JsonObject): JsonObject {
  return strip(document) as JsonObject;
}

function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (!isJsonObject(node)) return node;
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (DOCUMENTATION_KEYWORDS.has(key)) continue;
    if (key.startsWith('x-') || DATA_KEYWORDS.has(key)) result[key] = value;
    else if (key === 'responses' && isJsonObject(value)) result[key] = mapValues(value, descriptionOnly);
    else if (NAMED_MAPS.has(key) && isJsonObject(value)) result[key] = mapValues(value, strip);
    else result[key] = strip(value);
  }
  return result;
}

function descriptionOnly(response: unknown): JsonObject {
  return { description: isJsonObject(response) && typeof response.description === 'string' ? response.description : '' };
}

function mapValues(object: JsonObject, map: (value: unknown) => unknown): JsonObject {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, map(value)]));
}
