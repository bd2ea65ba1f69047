import type { FieldIssue } from '../../domain/shared/errors.ts';
import type { ProblemCode } from '../../domain/shared/problem-codes.ts';

/** An error that only HTTP knows about (missing token, wrong media type, missing If-Match…). */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly detail: string,
    readonly issues: readonly FieldIssue[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}
