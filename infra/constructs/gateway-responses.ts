import { gatewayErrorHeaders, type AllowedOrigins } from '../../functions/middleware/cors.ts';
import type { JsonObject } from './openapi-contract.ts';

/**
 * Errors that API Gateway answers itself (before or instead of a Lambda) use the same RFC 9457
 * problem+json shape as the Lambdas' errors, so clients parse one error format, and carry CORS's
 * Access-Control-Allow-Origin, without which a browser hides them (an expired token's 401) from the frontend.
 */
const GATEWAY_ERRORS: ReadonlyArray<readonly [responseType: string, status: number, title: string]> = [
  ['BAD_REQUEST_BODY', 400, 'Bad Request'],
  ['BAD_REQUEST_PARAMETERS', 400, 'Bad Request'],
  ['UNAUTHORIZED', 401, 'Unauthorized'],
  ['ACCESS_DENIED', 403, 'Forbidden'],
  ['EXPIRED_TOKEN', 403, 'Forbidden'],
  ['INVALID_SIGNATURE', 403, 'Forbidden'],
  ['INVALID_API_KEY', 403, 'Forbidden'],
  ['WAF_FILTERED', 403, 'Forbidden'],
  // API Gateway answers a path or method it does not know with this type (and a misleading 403).
  ['MISSING_AUTHENTICATION_TOKEN', 404, 'Not Found'],
  ['RESOURCE_NOT_FOUND', 404, 'Not Found'],
  ['REQUEST_TOO_LARGE', 413, 'Content Too Large'],
  ['UNSUPPORTED_MEDIA_TYPE', 415, 'Unsupported Media Type'],
  ['QUOTA_EXCEEDED', 429, 'Too Many Requests'],
  ['THROTTLED', 429, 'Too Many Requests'],
  ['API_CONFIGURATION_ERROR', 500, 'Internal Server Error'],
  ['AUTHORIZER_CONFIGURATION_ERROR', 500, 'Internal Server Error'],
  ['AUTHORIZER_FAILURE', 500, 'Internal Server Error'],
  ['INTEGRATION_FAILURE', 502, 'Bad Gateway'],
  ['INTEGRATION_TIMEOUT', 504, 'Gateway Timeout'],
  // Every known type is listed above; the defaults catch types API Gateway may add later.
  ['DEFAULT_4XX', 400, 'Bad Request'],
  ['DEFAULT_5XX', 500, 'Internal Server Error'],
];

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The `x-amazon-apigateway-gateway-responses` extension. */
export function problemGatewayResponses(allowedOrigins: AllowedOrigins): JsonObject {
  const corsParameters = Object.fromEntries(Object.entries(gatewayErrorHeaders(allowedOrigins)).map(([name, value]) => [`gatewayresponse.header.${name}`, `'${value}'`]));
  return Object.fromEntries(
    GATEWAY_ERRORS.map(([responseType, status, title]) => {
      const body = `{"type":"about:blank","title":"${title}","status":${status},"detail":$context.error.messageString}`;
      return [
        responseType,
        {
          statusCode: String(status),
          responseParameters: { 'gatewayresponse.header.Content-Type': `'${PROBLEM_CONTENT_TYPE}'`, ...corsParameters },
          // The template is chosen by the request's content type; application/json is the fallback.
          responseTemplates: { 'application/json': body, [PROBLEM_CONTENT_TYPE]: body },
        },
      ];
    }),
  );
}
