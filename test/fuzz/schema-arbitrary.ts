import fc from 'fast-check';
import type { OpenAPI3 } from 'openapi-typescript';
import { resolveRef, type JsonSchema } from '../support/openapi.ts';

/**
 * fast-check arbitraries of the values a JSON Schema of the contract accepts: the "valid" starting point that
 * the fuzz harness mutates. Written for the keywords the contract uses (types, enums, patterns, lengths,
 * bounds, formats, objects with required and additional properties, arrays, oneOf/anyOf/allOf); read-only
 * properties are left out since requests may not carry them. Hand-written because the one npm converter
 * (json-schema-fast-check 0.0.6) is an unmaintained stub; json-schema-faker does not shrink.
 */

const MAX_DEPTH = 6;
/** Keeps generated documents small: the mutations, not the valid values, explore sizes. */
const MAX_ARRAY_ITEMS = 3;

export function schemaArbitrary(schema: JsonSchema, spec: OpenAPI3, depth = 0): fc.Arbitrary<unknown> {
  const node = resolveRef<JsonSchema>(schema, spec);
  if (depth > MAX_DEPTH) return fc.constant(null);
  if ('const' in node) return fc.constant(node.const);
  if (Array.isArray(node.enum)) return fc.constantFrom(...(node.enum as unknown[]));
  if (Array.isArray(node.allOf)) return schemaArbitrary(mergeAllOf(node.allOf as JsonSchema[], spec), spec, depth);
  const alternatives = (node.oneOf ?? node.anyOf) as JsonSchema[] | undefined;
  if (Array.isArray(alternatives)) {
    // Sibling keywords (properties shared by every branch) apply to each alternative.
    const { oneOf: _oneOf, anyOf: _anyOf, discriminator: _discriminator, ...shared } = node;
    return fc.oneof(...alternatives.map((alternative) => schemaArbitrary(mergeAllOf([shared, alternative], spec), spec, depth)));
  }
  const types = typesOf(node);
  return fc.oneof(...types.map((type) => typedArbitrary(type, node, spec, depth)));
}

function typesOf(node: JsonSchema): string[] {
  if (Array.isArray(node.type)) return node.type as string[];
  if (typeof node.type === 'string') return [node.type];
  if (node.properties || node.additionalProperties !== undefined) return ['object'];
  if (node.items) return ['array'];
  return ['string'];
}

function typedArbitrary(type: string, node: JsonSchema, spec: OpenAPI3, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: bound(node, 'minimum', -1_000_000), max: bound(node, 'maximum', 1_000_000) });
    case 'number':
      return fc.double({ min: bound(node, 'minimum', -1e6), max: bound(node, 'maximum', 1e6), noNaN: true, noDefaultInfinity: true });
    case 'string':
      return stringArbitrary(node);
    case 'array':
      return arrayArbitrary(node, spec, depth);
    case 'object':
      return objectArbitrary(node, spec, depth);
    default:
      throw new Error(`schemaArbitrary: unsupported type ${type}`);
  }
}

function bound(node: JsonSchema, keyword: 'minimum' | 'maximum', fallback: number): number {
  const exclusive = node[keyword === 'minimum' ? 'exclusiveMinimum' : 'exclusiveMaximum'];
  if (typeof exclusive === 'number') return keyword === 'minimum' ? exclusive + 1 : exclusive - 1;
  return typeof node[keyword] === 'number' ? (node[keyword] as number) : fallback;
}

function stringArbitrary(node: JsonSchema): fc.Arbitrary<string> {
  const minLength = typeof node.minLength === 'number' ? node.minLength : 0;
  const maxLength = typeof node.maxLength === 'number' ? node.maxLength : Math.max(minLength, 40);
  const fits = (value: string) => [...value].length >= minLength && [...value].length <= maxLength;
  const format = formatArbitrary(node.format);
  if (format) return format.filter(fits);
  const plain = fc.string({ minLength, maxLength: Math.min(maxLength, minLength + 40) });
  if (typeof node.pattern === 'string') {
    const pattern = new RegExp(node.pattern, 'u');
    // stringMatching cannot build the negated Unicode classes of text patterns: any text, filtered, then.
    const matching = /\\p\{/.test(node.pattern) ? plain : fc.stringMatching(pattern, { size: 'xsmall' });
    return matching.filter((value) => fits(value) && pattern.test(value));
  }
  return plain;
}

const isoDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true });

function formatArbitrary(format: unknown): fc.Arbitrary<string> | undefined {
  switch (format) {
    case 'date':
      return isoDate.map((date) => date.toISOString().slice(0, 10));
    case 'date-time':
      return isoDate.map((date) => date.toISOString());
    case 'email':
      return fc.emailAddress({ size: 'xsmall' });
    case 'uri':
      return fc.webUrl({ size: 'xsmall' });
    case 'uri-reference':
      return fc.webPath({ size: 'xsmall' }).map((path) => path || '/');
    default:
      return undefined;
  }
}

function arrayArbitrary(node: JsonSchema, spec: OpenAPI3, depth: number): fc.Arbitrary<unknown[]> {
  const minLength = typeof node.minItems === 'number' ? node.minItems : 0;
  const declaredMax = typeof node.maxItems === 'number' ? node.maxItems : Number.MAX_SAFE_INTEGER;
  const maxLength = Math.min(declaredMax, minLength + MAX_ARRAY_ITEMS);
  const items = schemaArbitrary((node.items ?? {}) as JsonSchema, spec, depth + 1);
  return node.uniqueItems
    ? fc.uniqueArray(items, { minLength, maxLength, selector: (value) => JSON.stringify(value) })
    : fc.array(items, { minLength, maxLength });
}

function objectArbitrary(node: JsonSchema, spec: OpenAPI3, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries((node.properties ?? {}) as Record<string, JsonSchema>).filter(
    ([, property]) => !resolveRef<JsonSchema>(property, spec).readOnly,
  );
  const required = new Set((node.required ?? []) as string[]);
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of properties) record[name] = schemaArbitrary(property, spec, depth + 1);
  const known = fc.record(record, { requiredKeys: properties.map(([name]) => name).filter((name) => required.has(name)) });
  const additional = node.additionalProperties;
  if (typeof additional !== 'object' || additional === null) return known;
  // A free-form map (`parameters`, …): keys as its propertyNames allow.
  const keySchema = (node.propertyNames ?? { type: 'string', minLength: 1, maxLength: 20 }) as JsonSchema;
  const maxKeys = typeof node.maxProperties === 'number' ? Math.min(node.maxProperties, MAX_ARRAY_ITEMS) : MAX_ARRAY_ITEMS;
  const extra = fc.dictionary(stringArbitrary(resolveRef<JsonSchema>(keySchema, spec)), schemaArbitrary(additional as JsonSchema, spec, depth + 1), { maxKeys });
  return fc.tuple(known, extra).map(([fixed, free]) => ({ ...free, ...fixed }));
}

/** allOf of object schemas, as one schema: properties and required lists unioned, the rest from the last. */
function mergeAllOf(parts: JsonSchema[], spec: OpenAPI3): JsonSchema {
  return parts
    .map((part) => resolveRef<JsonSchema>(part, spec))
    .reduce<JsonSchema>(
      (merged, part) => ({
        ...merged,
        ...part,
        properties: { ...(merged.properties as object), ...(part.properties as object) },
        required: [...((merged.required as string[]) ?? []), ...((part.required as string[]) ?? [])],
      }),
      {},
    );
}
