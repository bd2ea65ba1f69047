import fc from 'fast-check';
import type { OpenAPI3, ParameterObject, ReferenceObject, RequestBodyObject } from 'openapi-typescript';
import { resolveRef, type JsonSchema, type OperationEntry } from '../support/openapi.ts';
import { BUILTIN_KEYS, mutatedBody, oddString, rawBody } from './mutations.ts';
import { schemaArbitrary } from './schema-arbitrary.ts';

/**
 * One fuzz case per draw: a request to one operation, derived from the contract alone. Path parameters
 * come from the pool of live resources most of the time (so that cases reach the use cases, not just
 * the id checks), the query from the parameters' schemas, the body from the request body's schema, and
 * then at most a few things are made hostile, each named in `mutations`.
 */

export type Role = 'admin' | 'manager' | 'agent' | 'integration';

export interface FuzzCase {
  readonly operationId: string;
  readonly role: Role | 'anonymous' | 'forged';
  /** A pick among the pool's resources for the operation's path parameters, or hostile values. */
  readonly path: { readonly kind: 'live'; readonly pick: number } | { readonly kind: 'hostile'; readonly segments: Record<string, string> };
  /** Name and value pairs, already percent-encoded, in order (repeats allowed). */
  readonly query: readonly (readonly [string, string])[];
  readonly ifMatch: 'current' | 'none' | string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: { readonly text: string; readonly contentType: string | undefined } | { readonly bytes: Uint8Array; readonly contentType: string | undefined } | undefined;
  readonly mutations: readonly string[];
  /** Set when no valid request looks like this one: the answer must be a 4xx. */
  readonly mustRefuse: boolean;
}

/** Percent-encodes a value; a lone surrogate (which `encodeURIComponent` refuses) goes as the bytes of an encoded surrogate. */
function percentEncode(value: string): string {
  return [...value].map((char) => (/^[\uD800-\uDFFF]$/.test(char) ? '%ED%A0%80' : encodeURIComponent(char))).join('');
}

/** Segments and values that no encoder produces, sent as is. */
const RAW_HOSTILE = ['%', '%ZZ', '%C3%28', '%FF', '%ED%A0%80', '%00', '%2F', '..', '%2e%2e', 'a%0Ab'];

const hostileValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: oddString.map(percentEncode) },
  { weight: 1, arbitrary: fc.constantFrom(...RAW_HOSTILE) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 40 }).map(percentEncode) },
  { weight: 1, arbitrary: fc.constantFrom('cus_00000000000000000000000000', 'prd_0123456789ABCDEFGHJKMNPQRS', 'EUR', '2026-01-01', 'pce', '1', '-1', 'null') },
);

/** The fuzz cases of one operation. */
export function requestsFor(entry: OperationEntry, spec: OpenAPI3, livePools: ReadonlyMap<string, readonly string[]>): fc.Arbitrary<FuzzCase> {
  const parameters = (entry.operation.parameters ?? []).map((parameter) => resolveRef<ParameterObject>(parameter as ParameterObject | ReferenceObject, spec));
  const pathParameters = [...entry.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  const queryParameters = parameters.filter((parameter) => parameter.in === 'query');
  const requiresIfMatch = parameters.some((parameter) => parameter.in === 'header' && parameter.name === 'If-Match');
  const bodySchema = requestBodySchema(entry, spec);
  const validBody = bodySchema ? schemaArbitrary(bodySchema, spec) : fc.constant(undefined);

  const path = fc.oneof(
    { weight: 8, arbitrary: fc.nat().map((pick) => ({ kind: 'live', pick }) as const) },
    {
      weight: pathParameters.length > 0 ? 2 : 0,
      arbitrary: fc
        .record(Object.fromEntries(pathParameters.map((name) => [name, hostileValue])) as Record<string, fc.Arbitrary<string>>)
        .map((segments) => ({ kind: 'hostile', segments }) as const),
    },
  );

  const validQuery = fc
    .tuple(
      ...queryParameters.map((parameter) =>
        fc.option(queryValue(parameter, spec, livePools).map((value) => [parameter.name, percentEncode(value)] as const), { nil: undefined, freq: 2 }),
      ),
    )
    .map((pairs) => pairs.filter((pair): pair is readonly [string, string] => pair !== undefined));

  type Query = { query: (readonly [string, string])[]; label?: string; refuse?: boolean };
  const query: fc.Arbitrary<Query> = validQuery.chain((valid) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constant<Query>({ query: [...valid] }) },
      {
        weight: queryParameters.length > 0 ? 2 : 0,
        arbitrary: fc
          .tuple(fc.constantFrom(...(queryParameters.length > 0 ? queryParameters.map((p) => p.name) : ['limit'])), hostileValue)
          .map(([name, value]) => ({ query: [...valid.filter(([n]) => n !== name), [name, value] as const], label: `hostile query ${name}` })),
      },
      {
        weight: queryParameters.length > 0 ? 1 : 0,
        arbitrary: fc
          .constantFrom(...(queryParameters.length > 0 ? queryParameters.map((p) => p.name) : ['limit']))
          .map((name) => ({ query: [...valid, [name, '1'] as const, [name, '2'] as const], label: `repeated query ${name}`, refuse: true })),
      },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom('unknownParam', ...BUILTIN_KEYS)
          .map((name) => ({ query: [...valid, [percentEncode(name), 'x'] as const], label: `unknown query ${name}`, refuse: true })),
      },
    ),
  );

  type Body = { body: FuzzCase['body']; label?: string; refuse?: boolean };
  const body: fc.Arbitrary<Body> = bodySchema
    ? validBody.chain((valid) =>
        fc.oneof(
          { weight: 5, arbitrary: fc.constant<Body>({ body: { text: JSON.stringify(valid), contentType: 'application/json' } }) },
          { weight: 5, arbitrary: mutatedBody(valid).map<Body>(({ label, text, refuse }) => ({ body: { text, contentType: 'application/json' }, label, refuse })) },
          { weight: 2, arbitrary: rawBody(valid).map<Body>(({ label, bytes, contentType, refuse }) => ({ body: { bytes, contentType }, label, refuse })) },
          { weight: 1, arbitrary: fc.constant<Body>({ body: undefined, label: 'no body' }) },
        ),
      )
    : fc.oneof(
        { weight: 9, arbitrary: fc.constant<Body>({ body: undefined }) },
        { weight: 1, arbitrary: fc.constantFrom<Body>({ body: { text: '{"unexpected":true}', contentType: 'application/json' }, label: 'a body where none is expected' }) },
      );

  const ifMatch = requiresIfMatch
    ? fc.oneof(
        { weight: 6, arbitrary: fc.constant('current') },
        { weight: 4, arbitrary: fc.constantFrom('none', '"0"', '*', 'W/"1"', '"1", "2"', 'garbage', '"99999999999999999999"', '""', '"1"', '"abc"', '  "1"  ', '"1",') },
      )
    : fc.oneof({ weight: 9, arbitrary: fc.constant('none') }, { weight: 1, arbitrary: fc.constantFrom('"1"', '*') });

  const headers = fc.oneof(
    { weight: 6, arbitrary: fc.constant({}) },
    { weight: 2, arbitrary: fc.uuid().map((key) => ({ 'Idempotency-Key': key })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Record<string, string>>(
        { 'Idempotency-Key': 'x'.repeat(300) },
        { 'Idempotency-Key': 'clé' },
        { 'X-Correlation-Id': 'bad id with spaces' },
        { 'X-Correlation-Id': 'x'.repeat(500) },
        { Accept: 'text/html' },
        { Accept: 'application/json;q=0' },
        { Accept: '*/*' },
        { 'Accept-Encoding': 'gzip, br' },
        { 'If-None-Match': '*' },
        { Origin: 'https://shop.example' },
      ),
    },
  );

  const role = fc.oneof(
    { weight: 12, arbitrary: fc.constant<FuzzCase['role']>('admin') },
    { weight: 3, arbitrary: fc.constantFrom<FuzzCase['role']>('manager', 'agent', 'integration') },
    { weight: 1, arbitrary: fc.constantFrom<FuzzCase['role']>('anonymous', 'forged') },
  );

  const cases = fc.record({ role, path, query, ifMatch, headers, body }).map(
    ({ role, path, query, ifMatch, headers, body }): FuzzCase => ({
      operationId: entry.operationId,
      role,
      path,
      query: query.query,
      ifMatch,
      headers,
      body: body.body,
      mutations: [
        ...(path.kind === 'hostile' ? ['hostile path'] : []),
        ...(query.label ? [query.label] : []),
        ...(body.label ? [body.label] : []),
        ...(ifMatch !== 'current' && ifMatch !== 'none' ? [`If-Match ${ifMatch}`] : []),
        ...Object.keys(headers).map((name) => `header ${name}`),
        ...(role !== 'admin' ? [`as ${role}`] : []),
      ],
      mustRefuse: Boolean(query.refuse || body.refuse),
    }),
  );
  return cases;
}

function requestBodySchema(entry: OperationEntry, spec: OpenAPI3): JsonSchema | undefined {
  if (!entry.operation.requestBody) return undefined;
  const body = resolveRef<RequestBodyObject>(entry.operation.requestBody as RequestBodyObject | ReferenceObject, spec);
  const media = body.content['application/json'] ?? body.content['application/merge-patch+json'];
  return ((media as { schema?: JsonSchema } | undefined)?.schema) ?? {};
}

/** A valid value for a query parameter: from its schema, or a live id when it filters by one. */
function queryValue(parameter: ParameterObject, spec: OpenAPI3, livePools: ReadonlyMap<string, readonly string[]>): fc.Arbitrary<string> {
  const fromSchema = schemaArbitrary((parameter.schema ?? { type: 'string' }) as JsonSchema, spec).map(String);
  const live = livePools.get(parameter.name);
  return live && live.length > 0 ? fc.oneof(fc.constantFrom(...live), fromSchema) : fromSchema;
}
