import { describe, expect, it } from 'vitest';
import { AlreadyExistsError, ConflictError } from '../../../domain/shared/errors.ts';
import type { HttpEvent } from '../../../functions/middleware/http-event.ts';
import { HttpProblem } from '../../../functions/middleware/http-problem.ts';
import { createUnlessExists, expectedVersion, pathId, pathPart } from '../../../functions/http/request.ts';

const withHeaders = (normalizedHeaders: Record<string, string>) => ({ normalizedHeaders }) as HttpEvent;
const withPath = (pathParameters: Record<string, string> | null) => ({ pathParameters, normalizedHeaders: {} }) as unknown as HttpEvent;

async function problemOf(run: () => unknown): Promise<HttpProblem> {
  try {
    await run();
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  throw new Error('expected an HTTP problem');
}

describe('If-Match', () => {
  it.each([
    ['"3"', [3]],
    ['  "3"  ', [3]],
    ['"0"', [0]],
    ['"1", "2" ,"3"', [1, 2, 3]],
    ['"1",,"2"', [1, 2]],
    ['"999999999999999"', [999999999999999]],
  ])('reads %j as the versions %j', (value, versions) => {
    expect(expectedVersion(withHeaders({ 'if-match': value }))).toEqual(versions);
  });

  it('reads * as any version', () => {
    expect(expectedVersion(withHeaders({ 'if-match': ' * ' }))).toBe('*');
  });

  it.each([
    ['W/"3"', []],
    ['"abc"', []],
    ['"99999999999999999999"', []],
    ['"03"', []],
    ['xyz', []],
    ['3', []],
    ['"3', []],
    ['"a,b", "4"', [4]],
    ['W/"3", "4"', [4]],
    ['*, "3"', [3]],
  ])('keeps only the strong ETags of ours in %j: %j (a tag that cannot match is no error)', (value, versions) => {
    expect(expectedVersion(withHeaders({ 'if-match': value }))).toEqual(versions);
  });

  it('is required (428), a blank value too', async () => {
    const blanks: Record<string, string>[] = [{}, { 'if-match': '' }, { 'if-match': '   ' }];
    for (const headers of blanks) {
      const problem = await problemOf(() => expectedVersion(withHeaders(headers)));
      expect([problem.status, problem.code, problem.issues]).toEqual([428, 'if_match_required', [{ pointer: '/header/If-Match', message: 'is required' }]]);
    }
  });
});

describe('If-None-Match on a create', () => {
  const taken = () => Promise.reject(new AlreadyExistsError('unit_code_taken', 'Unit code roll is already used'));

  it('creates as usual without it, and keeps the 409 when the resource exists', async () => {
    expect(await createUnlessExists(withHeaders({}), async () => 'created')).toBe('created');
    await expect(createUnlessExists(withHeaders({}), taken)).rejects.toBeInstanceOf(AlreadyExistsError);
  });

  it('turns "it exists already" into a 412 with *, keeping the conflict code', async () => {
    expect(await createUnlessExists(withHeaders({ 'if-none-match': '*' }), async () => 'created')).toBe('created');
    const problem = await problemOf(() => createUnlessExists(withHeaders({ 'if-none-match': '*' }), taken));
    expect([problem.status, problem.code, problem.detail]).toEqual([412, 'unit_code_taken', 'Unit code roll is already used (If-None-Match: *)']);
  });

  it('leaves any other conflict a 409 (too many units is not "it exists")', async () => {
    const other = new ConflictError('too_many_units', 'At most 200 custom units');
    await expect(createUnlessExists(withHeaders({ 'if-none-match': '*' }), () => Promise.reject(other))).rejects.toBe(other);
  });

  it('refuses any other value with a 400 naming the header, before creating anything', async () => {
    for (const value of ['"1"', 'W/"1"', '*, "1"', '']) {
      let ran = false;
      const failure = createUnlessExists(withHeaders({ 'if-none-match': value }), async () => {
        ran = true;
      });
      await expect(failure).rejects.toMatchObject({ code: 'validation_failed', issues: [{ pointer: '/header/If-None-Match' }] });
      expect(ran).toBe(false);
    }
  });
});

describe('path parameters', () => {
  it('passes an id of the right kind through', () => {
    expect(pathId(withPath({ customerId: 'cus_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A' }), 'customerId', 'customer')).toBe('cus_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A');
  });

  it.each(['abc', 'cus_\u0000', `cus_${'A'.repeat(5000)}`, 'prd_01JCTM5Z1Y5N8Q6V3W2X1Y0Z9A', 'cus_01jctm5z1y5n8q6v3w2x1y0z9a', ''])('answers 404 not_found for %j', async (value) => {
    const problem = await problemOf(() => pathId(withPath({ customerId: value }), 'customerId', 'customer'));
    expect([problem.status, problem.code, problem.detail]).toEqual([404, 'not_found', 'No customer is found at this path: its customerId names none']);
  });

  it('answers 404 when the parameter is missing, and for any key the check refuses', async () => {
    expect((await problemOf(() => pathId(withPath(null), 'priceListId', 'priceList'))).detail).toBe('No price list is found at this path: its priceListId names none');
    expect((await problemOf(() => pathPart(withPath({ from: 'usd' }), 'from', 'exchange rate', (value) => /^[A-Z]{3}$/.test(value)))).status).toBe(404);
  });
});
