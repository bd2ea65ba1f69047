import type { ProblemCode } from './problem-codes.ts';

/**
 * Typed domain errors. The HTTP layer maps them to problem+json by class (never by message),
 * so every error a use case can raise is one of these.
 */
export interface FieldIssue {
  /** RFC 6901 JSON pointer into the request body (or `/query/<name>`, `/header/<name>`, `/path/<name>`). */
  readonly pointer: string;
  readonly message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: ProblemCode;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input breaks a rule of shape or of business; each issue names the field and the reason. */
export class ValidationError extends DomainError {
  readonly code = 'validation_failed';
  constructor(
    readonly issues: readonly FieldIssue[],
    message = issues.length === 1 ? issues[0]!.message : 'The request has invalid fields',
  ) {
    super(message);
  }

  static field(pointer: string, message: string): ValidationError {
    return new ValidationError([{ pointer, message }]);
  }
}

/** The resource does not exist, or the caller may not know that it does (per-object authorization). */
export class NotFoundError extends DomainError {
  readonly code = 'not_found';
  constructor(
    readonly resource: string,
    readonly id: string,
  ) {
    super(`${resource} ${id} was not found`);
  }
}

/** The caller is known but its role does not allow the operation. */
export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
}

/** The request conflicts with the current state (duplicate, forbidden transition, reference in use). */
export class ConflictError extends DomainError {
  constructor(
    readonly code: ProblemCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A create names a resource that already exists by the identity the client chose for it (a unit's code, a rate's
 * natural key, a customer's code): a 409, or a 412 when the client sent `If-None-Match: *`.
 */
export class AlreadyExistsError extends ConflictError {}

/**
 * Optimistic concurrency: the stored version is not one the caller expected (If-Match). `expected` is the one
 * version, or the versions, the caller named (none when its tags can match no version, e.g. a weak tag).
 */
export class VersionMismatchError extends DomainError {
  readonly code = 'version_mismatch';
  constructor(
    readonly expected: number | readonly number[],
    readonly actual: number,
  ) {
    super(`The resource is at version ${actual}, ${notExpected(expected)}: read it again and reapply your change`);
  }
}

function notExpected(expected: number | readonly number[]): string {
  if (typeof expected === 'number') return `not ${expected}`;
  if (expected.length === 0) return 'which the request\'s If-Match does not name';
  return expected.length === 1 ? `not ${expected[0]}` : `not one of ${expected.join(', ')}`;
}

/**
 * A write lost a race: an item it was conditioned on moved on after this request read it. Nothing was written;
 * running the request again (on what is stored now) is safe, and `retryWriteConflicts` does so.
 */
export class WriteConflictError extends DomainError {
  readonly code = 'concurrent_update';
  constructor(message = 'Other changes to the same records kept being written meanwhile; retry the request') {
    super(message);
  }
}
