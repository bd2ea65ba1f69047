import type { ProblemCode } from '../../domain/shared/problem-codes.ts';
import { gatewayErrorHeaders, type AllowedOrigins } from '../../functions/middleware/cors.ts';
import { problemType } from '../../functions/middleware/problem-details.ts';
import type { JsonObject } from './openapi-contract.ts';

/**
 * Errors that API Gateway answers itself (before or instead of a Lambda) use the same RFC 9457
 * problem+json shape as the Lambdas' errors, so clients parse one error format, and carry CORS's
 * Access-Control-Allow-Origin, without which a browser hides them (an expired token's 401) from the frontend.
 * Each carries a `code` like every problem; where the local runtime answers the same case, with its code.
 */
const GATEWAY_ERRORS: ReadonlyArray<readonly [responseType: string, status: number, title: string, code: ProblemCode]> = [
  ['BAD_REQUEST_BODY', 400, 'Bad Request', 'bad_request_body'],
  ['BAD_REQUEST_PARAMETERS', 400, 'Bad Request', 'bad_request_parameters'],
  ['UNAUTHORIZED', 401, 'Unauthorized', 'unauthorized'],
  ['ACCESS_DENIED', 403, 'Forbidden', 'access_denied'],
  ['EXPIRED_TOKEN', 403, 'Forbidden', 'expired_token'],
  ['INVALID_SIGNATURE', 403, 'Forbidden', 'invalid_signature'],
  ['INVALID_API_KEY', 403, 'Forbidden', 'invalid_api_key'],
  ['WAF_FILTERED', 403, 'Forbidden', 'waf_filtered'],
  // API Gateway answers a path or method it does not know with this type (and a misleading 403).
  ['MISSING_AUTHENTICATION_TOKEN', 404, 'Not Found', 'route_not_found'],
  ['RESOURCE_NOT_FOUND', 404, 'Not Found', 'route_not_found'],
  ['REQUEST_TOO_LARGE', 413, 'Content Too Large', 'content_too_large'],
  ['UNSUPPORTED_MEDIA_TYPE', 415, 'Unsupported Media Type', 'unsupported_media_type'],
  ['QUOTA_EXCEEDED', 429, 'Too Many Requests', 'quota_exceeded'],
  ['THROTTLED', 429, 'Too Many Requests', 'throttled'],
  ['API_CONFIGURATION_ERROR', 500, 'Internal Server Error', 'api_configuration_error'],
  ['AUTHORIZER_CONFIGURATION_ERROR', 500, 'Internal Server Error', 'authorizer_configuration_error'],
  ['AUTHORIZER_FAILURE', 500, 'Internal Server Error', 'authorizer_failure'],
  ['INTEGRATION_FAILURE', 502, 'Bad Gateway', 'bad_gateway'],
  ['INTEGRATION_TIMEOUT', 504, 'Gateway Timeout', 'gateway_timeout'],
  // Every known type is listed above; the defaults catch types API Gateway may add later.
  ['DEFAULT_4XX', 400, 'Bad Request', 'bad_request'],
  ['DEFAULT_5XX', 500, 'Internal Server Error', 'internal_error'],
];

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The `x-amazon-apigateway-gateway-responses` extension. */
export function problemGatewayResponses(allowedOrigins: AllowedOrigins): JsonObject {
  const corsParameters = Object.fromEntries(Object.entries(gatewayErrorHeaders(allowedOrigins)).map(([name, value]) => [`gatewayresponse.header.${name}`, `'${value}'`]));
  return Object.fromEntries(
    GATEWAY_ERRORS.map(([responseType, status, title, code]) => {
      const body = `{"type":"${problemType(code)}","title":"${title}","status":${status},"detail":$context.error.messageString,"code":"${code}"}`;
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
