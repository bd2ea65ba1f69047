/**
 * HEAD is GET without the body (RFC 9110 §9.3.2). API Gateway REST does not answer HEAD for a GET by itself, so the
 * imported definition gives every GET a HEAD twin (`infra/constructs/api-gateway-definition.ts`) that invokes the same
 * Lambda under its own operationId (operationIds are unique in a document); the local server names HEAD requests the
 * same way. The handler runs the GET's operation, and the HTTP layer (API Gateway, or Node locally) sends its status
 * and headers without the body.
 */
const HEAD_TWIN_SUFFIX = 'Head';

/** The operationId of the HEAD twin of the GET `getOperationId`. */
export function headTwinOf(getOperationId: string): string {
  return `${getOperationId}${HEAD_TWIN_SUFFIX}`;
}

/** The operation a request runs: for HEAD, the GET whose twin API Gateway names. */
export function operationToRun(httpMethod: string, operationName: string): string {
  return httpMethod === 'HEAD' && operationName.endsWith(HEAD_TWIN_SUFFIX) ? operationName.slice(0, -HEAD_TWIN_SUFFIX.length) : operationName;
}
