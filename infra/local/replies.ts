import type { ProblemCode } from '../../domain/shared/problem-codes.ts';
import { problem } from '../../functions/middleware/problem-details.ts';

/** An answer of the local server's own routes (health, contract, outbox, schedules), before it is written. */
export interface LocalReply {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: string | Buffer;
}

export function jsonReply(statusCode: number, value: unknown): LocalReply {
  return { statusCode, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(value) };
}

/** RFC 9457 problem details, made like the handlers' own. */
export function problemReply(status: number, code: ProblemCode, detail: string, headers: Record<string, string> = {}): LocalReply {
  return { statusCode: status, headers: { ...headers, 'content-type': 'application/problem+json' }, body: JSON.stringify(problem(status, code, detail)) };
}
