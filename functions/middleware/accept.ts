import type { MiddlewareObj } from '@middy/core';
import Negotiator from 'negotiator';
import type { HttpEvent, HttpResult } from './http-event.ts';
import { HttpProblem } from './http-problem.ts';

/** What operations answer: JSON on success (a PDF for the few that say so), RFC 9457 problems on error. */
export const RESPONSE_MEDIA_TYPES = ['application/json', 'application/problem+json'] as const;
const PROBLEM = 'application/problem+json';
/** JSON is UTF-8 (RFC 8259): offered so, a range such as `application/json;charset=utf-8` matches and `;charset=latin1` does not. */
const offered = (type: string) => (type.endsWith('json') ? `${type};charset=utf-8` : type);

/**
 * Refuses with 406 a request whose `Accept` excludes every media type the API answers with (RFC 9110 §12.5.1):
 * `text/html`, `application/xml`, `application/json;q=0`… A missing `Accept`, `*\/*` and `application/*` accept
 * anything. The `negotiator` package (the parser behind Express and Koa) reads the ranges, parameters, q-values
 * and specificity rules (`application/json;q=0, *\/*` still excludes JSON): a well-worn parser of a grammar that is
 * easy to get subtly wrong by hand. The 406 itself is problem+json, which RFC 9110 allows a server to send anyway.
 */
export function acceptable(successTypeOf: (event: HttpEvent) => string = () => 'application/json'): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    before(request) {
      const accept = acceptHeader(request.event);
      if (accept === undefined) return;
      const types = [successTypeOf(request.event), PROBLEM];
      if (new Negotiator({ headers: { accept } }).mediaTypes(types.map(offered)).length > 0) return;
      throw new HttpProblem(406, 'not_acceptable', `This operation answers with ${types.join(' or ')} only`, [
        { pointer: '/header/Accept', message: `must accept ${types.join(' or ')}` },
      ]);
    },
  };
}

/** A list header may come in several lines, which mean their comma-joined values (RFC 9110 §5.3). */
function acceptHeader(event: HttpEvent): string | undefined {
  const lines = Object.entries(event.multiValueHeaders ?? {}).flatMap(([name, values]) => (name.toLowerCase() === 'accept' ? (values ?? []) : []));
  return lines.length > 0 ? lines.join(', ') : event.normalizedHeaders.accept;
}
