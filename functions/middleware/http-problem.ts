import type { FieldIssue } from '../../domain/shared/errors.ts';

/** An error that only HTTP knows about (missing token, wrong media type, missing If-Match…). */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly issues: readonly FieldIssue[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}
