import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../domain/shared/errors.ts';
import { decimalString, freeFormMap, parseWith, percentage, RESERVED_KEYS } from '../../../domain/shared/validation.ts';
import { Dec } from '../../../domain/shared/money.ts';

const issuesOf = (schema: z.ZodType, input: unknown) => {
  try {
    parseWith(schema, input);
    return [];
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
};

describe('shared validation', () => {
  it('names an unknown key that is a JavaScript built-in like any other, with a readable message', () => {
    const schema = z.strictObject({ name: z.string() });
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      expect(issuesOf(schema, JSON.parse(`{"name":"a","${key}":1}`))).toEqual([{ pointer: `/${key}`, message: 'is not a known field' }]);
    }
  });

  it('never runs a decimal refinement on a value that is not a decimal (no decimal.js exception, one issue)', () => {
    const positive = decimalString.refine((value) => new Dec(value).greaterThan(0), 'must be greater than 0');
    for (const bad of ['abc', '', '1e400', ' 1', 'NaN', '0x10', '1,5']) {
      expect(issuesOf(positive, bad)).toEqual([{ pointer: '', message: 'must be a decimal number written as a string, such as "12.50"' }]);
    }
    expect(issuesOf(positive, '0')).toEqual([{ pointer: '', message: 'must be greater than 0' }]);
    expect(issuesOf(percentage, '100.5')).toEqual([{ pointer: '', message: 'must be between 0 and 100' }]);
    expect(issuesOf(percentage, 'x')).toHaveLength(1);
  });

  it('refuses the built-in names as keys of a free-form map, `__proto__` included, and keeps every other key', () => {
    const map = z.strictObject({ parameters: freeFormMap(z.string().regex(/^[a-z_][a-zA-Z0-9_]*$/), decimalString) });
    expect(RESERVED_KEYS).toEqual(expect.arrayContaining(['__proto__', 'constructor', 'toString', 'hasOwnProperty']));
    for (const key of RESERVED_KEYS) {
      expect(issuesOf(map, JSON.parse(`{"parameters":{"${key}":"1","diameter":"2"}}`))).toContainEqual({ pointer: `/parameters/${key}`, message: 'is a reserved name' });
    }
    expect(parseWith(map, { parameters: { diameter: '20', __x: '1' } })).toEqual({ parameters: { diameter: '20', __x: '1' } });
  });
});
