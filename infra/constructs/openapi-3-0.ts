import { isJsonObject, type JsonObject } from './openapi-contract.ts';

/**
 * API Gateway imports OpenAPI 3.0, not 3.1, and names a model after each component schema with letters and
 * digits only. The contract stays 3.1; this makes the copy that API Gateway imports (request bodies are
 * validated by the Lambdas, so a schema loosened here changes no behaviour).
 */
export function downgradeToOpenApi30(contract: JsonObject): JsonObject {
  const document = inlineComponentReferences(contract);
  document.openapi = '3.0.3';
  delete document.jsonSchemaDialect;
  delete document.webhooks;
  dropInfoFieldsNewIn31(document);
  return renameModels(convertSchemasIn(document));
}

/** JSON Schema 2020-12 keywords that OpenAPI 3.0 schemas do not have. */
const KEYWORDS_NEW_IN_31 = new Set([
  '$schema', '$id', '$anchor', '$comment', '$defs', '$dynamicRef', '$dynamicAnchor', 'examples',
  'contentEncoding', 'contentMediaType', 'contentSchema', 'if', 'then', 'else', 'dependentRequired',
  'dependentSchemas', 'prefixItems', 'unevaluatedProperties', 'unevaluatedItems', 'propertyNames',
  'patternProperties', 'contains', 'minContains', 'maxContains',
]);

/** Component kinds inlined at their use: the importer resolves only schema references reliably. */
const INLINED_COMPONENT_KINDS = ['parameters', 'responses', 'requestBodies', 'headers', 'examples', 'links', 'callbacks', 'pathItems'];
const INLINED_REFERENCE = new RegExp(`^#/components/(${INLINED_COMPONENT_KINDS.join('|')})/(.+)$`);
const SCHEMA_REFERENCE_PREFIX = '#/components/schemas/';

function dropInfoFieldsNewIn31(document: JsonObject): void {
  const info = document.info;
  if (!isJsonObject(info)) return;
  delete info.summary;
  if (isJsonObject(info.license)) delete info.license.identifier;
}

/** Returns a new document: the contract itself is never modified. */
function inlineComponentReferences(document: JsonObject): JsonObject {
  const components = isJsonObject(document.components) ? document.components : {};
  const inline = (node: unknown, trail: readonly string[]): unknown => {
    if (Array.isArray(node)) return node.map((item) => inline(item, trail));
    if (!isJsonObject(node)) return node;
    const target = typeof node.$ref === 'string' ? INLINED_REFERENCE.exec(node.$ref) : null;
    if (target !== null) {
      const [reference, kind = '', name = ''] = target;
      if (trail.includes(reference)) throw new Error(`The contract has a circular reference through ${reference}`);
      const section = components[kind];
      const component = isJsonObject(section) ? section[decodePointerSegment(name)] : undefined;
      if (component === undefined) throw new Error(`The contract references ${reference}, which does not exist`);
      return inline(component, [...trail, reference]);
    }
    return mapValues(node, (value) => inline(value, trail));
  };
  const inlined = inline(document, []) as JsonObject;
  if (isJsonObject(inlined.components)) {
    for (const kind of INLINED_COMPONENT_KINDS) delete inlined.components[kind];
  }
  return inlined;
}

/** Converts every schema: the component schemas, and the `schema` of each parameter, header and media type. */
function convertSchemasIn(document: JsonObject): JsonObject {
  const converted: JsonObject = {};
  for (const [key, value] of Object.entries(document)) {
    converted[key] = key === 'components' ? value : convertSchemaPositions(value);
  }
  if (isJsonObject(document.components)) {
    converted.components = Object.fromEntries(
      Object.entries(document.components).map(([kind, section]) => [
        kind,
        kind === 'schemas' && isJsonObject(section) ? mapValues(section, convertSchema) : convertSchemaPositions(section),
      ]),
    );
  }
  return converted;
}

function convertSchemaPositions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convertSchemaPositions);
  if (!isJsonObject(node)) return node;
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'schema') result[key] = convertSchema(value);
    else if (isData(key)) result[key] = value;
    else result[key] = convertSchemaPositions(value);
  }
  return result;
}

/** Examples and extensions hold arbitrary data, never schemas to convert. */
function isData(key: string): boolean {
  return key === 'example' || key === 'examples' || key.startsWith('x-');
}

function convertSchema(schema: unknown): unknown {
  if (!isJsonObject(schema)) return schema;
  let result: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (KEYWORDS_NEW_IN_31.has(key)) continue;
    result[key] = convertSubschemas(key, value);
  }
  if (typeof result.items === 'boolean') delete result.items;
  nullableFromTypeList(result);
  nullableFromNullAlternative(result);
  if ('const' in result) {
    result.enum = [result.const];
    delete result.const;
  }
  exclusiveBoundsAsFlags(result);
  if (typeof result.$ref === 'string' && Object.keys(result).length > 1) result = referenceWithSiblings(result);
  return result;
}

function convertSubschemas(key: string, value: unknown): unknown {
  switch (key) {
    case 'properties':
      return isJsonObject(value) ? mapValues(value, convertSchema) : value;
    case 'items':
    case 'additionalProperties':
    case 'not':
      return convertSchema(value);
    case 'allOf':
    case 'anyOf':
    case 'oneOf':
      return Array.isArray(value) ? value.map(convertSchema) : value;
    default:
      return value;
  }
}

/** `type: [string, 'null']` becomes `type: string, nullable: true`; several non-null types leave the type open. */
function nullableFromTypeList(schema: JsonObject): void {
  if (schema.type === 'null') {
    delete schema.type;
    schema.nullable = true;
    return;
  }
  if (!Array.isArray(schema.type)) return;
  const types = schema.type.filter((type) => type !== 'null');
  if (types.length < schema.type.length) schema.nullable = true;
  if (types.length === 1) schema.type = types[0];
  else delete schema.type;
}

/** `oneOf: [X, {type: 'null'}]` becomes `allOf: [X], nullable: true`. */
function nullableFromNullAlternative(schema: JsonObject): void {
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const alternatives = schema[keyword];
    if (!Array.isArray(alternatives)) continue;
    const others = alternatives.filter((alternative) => !isNullOnly(alternative));
    if (others.length === alternatives.length) continue;
    schema.nullable = true;
    if (others.length === 1) {
      delete schema[keyword];
      schema.allOf = [...(Array.isArray(schema.allOf) ? schema.allOf : []), others[0]];
    } else {
      schema[keyword] = others;
    }
  }
}

function isNullOnly(schema: unknown): boolean {
  return isJsonObject(schema) && schema.nullable === true && Object.keys(schema).length === 1;
}

function exclusiveBoundsAsFlags(schema: JsonObject): void {
  if (typeof schema.exclusiveMinimum === 'number') {
    schema.minimum = schema.exclusiveMinimum;
    schema.exclusiveMinimum = true;
  }
  if (typeof schema.exclusiveMaximum === 'number') {
    schema.maximum = schema.exclusiveMaximum;
    schema.exclusiveMaximum = true;
  }
}

/** OpenAPI 3.0 ignores the siblings of `$ref`; `allOf` keeps them meaningful. */
function referenceWithSiblings(schema: JsonObject): JsonObject {
  const { $ref, allOf, ...siblings } = schema;
  return { ...siblings, allOf: [{ $ref }, ...(Array.isArray(allOf) ? allOf : [])] };
}

/** API Gateway model names are letters and digits only. */
function renameModels(document: JsonObject): JsonObject {
  const components = document.components;
  if (!isJsonObject(components) || !isJsonObject(components.schemas)) return document;
  const newNames = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of Object.keys(components.schemas)) {
    const modelName = name.replace(/[^A-Za-z0-9]/g, '');
    if (modelName === '' || taken.has(modelName)) {
      throw new Error(`The schema ${name} cannot become an API Gateway model: ${JSON.stringify(modelName)} is empty or taken`);
    }
    taken.add(modelName);
    newNames.set(name, modelName);
  }
  const schemas = components.schemas;
  components.schemas = Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [newNames.get(name) ?? name, schema]));
  return renameReferences(document, newNames) as JsonObject;
}

function renameReferences(node: unknown, newNames: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(node)) return node.map((item) => renameReferences(item, newNames));
  if (!isJsonObject(node)) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(SCHEMA_REFERENCE_PREFIX)) {
        const [name = '', ...rest] = value.slice(SCHEMA_REFERENCE_PREFIX.length).split('/');
        const newName = newNames.get(decodePointerSegment(name));
        if (newName === undefined) throw new Error(`The contract references ${value}, which does not exist`);
        return [key, [SCHEMA_REFERENCE_PREFIX + newName, ...rest].join('/')];
      }
      return [key, renameReferences(value, newNames)];
    }),
  );
}

function decodePointerSegment(segment: string): string {
  return decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~');
}

function mapValues(object: JsonObject, map: (value: unknown) => unknown): JsonObject {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, map(value)]));
}
