import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReferenceObject, RequestBodyObject } from 'openapi-typescript';
import { Entries, RawNumber, toJsonText } from '../fuzz/json-text.ts';
import { LiveResources } from '../fuzz/live-resources.ts';
import { mutatedBody } from '../fuzz/mutations.ts';
import { schemaArbitrary } from '../fuzz/schema-arbitrary.ts';
import { listOperations, loadSpec, resolveRef, schemaValidator, type JsonSchema } from '../support/openapi.ts';

/**
 * The fuzz harness is only as good as its generators: the "valid" bodies it starts from must be valid by the
 * contract (or every case would stop at the first check), and the mutations it says must be refused must
 * indeed break the contract.
 */

const spec = loadSpec();
const validator = schemaValidator(spec);
const bodies = listOperations(spec).flatMap((entry) => {
  if (!entry.operation.requestBody) return [];
  const body = resolveRef<RequestBodyObject>(entry.operation.requestBody as RequestBodyObject | ReferenceObject, spec);
  const media = (body.content['application/json'] ?? body.content['application/merge-patch+json']) as { schema?: JsonSchema } | undefined;
  return media?.schema ? [[entry.operationId, media.schema] as const] : [];
});

describe('the fuzz harness', () => {
  it('cover every operation that takes a body', () => {
    expect(bodies.length).toBeGreaterThan(20);
  });

  it.each(bodies)('%s: the generated bodies are valid by the contract', (_, schema) => {
    fc.assert(
      fc.property(schemaArbitrary(schema, spec), (value) => {
        expect(validator.validate(schema, value)).toEqual([]);
      }),
      { numRuns: 40, seed: 42 },
    );
  });

  it.each(bodies)('%s: a mutation marked as to be refused breaks the contract', (_, schema) => {
    fc.assert(
      fc.property(
        schemaArbitrary(schema, spec).chain((valid) => mutatedBody(valid)),
        (mutated) => {
          if (!mutated.refuse) return;
          let document: unknown;
          try {
            document = JSON.parse(mutated.text);
          } catch {
            return; // not even JSON
          }
          expect(validator.validate(schema, document), mutated.label).not.toEqual([]);
        },
      ),
      { numRuns: 40, seed: 42 },
    );
  });

  it('writes a key such as __proto__ as an own key of the document, and number tokens as they are', () => {
    const text = toJsonText(new Entries([['__proto__', { polluted: true }], ['n', new RawNumber('1e400')]]));
    expect(text).toBe('{"__proto__":{"polluted":true},"n":1e400}');
    expect(Object.getOwnPropertyDescriptor(JSON.parse(text), '__proto__')?.value).toEqual({ polluted: true });
  });

  it('knows the live resources from the Locations of creates, keeps composite keys together, forgets what was removed', () => {
    const live = new LiveResources(listOperations(spec));
    live.learn('/customers/cus_A');
    live.learn('/customers/cus_A/addresses/adr_1');
    live.learn('/vat-rates/FR/standard/2014-01-01');
    live.learn('/nowhere/x');
    expect(live.candidates(['customerId'])).toEqual([{ customerId: 'cus_A' }]);
    expect(live.candidates(['customerId', 'addressId'])).toEqual([{ customerId: 'cus_A', addressId: 'adr_1' }]);
    expect(live.candidates(['countryCode', 'category', 'validFrom'])).toEqual([{ countryCode: 'FR', category: 'standard', validFrom: '2014-01-01' }]);
    live.forget({ customerId: 'cus_A', addressId: 'adr_1' });
    expect(live.candidates(['addressId'])).toEqual([]);
    expect(live.candidates(['customerId'])).toEqual([{ customerId: 'cus_A' }]);
  });
});
