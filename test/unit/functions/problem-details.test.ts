import { describe, expect, it } from 'vitest';
import { AlreadyExistsError, ConflictError, ForbiddenError, NotFoundError, ValidationError, VersionMismatchError, WriteConflictError } from '../../../domain/shared/errors.ts';
import { toProblem } from '../../../functions/middleware/problem-details.ts';

describe('problem details', () => {
  it.each([
    [ValidationError.field('/name', 'is required'), 400, 'validation_failed'],
    [new ForbiddenError('no'), 403, 'forbidden'],
    [new NotFoundError('Customer', 'cus_1'), 404, 'not_found'],
    [new ConflictError('customer_code_taken', 'taken'), 409, 'customer_code_taken'],
    [new VersionMismatchError(1, 2), 412, 'version_mismatch'],
    [new VersionMismatchError([], 2), 412, 'version_mismatch'],
    [new AlreadyExistsError('unit_code_taken', 'taken'), 409, 'unit_code_taken'],
    [new WriteConflictError(), 409, 'concurrent_update'],
  ])('maps %s by class', (error, status, code) => {
    const { problem } = toProblem(error);
    expect(problem).toMatchObject({ status, code, type: `https://comptoir.dev/problems/${code.replace(/_/g, '-')}` });
  });

  it('carries field issues as errors[] with pointers', () => {
    expect(toProblem(ValidationError.field('/addresses/0/city', 'is required')).problem.errors).toEqual([{ pointer: '/addresses/0/city', message: 'is required' }]);
  });

  it('reveals nothing of an unexpected error', () => {
    const { problem, expected } = toProblem(new TypeError("Cannot read properties of undefined (reading 'x') at /var/task/index.mjs:1"));
    expect(expected).toBe(false);
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toMatch(/Cannot read|var\/task/);
  });
});
