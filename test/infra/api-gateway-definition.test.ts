import { describe, expect, it } from 'vitest';
import { apiGatewayDefinition, type ApiGatewayDefinitionOptions } from '../../infra/constructs/api-gateway-definition.ts';
import { isJsonObject, listOperations, loadContract, type JsonObject } from '../../infra/constructs/openapi-contract.ts';
import { FIXTURE_CONTRACT } from './fixtures/comptoir-stack.ts';

const options: ApiGatewayDefinitionOptions = {
  integrationUri: ({ context }) => `arn:invoke:${context}`,
  userPoolArn: 'arn:aws:cognito-idp:eu-west-3:123456789012:userpool/eu-west-3_pool',
  defaultScopes: (method) => (method === 'get' ? ['user', 'read'] : ['user']),
  allowedOrigins: '*',
};
const contract = loadContract(FIXTURE_CONTRACT);
const definition = apiGatewayDefinition(contract, options);
const operation = (path: string, method: string) => (definition.paths as Record<string, JsonObject>)[path]?.[method] as JsonObject;
const schemas = () => (definition.components as { schemas: Record<string, JsonObject> }).schemas;

/** OpenAPI 3.1 / JSON Schema 2020-12 forms that the API Gateway importer (OpenAPI 3.0) does not know. */
function openApi31Leftovers(node: unknown, path = '$'): string[] {
  if (Array.isArray(node)) return node.flatMap((item, index) => openApi31Leftovers(item, `${path}[${index}]`));
  if (!isJsonObject(node)) return [];
  const here: string[] = [];
  if (Array.isArray(node.type)) here.push(`${path}.type is a list`);
  if (node.type === 'null') here.push(`${path}.type is null`);
  for (const keyword of ['const', 'examples', '$defs', 'prefixItems', 'unevaluatedProperties', 'contentEncoding', 'jsonSchemaDialect', 'webhooks']) {
    if (keyword in node) here.push(`${path}.${keyword}`);
  }
  if (typeof node.exclusiveMinimum === 'number' || typeof node.exclusiveMaximum === 'number') here.push(`${path} has a numeric exclusive bound`);
  if (typeof node.$ref === 'string' && Object.keys(node).length > 1) here.push(`${path}.$ref has siblings`);
  return [...here, ...Object.entries(node).filter(([key]) => !key.startsWith('x-')).flatMap(([key, value]) => openApi31Leftovers(value, `${path}.${key}`))];
}

describe('the document API Gateway imports', () => {
  it('is OpenAPI 3.0 with no 3.1-only construct left, while the contract stays 3.1', () => {
    expect(definition.openapi).toBe('3.0.3');
    expect(openApi31Leftovers(definition)).toEqual([]);
    expect(contract.openapi).toBe('3.1.0');
    expect(openApi31Leftovers(loadContract(FIXTURE_CONTRACT)).length).toBeGreaterThan(5);
  });

  it('turns 3.1 schemas into their 3.0 equivalents', () => {
    const properties = schemas().customerview?.properties as Record<string, JsonObject>;
    expect(properties.name).toEqual({ type: 'string', nullable: true });
    expect(properties.creditLimit).toEqual({ type: 'number', minimum: 0, exclusiveMinimum: true });
    expect(properties.parent).toEqual({ nullable: true, allOf: [{ $ref: '#/components/schemas/customerview' }] });
    expect(properties.kind).toEqual({ enum: ['company'] });
    expect(properties.note).toEqual({ allOf: [{ $ref: '#/components/schemas/problemdetails' }] });
  });

  it('names models with letters and digits only, and follows the renaming in every reference', () => {
    expect(Object.keys(schemas())).toEqual(['customerview', 'problemdetails']);
    expect(JSON.stringify(definition)).not.toMatch(/#\/components\/schemas\/(customer-view|problem_details)/);
  });

  it('inlines references to parameters and responses and drops their component sections', () => {
    const pathItem = (definition.paths as Record<string, JsonObject>)['/customers/{customerId}'];
    expect(pathItem?.parameters).toEqual([{ name: 'customerId', in: 'path', required: true, schema: { type: 'string' } }]);
    expect(operation('/customers/{customerId}', 'get').responses).toEqual({ '200': { description: 'The customer' }, '404': { description: 'A problem' } });
    expect(Object.keys(definition.components as JsonObject).sort()).toEqual(['schemas', 'securitySchemes']);
  });

  it('leaves out prose, samples and servers, but keeps a schema property named like a keyword', () => {
    const text = JSON.stringify(definition);
    expect(text).not.toContain('"summary"');
    expect(text).not.toContain('"examples"');
    expect(definition.servers).toBeUndefined();
    expect(definition.info).toEqual({ title: 'Fixture contract', version: '1.0.0', license: { name: 'Proprietary' } });
    const withDescriptionProperty = apiGatewayDefinition(
      {
        openapi: '3.1.0',
        info: { title: 't', version: '1' },
        paths: {},
        components: {
          schemas: {
            Product: { type: 'object', description: 'prose', properties: { description: { type: 'string', default: { description: 'data' } } } },
          },
        },
      },
      options,
    );
    expect((withDescriptionProperty.components as { schemas: JsonObject }).schemas.Product).toEqual({
      type: 'object',
      properties: { description: { type: 'string', default: { description: 'data' } } },
    });
  });

  it('proxies every operation to the Lambda of its first tag', () => {
    for (const { path, method, context } of listOperations(contract)) {
      expect(operation(path, method)['x-amazon-apigateway-integration']).toEqual({
        type: 'aws_proxy',
        httpMethod: 'POST',
        uri: `arn:invoke:${context}`,
        passthroughBehavior: 'when_no_match',
      });
    }
  });

  it('puts every operation behind the Cognito authorizer, with the default scopes unless it names its own', () => {
    expect(operation('/customers/{customerId}', 'get').security).toEqual([{ bearer: ['user', 'read'] }]);
    expect(operation('/customers/{customerId}', 'patch').security).toEqual([{ bearer: ['user'] }]);
    expect(operation('/sales-orders/{orderId}/pdf', 'get').security).toEqual([{ bearer: ['comptoir/read'] }]);
    expect(definition.security).toBeUndefined();
    expect((definition.components as { securitySchemes: JsonObject }).securitySchemes.bearer).toEqual({
      type: 'apiKey',
      name: 'Authorization',
      in: 'header',
      'x-amazon-apigateway-authtype': 'cognito_user_pools',
      'x-amazon-apigateway-authorizer': { type: 'cognito_user_pools', providerARNs: [options.userPoolArn] },
    });
  });

  it('keeps an operation public only when it says security: []', () => {
    expect(operation('/health', 'get').security).toEqual([]);
    const withoutAnySecurity = apiGatewayDefinition(
      { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { '/things': { get: { operationId: 'listThings', tags: ['things'], responses: {} } } } },
      options,
    );
    expect(((withoutAnySecurity.paths as Record<string, JsonObject>)['/things']?.get as JsonObject).security).toEqual([{ bearer: ['user', 'read'] }]);
  });

  it('answers gateway errors as problem+json', () => {
    const responses = definition['x-amazon-apigateway-gateway-responses'] as Record<string, JsonObject>;
    const cases = { UNAUTHORIZED: [401, 'unauthorized'], ACCESS_DENIED: [403, 'access_denied'], BAD_REQUEST_BODY: [400, 'bad_request_body'], THROTTLED: [429, 'throttled'], DEFAULT_4XX: [400, 'bad_request'], DEFAULT_5XX: [500, 'internal_error'] } as const;
    for (const [type, [status, code]] of Object.entries(cases)) {
      const response = responses[type] as { statusCode: string; responseParameters: JsonObject; responseTemplates: Record<string, string> };
      expect(response.statusCode).toBe(String(status));
      expect(response.responseParameters['gatewayresponse.header.Content-Type']).toBe("'application/problem+json'");
      for (const template of Object.values(response.responseTemplates)) {
        const body = JSON.parse(template.replace('$context.error.messageString', '"the message"')) as JsonObject;
        expect(body).toEqual({ type: `https://comptoir.dev/problems/${code.replace(/_/g, '-')}`, title: expect.any(String), status, detail: 'the message', code });
      }
    }
  });

  it('answers the CORS preflight of every path with a public mock integration, listing the methods of that path', () => {
    for (const path of Object.keys(definition.paths as JsonObject)) {
      expect(operation(path, 'options').security, path).toEqual([]);
      expect(operation(path, 'options')['x-amazon-apigateway-integration'], path).toMatchObject({ type: 'mock', requestTemplates: { 'application/json': '{"statusCode": 204}' } });
    }
    const preflight = operation('/customers/{customerId}', 'options');
    expect(preflight.responses).toEqual({
      '204': {
        description: 'CORS preflight',
        headers: Object.fromEntries(
          ['Access-Control-Allow-Origin', 'Vary', 'Access-Control-Allow-Methods', 'Access-Control-Allow-Headers', 'Access-Control-Max-Age'].map((name) => [name, { schema: { type: 'string' } }]),
        ),
      },
    });
    expect((preflight['x-amazon-apigateway-integration'] as { responses: JsonObject }).responses).toEqual({
      default: {
        statusCode: '204',
        responseParameters: {
          'method.response.header.Access-Control-Allow-Origin': "'*'",
          'method.response.header.Access-Control-Allow-Methods': "'GET, PATCH, OPTIONS'",
          'method.response.header.Access-Control-Allow-Headers': "'Authorization, Content-Type, If-Match, If-None-Match, Idempotency-Key, X-Correlation-Id'",
          'method.response.header.Access-Control-Max-Age': "'600'",
        },
      },
    });
  });

  it('with a list of origins, sets the preflight headers from a template, only when the request comes from one of them', () => {
    const listed = apiGatewayDefinition(contract, { ...options, allowedOrigins: ['https://app.example.com', 'http://localhost:5173'] });
    const { responses } = ((listed.paths as Record<string, JsonObject>)['/customers/{customerId}']?.options as JsonObject)['x-amazon-apigateway-integration'] as {
      responses: { default: { responseParameters: JsonObject; responseTemplates: Record<string, string> } };
    };
    expect(responses.default.responseParameters).toEqual({ 'method.response.header.Vary': "'Origin'" });
    expect(responses.default.responseTemplates['application/json']).toBe(
      [
        '#set($origin = $input.params().header.get("Origin"))',
        '#if("$!origin" == "")',
        '  #set($origin = $input.params().header.get("origin"))',
        '#end',
        '#if($origin == "https://app.example.com" || $origin == "http://localhost:5173")',
        '  #set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)',
        '  #set($context.responseOverride.header.Access-Control-Allow-Methods = "GET, PATCH, OPTIONS")',
        '  #set($context.responseOverride.header.Access-Control-Allow-Headers = "Authorization, Content-Type, If-Match, If-None-Match, Idempotency-Key, X-Correlation-Id")',
        '  #set($context.responseOverride.header.Access-Control-Max-Age = "600")',
        '#end',
      ].join('\n'),
    );
    const none = apiGatewayDefinition(contract, { ...options, allowedOrigins: [] });
    const noneIntegration = ((none.paths as Record<string, JsonObject>)['/health']?.options as JsonObject)['x-amazon-apigateway-integration'];
    expect(JSON.stringify(noneIntegration)).toContain('#if(false)');
  });

  it('lets frontends read gateway errors (an expired token\'s 401) whenever some origin is allowed: a gateway response can only hold a static value', () => {
    const allowOriginOf = (allowedOrigins: ApiGatewayDefinitionOptions['allowedOrigins']) => {
      const responses = apiGatewayDefinition(contract, { ...options, allowedOrigins })['x-amazon-apigateway-gateway-responses'] as Record<string, { responseParameters: JsonObject }>;
      return new Set(Object.values(responses).map((response) => response.responseParameters['gatewayresponse.header.Access-Control-Allow-Origin']));
    };
    expect(allowOriginOf('*')).toEqual(new Set(["'*'"]));
    expect(allowOriginOf(['https://app.example.com'])).toEqual(new Set(["'*'"]));
    expect(allowOriginOf([])).toEqual(new Set([undefined]));
  });

  it('gives every GET a HEAD twin with the same security, integration and responses, and leaves a declared HEAD alone', () => {
    const get = operation('/customers/{customerId}', 'get');
    expect(operation('/customers/{customerId}', 'head')).toEqual({ ...get, operationId: `${String(get.operationId)}Head` });
    const declared = { operationId: 'probeThing', tags: ['things'], responses: { '204': { description: 'ok' } } };
    const withHead = apiGatewayDefinition(
      { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { '/things': { get: { operationId: 'getThing', tags: ['things'], responses: {} }, head: declared } } },
      options,
    );
    expect(((withHead.paths as Record<string, JsonObject>)['/things']!.head as JsonObject).operationId).toBe('probeThing');
  });

  it('passes every body as bytes, so that the handlers decode UTF-8 strictly and PDFs pass unchanged', () => {
    expect(definition['x-amazon-apigateway-binary-media-types']).toEqual(['*/*']);
  });
});

describe('what the stack refuses to import', () => {
  const document = (paths: JsonObject, components: JsonObject = {}): JsonObject => ({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths, components });
  const get = (extra: JsonObject = {}) => ({ get: { operationId: 'getThing', tags: ['things'], responses: {}, ...extra } });

  it.each([
    ['an operation without operationId', document({ '/things': { get: { tags: ['things'], responses: {} } } }), /has no operationId/],
    ['an operation without a context tag', document({ '/things': { get: { operationId: 'getThing', responses: {} } } }), /first tag must name its bounded context/],
    ['a context tag that is not kebab-case', document({ '/things': get({ tags: ['Things'] }) }), /first tag must name its bounded context/],
    ['a parameter inside a path segment', document({ '/things/id-{thingId}': get() }), /cannot import the path/],
    ['a path item that is a reference', document({ '/things': { $ref: '#/components/pathItems/Things' } }), /write its operations in place/],
    ['an operationId used twice', document({ '/a': get(), '/b': get() }), /used twice/],
    ['another security scheme', document({ '/things': get({ security: [{ apiKey: [] }] }) }), /can only enforce the "bearer" scheme/],
    ['optional authentication', document({ '/things': get({ security: [{}, { bearer: [] }] }) }), /can only enforce the "bearer" scheme/],
    ['a reference to a missing component', document({ '/things': get({ parameters: [{ $ref: '#/components/parameters/Nope' }] }) }), /does not exist/],
    ['two schemas that become the same model', document({}, { schemas: { 'a-b': {}, a_b: {} } }), /cannot become an API Gateway model/],
    ['an operation named like the HEAD twin of a GET', document({ '/things': get(), '/heads': { post: { operationId: 'getThingHead', tags: ['things'], responses: {} } } }), /HEAD twin would be named getThingHead/],
    ['an OPTIONS operation', document({ '/things': { options: { operationId: 'optionsThings', tags: ['things'], responses: {} } } }), /CORS preflights are answered by the gateway/],
  ])('%s', (_case, contractDocument, message) => {
    expect(() => apiGatewayDefinition(contractDocument, options)).toThrow(message);
  });
});
