import { preflightPolicyHeaders, type AllowedOrigins } from '../../functions/middleware/cors.ts';
import { problemGatewayResponses } from './gateway-responses.ts';
import { downgradeToOpenApi30 } from './openapi-3-0.ts';
import { withoutDocumentation } from './openapi-documentation.ts';
import { headTwinOf } from '../../functions/http/head.ts';
import { HTTP_METHODS, isJsonObject, listOperations, pathsOf, type ContractOperation, type HttpMethod, type JsonObject } from './openapi-contract.ts';

/**
 * Every body passes the gateway as bytes (base64 to and from the Lambda when flagged so): the handler decodes
 * UTF-8 strictly (invalid bytes are a 400, not U+FFFD stored) and binary responses (PDF) pass unchanged.
 */
export const BINARY_MEDIA_TYPES = ['*/*'] as const;

/** The contract's security scheme for JWTs; API Gateway checks it with the Cognito user-pool authorizer. */
export const BEARER_SCHEME = 'bearer';

export interface ApiGatewayDefinitionOptions {
  /** The invocation URI of the Lambda that serves an operation (a token resolved by CloudFormation). */
  readonly integrationUri: (operation: ContractOperation) => string;
  readonly userPoolArn: string;
  /**
   * Scopes accepted when an operation names none. Listing scopes makes API Gateway require an access token
   * (what both users and client-credentials integrations hold) rather than an ID token.
   */
  readonly defaultScopes: (method: HttpMethod) => readonly string[];
  /** The browser origins CORS allows, as the Lambdas get them. */
  readonly allowedOrigins: AllowedOrigins;
}

/**
 * The document API Gateway imports: the contract as OpenAPI 3.0 without its prose, each operation proxied to
 * its Lambda behind the Cognito authorizer, CORS preflights answered by the gateway, and gateway
 * errors as problem+json.
 */
export function apiGatewayDefinition(contract: JsonObject, options: ApiGatewayDefinitionOptions): JsonObject {
  const operations = listOperations(contract);
  const openApi30 = downgradeToOpenApi30(contract);
  const document = withoutDocumentation(openApi30);
  const globalSecurity = document.security;
  delete document.security;
  // API Gateway reads base paths from servers; the stage name is the version, so the contract's servers do not apply.
  delete document.servers;
  const paths = pathsOf(document);
  for (const contractOperation of operations) {
    const { path, method } = contractOperation;
    const operation = paths[path]?.[method] as JsonObject;
    operation.security = gatewaySecurity(operation.security ?? globalSecurity, method, options, `${method.toUpperCase()} ${path}`);
    operation['x-amazon-apigateway-integration'] = {
      type: 'aws_proxy',
      httpMethod: 'POST',
      uri: options.integrationUri(contractOperation),
      passthroughBehavior: 'when_no_match',
    };
  }
  for (const [path, pathItem] of Object.entries(paths)) {
    if (isJsonObject(pathItem.get) && pathItem.head === undefined) pathItem.head = headTwin(pathItem.get, operations, path);
    if (pathItem.options !== undefined) throw new Error(`OPTIONS ${path}: CORS preflights are answered by the gateway; the contract must not define OPTIONS`);
    const methods = HTTP_METHODS.filter((method) => pathItem[method] !== undefined);
    pathItem.options = preflightOperation(methods, options.allowedOrigins);
  }
  const components = isJsonObject(document.components) ? document.components : {};
  const securitySchemes = isJsonObject(components.securitySchemes) ? components.securitySchemes : {};
  document.components = { ...components, securitySchemes: { ...securitySchemes, [BEARER_SCHEME]: cognitoSecurityScheme(options.userPoolArn) } };
  document['x-amazon-apigateway-gateway-responses'] = problemGatewayResponses(options.allowedOrigins);
  document['x-amazon-apigateway-binary-media-types'] = [...BINARY_MEDIA_TYPES];
  return document;
}

/**
 * REST APIs answer HEAD only where a HEAD method is declared: each GET gets a twin, authorized and proxied like it,
 * which runs the GET under the twin's name (`functions/http/head.ts`); API Gateway then sends no body.
 */
function headTwin(get: JsonObject, operations: readonly ContractOperation[], path: string): JsonObject {
  const operationId = headTwinOf(String(get.operationId));
  if (operations.some((operation) => operation.operationId === operationId)) {
    throw new Error(`GET ${path}: its HEAD twin would be named ${operationId}, which the contract already uses`);
  }
  // The GET's security, integration and responses: HEAD is allowed to exactly whom GET is.
  return { ...structuredClone(get), operationId };
}

function cognitoSecurityScheme(userPoolArn: string): JsonObject {
  return {
    type: 'apiKey',
    name: 'Authorization',
    in: 'header',
    'x-amazon-apigateway-authtype': 'cognito_user_pools',
    'x-amazon-apigateway-authorizer': { type: 'cognito_user_pools', providerARNs: [userPoolArn] },
  };
}

const PREFLIGHT_STATUS = '204';

/**
 * A CORS preflight carries no token: a public mock integration answers it, without a Lambda. With `*`, every
 * header is static; with a list of origins, the response template adds them only when the request's Origin is
 * one of the list, as the Lambdas do (a static value cannot echo the origin).
 */
function preflightOperation(methods: readonly HttpMethod[], allowedOrigins: AllowedOrigins): JsonObject {
  const policyHeaders = preflightPolicyHeaders(methods);
  const staticHeaders = allowedOrigins === '*' ? { ...policyHeaders, 'Access-Control-Allow-Origin': '*' } : { Vary: 'Origin' };
  const declaredHeaders = ['Access-Control-Allow-Origin', 'Vary', ...Object.keys(policyHeaders)];
  return {
    security: [],
    responses: {
      [PREFLIGHT_STATUS]: {
        description: 'CORS preflight',
        headers: Object.fromEntries(declaredHeaders.map((name) => [name, { schema: { type: 'string' } }])),
      },
    },
    'x-amazon-apigateway-integration': {
      type: 'mock',
      requestTemplates: { 'application/json': `{"statusCode": ${PREFLIGHT_STATUS}}` },
      passthroughBehavior: 'when_no_match',
      responses: {
        default: {
          statusCode: PREFLIGHT_STATUS,
          responseParameters: Object.fromEntries(Object.entries(staticHeaders).map(([name, value]) => [`method.response.header.${name}`, `'${value}'`])),
          ...(allowedOrigins === '*' ? {} : { responseTemplates: { 'application/json': allowedOriginTemplate(allowedOrigins, policyHeaders) } }),
        },
      },
    },
  };
}

/**
 * VTL that sets the preflight headers when the request's Origin is one of `origins` (checked to be plain
 * `scheme://host[:port]`, safe inside quotes). The header name keeps the client's case: HTTP/2 sends it in lower case.
 */
function allowedOriginTemplate(origins: readonly string[], policyHeaders: Record<string, string>): string {
  const values = { 'Access-Control-Allow-Origin': '$origin', ...Object.fromEntries(Object.entries(policyHeaders).map(([name, value]) => [name, `"${value}"`])) };
  return [
    '#set($origin = $input.params().header.get("Origin"))',
    '#if("$!origin" == "")',
    '  #set($origin = $input.params().header.get("origin"))',
    '#end',
    `#if(${origins.map((origin) => `$origin == "${origin}"`).join(' || ') || 'false'})`,
    ...Object.entries(values).map(([name, value]) => `  #set($context.responseOverride.header.${name} = ${value})`),
    '#end',
  ].join('\n');
}

/**
 * An explicit `security: []` keeps an operation public (a health check); every other operation, including one
 * the contract leaves without security, goes through the authorizer: secure unless stated otherwise.
 */
function gatewaySecurity(declared: unknown, method: HttpMethod, options: ApiGatewayDefinitionOptions, where: string): unknown[] {
  if (Array.isArray(declared) && declared.length === 0) return [];
  const requirements = Array.isArray(declared) ? declared : [{ [BEARER_SCHEME]: [] }];
  const scopes = new Set<string>();
  for (const requirement of requirements) {
    const schemes = isJsonObject(requirement) ? Object.keys(requirement) : [];
    if (schemes.length !== 1 || schemes[0] !== BEARER_SCHEME) {
      throw new Error(`${where}: API Gateway can only enforce the "${BEARER_SCHEME}" scheme, alone (found ${JSON.stringify(requirement)})`);
    }
    const declaredScopes = (requirement as JsonObject)[BEARER_SCHEME];
    if (Array.isArray(declaredScopes)) declaredScopes.forEach((scope) => scopes.add(String(scope)));
  }
  return [{ [BEARER_SCHEME]: scopes.size > 0 ? [...scopes] : [...options.defaultScopes(method)] }];
}

