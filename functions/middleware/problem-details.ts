import { ConflictError, DomainError, ForbiddenError, NotFoundError, ValidationError, VersionMismatchError, WriteConflictError } from '../../domain/shared/errors.ts';
import { UnitConversionError } from '../../domain/catalog/units.ts';
import { PricingConfigurationError } from '../../domain/pricing/errors.ts';
import { FormulaError } from '../../domain/pricing/formula.ts';
import type { ProblemCode } from '../../domain/shared/problem-codes.ts';
import { HttpProblem } from './http-problem.ts';

/** RFC 9457 problem details, the body of every error response. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  errors?: { pointer: string; message: string }[];
}

const PROBLEM_TYPE_BASE = 'https://comptoir.dev/problems/';

/** The problem's `type`: its code as a URI (`version_mismatch` → https://comptoir.dev/problems/version-mismatch). */
export function problemType(code: ProblemCode): string {
  return PROBLEM_TYPE_BASE + code.replace(/_/g, '-');
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
};

/**
 * The HTTP status of each domain error class, decided by class (never by message), the most specific first. A
 * DomainError of a class not listed is a bug, answered as any unexpected error (500, logged): a test finds every
 * class the domain declares and requires it here.
 */
export const STATUS_BY_ERROR: readonly (readonly [abstract new (...args: never[]) => DomainError, number])[] = [
  [ValidationError, 400],
  [UnitConversionError, 400],
  [FormulaError, 400],
  [PricingConfigurationError, 400],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [VersionMismatchError, 412],
  [ConflictError, 409],
  [WriteConflictError, 409],
];

function statusOf(error: DomainError): number | undefined {
  return STATUS_BY_ERROR.find(([errorClass]) => error instanceof errorClass)?.[1];
}

export function problem(status: number, code: ProblemCode, detail: string, errors?: readonly { pointer: string; message: string }[]): ProblemDetails {
  return {
    type: problemType(code),
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors: [...errors] } : {}),
  };
}

/** Maps anything thrown to a problem; unknown errors become a 500 that reveals nothing. */
export function toProblem(error: unknown): { problem: ProblemDetails; headers: Record<string, string>; expected: boolean } {
  if (error instanceof HttpProblem) {
    return { problem: problem(error.status, error.code, error.detail, error.issues), headers: error.headers, expected: true };
  }
  const status = error instanceof DomainError ? statusOf(error) : undefined;
  if (error instanceof DomainError && status !== undefined) {
    const issues = error instanceof ValidationError ? error.issues : undefined;
    return { problem: problem(status, error.code, error.message, issues), headers: {}, expected: true };
  }
  return {
    problem: problem(500, 'internal_error', 'Something went wrong on our side; it has been logged. Retry later or contact support with the correlation id.'),
    headers: {},
    expected: false,
  };
}
