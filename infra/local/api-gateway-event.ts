import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { RoutedOperation } from './openapi-routes.ts';

/** API Gateway REST adds `operationName` when the API is imported from OpenAPI; the handlers route on it. */
export type LocalApiGatewayEvent = APIGatewayProxyEvent & {
  requestContext: APIGatewayProxyEvent['requestContext'] & { operationName: string };
};

export type LocalHttpHandler = (event: LocalApiGatewayEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** What the server knows about a request once its body is read. */
export interface ReceivedRequest {
  method: string;
  /** The raw request target: path and query string, still percent-encoded. */
  url: string;
  /** Node's `rawHeaders`: names in the client's case, like API Gateway passes them. */
  rawHeaders: string[];
  sourceIp: string;
  body: Buffer;
}

export const STAGE = 'local';
/** API Gateway's integration timeout: the most a Lambda behind it can use. */
const TIMEOUT_MS = 29_000;
export const LOCAL_ACCOUNT = '000000000000';

/** Builds the Lambda proxy event API Gateway REST (payload v1) sends for this request. */
export function toApiGatewayEvent(
  request: ReceivedRequest,
  operation: RoutedOperation,
  pathParameters: Record<string, string>,
  requestId: string = randomUUID(),
): LocalApiGatewayEvent {
  // Split by hand rather than with URL, which would resolve dot segments and read `//x` as a host.
  const queryStart = request.url.indexOf('?');
  const path = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
  const query = new URLSearchParams(queryStart === -1 ? '' : request.url.slice(queryStart + 1));
  const { headers, multiValueHeaders } = headersOf(request.rawHeaders);
  const { single: queryStringParameters, multi: multiValueQueryStringParameters } = queryOf(query);
  // As the deployed gateway (BINARY_MEDIA_TYPES `*/*`): every body reaches the handler as its bytes.
  const isBase64Encoded = request.body.length > 0;
  const now = new Date();
  return {
    resource: operation.resource,
    path,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters,
    multiValueQueryStringParameters,
    pathParameters: Object.keys(pathParameters).length > 0 ? pathParameters : null,
    stageVariables: null,
    body: request.body.length === 0 ? null : request.body.toString(isBase64Encoded ? 'base64' : 'utf8'),
    isBase64Encoded,
    requestContext: {
      accountId: LOCAL_ACCOUNT,
      apiId: 'local',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: request.method,
      identity: identityOf(request.sourceIp, headers),
      domainName: headerValue(headers, 'host'),
      path: `/${STAGE}${path}`,
      stage: STAGE,
      requestId,
      extendedRequestId: requestId,
      requestTime: apiGatewayRequestTime(now),
      requestTimeEpoch: now.getTime(),
      resourceId: 'local',
      resourcePath: operation.resource,
      operationName: operation.operationId,
    },
  };
}

/** The Lambda invocation context, for the function that serves `tag`. */
export function lambdaContext(tag: string, awsRequestId: string = randomUUID()): Context {
  const functionName = `comptoir-${tag}`;
  const deadline = Date.now() + TIMEOUT_MS;
  const unsupported = () => {
    throw new Error('Callback-style completion (done/succeed/fail) is not supported: return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:${LOCAL_ACCOUNT}:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

function headersOf(rawHeaders: string[]) {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] as string;
    const value = rawHeaders[index + 1] as string;
    setOwn(headers, name, value);
    setOwn(multiValueHeaders, name, [...(Object.hasOwn(multiValueHeaders, name) ? multiValueHeaders[name]! : []), value]);
  }
  return { headers, multiValueHeaders };
}

/**
 * Names are the client's, as in the JSON event Lambda parses: `__proto__` is an own key like any other, and
 * `toString` or `constructor` never find Object.prototype's.
 */
function setOwn<T>(record: Record<string, T>, name: string, value: T): void {
  Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
}

function headerValue(headers: Record<string, string>, lowerCaseName: string): string | undefined {
  return Object.entries(headers).find(([name]) => name.toLowerCase() === lowerCaseName)?.[1];
}

function queryOf(searchParams: URLSearchParams) {
  if (searchParams.size === 0) return { single: null, multi: null };
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of searchParams) {
    setOwn(single, name, value);
    setOwn(multi, name, [...(Object.hasOwn(multi, name) ? multi[name]! : []), value]);
  }
  return { single, multi };
}

function identityOf(sourceIp: string, headers: Record<string, string>): APIGatewayProxyEvent['requestContext']['identity'] {
  const userAgent = headerValue(headers, 'user-agent') ?? null;
  return {
    accessKey: null,
    accountId: null,
    apiKey: null,
    apiKeyId: null,
    caller: null,
    clientCert: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp,
    user: null,
    userAgent,
    userArn: null,
  };
}

/** API Gateway's `requestTime` format: `27/Nov/2026:18:40:00 +0000`. */
function apiGatewayRequestTime(date: Date): string {
  const [, day, month, year, time] = date.toUTCString().replace(',', '').split(' ');
  return `${day}/${month}/${year}:${time} +0000`;
}
