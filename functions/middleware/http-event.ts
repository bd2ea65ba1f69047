import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { Actor } from '../../domain/shared/actor.ts';

/** The API Gateway event as the middlewares enrich it before the operation runs. */
export interface HttpEvent extends APIGatewayProxyEvent {
  /** API Gateway REST APIs imported from OpenAPI name the operation by its operationId. */
  requestContext: APIGatewayProxyEvent['requestContext'] & { operationName?: string };
  /** Lower-cased header names (API Gateway keeps the client's case). */
  normalizedHeaders: Record<string, string>;
  actor: Actor;
  /** The parsed JSON body; undefined when the request had none. */
  json: unknown;
  correlationId: string;
}

export type HttpResult = APIGatewayProxyResult;

export function header(event: Pick<HttpEvent, 'normalizedHeaders'>, name: string): string | undefined {
  return event.normalizedHeaders[name.toLowerCase()];
}
