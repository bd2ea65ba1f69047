import { describe, expect, it } from 'vitest';
import { AlreadyExistsError, ConflictError, ForbiddenError, NotFoundError, ValidationError, VersionMismatchError, WriteConflictError } from '../../../domain/shared/errors.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DomainError } from '../../../domain/shared/errors.ts';
import { PricingConfigurationError } from '../../../domain/pricing/errors.ts';
import { FormulaError } from '../../../domain/pricing/formula.ts';
import { UnitConversionError } from '../../../domain/catalog/units.ts';
import { STATUS_BY_ERROR, toProblem } from '../../../functions/middleware/problem-details.ts';

const DOMAIN = join(import.meta.dirname, '../../../domain');
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));

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

  it('maps each error class the domain declares to its own status, with no default', async () => {
    const declared: (abstract new (...args: never[]) => DomainError)[] = [];
    for (const file of sources(DOMAIN)) {
      const names = [...readFileSync(file, 'utf8').matchAll(/export (?:abstract )?class (\w+) extends \w*Error\b/g)].map((match) => match[1]!);
      if (names.length === 0) continue;
      const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      for (const name of names) declared.push(module[name] as abstract new (...args: never[]) => DomainError);
    }
    expect(declared.length).toBeGreaterThan(8);
    const unmapped = declared.filter((errorClass) => errorClass !== DomainError && !STATUS_BY_ERROR.some(([mapped]) => errorClass === mapped || errorClass.prototype instanceof mapped));
    expect(unmapped.map((errorClass) => errorClass.name)).toEqual([]);
  });

  it.each([
    [new UnitConversionError('unknown_unit', 'Unknown unit x'), 400],
    [new FormulaError(['bad']), 400],
    [new PricingConfigurationError('no VAT rate'), 400],
  ])('answers %s with its status', (error, status) => {
    expect(toProblem(error).problem.status).toBe(status);
  });

  it('answers a domain error of a class it does not know as an unexpected error (500, logged), not a silent 400', () => {
    class UnmappedError extends DomainError {
      readonly code = 'validation_failed';
    }
    expect(toProblem(new UnmappedError('x'))).toMatchObject({ problem: { status: 500, code: 'internal_error' }, expected: false });
  });
});
