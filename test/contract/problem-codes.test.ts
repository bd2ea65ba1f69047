import type { ResponseObject } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '../../domain/shared/problem-codes.ts';
import { problemGatewayResponses } from '../../infra/constructs/gateway-responses.ts';
import { listOperations, loadSpec, resolveRef, schemaValidator, type JsonSchema } from '../support/openapi.ts';

/**
 * Clients branch on a problem's `code`, so the contract lists every code the API sends: `Problem.code` is an
 * enum, and it is exactly PROBLEM_CODES, the list the error and problem constructors are typed by (tsc refuses
 * a code that is not in it). Every operation documents its other errors with a `default` problem response.
 */

const spec = loadSpec();
const problemSchema = spec.components?.schemas?.Problem as JsonSchema;

describe('Problem.code', () => {
  const documented = ((problemSchema.properties as Record<string, JsonSchema>).code!.enum ?? []) as string[];

  it('lists every code of PROBLEM_CODES', () => {
    expect(PROBLEM_CODES.filter((code) => !documented.includes(code))).toEqual([]);
  });

  it('lists no code that PROBLEM_CODES lacks', () => {
    expect(documented.filter((code) => !(PROBLEM_CODES as readonly string[]).includes(code))).toEqual([]);
  });

  it('lists each code once', () => {
    expect(new Set(PROBLEM_CODES).size).toBe(PROBLEM_CODES.length);
    expect(new Set(documented).size).toBe(documented.length);
  });
});

describe('the default response', () => {
  it('is the problem+json Problem', () => {
    const response = resolveRef<ResponseObject>({ $ref: '#/components/responses/Problem' }, spec);
    expect(Object.keys(response.content ?? {})).toEqual(['application/problem+json']);
    expect(response.content?.['application/problem+json']?.schema).toEqual({ $ref: '#/components/schemas/Problem' });
  });

  it.each(listOperations(spec).map(({ operationId, operation }) => [operationId, operation.responses?.default] as const))('%s documents it', (_, response) => {
    expect(response).toEqual({ $ref: '#/components/responses/Problem' });
  });
});

describe("API Gateway's own error responses", () => {
  const validator = schemaValidator(spec);
  const responses = Object.entries(problemGatewayResponses(['*'])) as [string, { responseTemplates: Record<string, string> }][];

  it.each(responses)('%s is a valid Problem', (_, response) => {
    for (const template of Object.values(response.responseTemplates)) {
      // $context.error.messageString is a quoted JSON string once API Gateway fills it in.
      const body: unknown = JSON.parse(template.replace('$context.error.messageString', '"Unauthorized"'));
      expect(validator.validate({ $ref: '#/components/schemas/Problem' }, body)).toEqual([]);
    }
  });
});
