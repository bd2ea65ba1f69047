import { describe, expect, it } from 'vitest';
import { NotFoundError, VersionMismatchError, WriteConflictError } from '../../../domain/shared/errors.ts';
import { assertExpectedVersion, type ExpectedVersion } from '../../../domain/shared/versioning.ts';
import { retryWriteConflicts } from '../../../domain/shared/write-retry.ts';

describe('assertExpectedVersion', () => {
  it.each<[ExpectedVersion, number]>([
    ['*', 1],
    ['*', 42],
    [3, 3],
    [[3], 3],
    [[1, 3, 7], 3],
  ])('lets %j through at version %i', (expected, actual) => {
    expect(() => assertExpectedVersion(expected, actual)).not.toThrow();
  });

  it.each<[ExpectedVersion, number, string]>([
    [2, 3, 'The resource is at version 3, not 2: read it again and reapply your change'],
    [[2], 3, 'The resource is at version 3, not 2: read it again and reapply your change'],
    [[1, 2], 3, 'The resource is at version 3, not one of 1, 2: read it again and reapply your change'],
    [[], 3, "The resource is at version 3, which the request's If-Match does not name: read it again and reapply your change"],
  ])('refuses %j at version %i, saying so', (expected, actual, message) => {
    let thrown: unknown;
    try {
      assertExpectedVersion(expected, actual);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(VersionMismatchError);
    expect(thrown).toMatchObject({ code: 'version_mismatch', expected, actual, message });
  });
});

describe('retryWriteConflicts', () => {
  const noWait = () => {
    const pauses: number[] = [];
    return { pauses, pause: async (ms: number) => void pauses.push(ms) };
  };

  it('runs again after lost races, with growing jittered pauses, until the write goes through', async () => {
    const { pauses, pause } = noWait();
    let runs = 0;
    const result = await retryWriteConflicts(
      async () => {
        if (++runs < 4) throw new WriteConflictError();
        return 'written';
      },
      { pause, random: () => 0.999 },
    );
    expect([result, runs]).toEqual(['written', 4]);
    // Full jitter under a cap that doubles: 10, 20, 40 ms at most.
    expect(pauses).toEqual([9, 19, 39]);
  });

  it('spreads the pauses at random below the cap, which stops growing', async () => {
    const { pauses, pause } = noWait();
    await expect(retryWriteConflicts(async () => Promise.reject(new WriteConflictError()), { pause, random: () => 0.5, attempts: 8 })).rejects.toBeInstanceOf(WriteConflictError);
    expect(pauses).toEqual([5, 10, 20, 40, 80, 80, 80]);
  });

  it('gives up after the last attempt with the conflict (a 409)', async () => {
    const { pause } = noWait();
    let runs = 0;
    const failing = retryWriteConflicts(async () => {
      runs++;
      throw new WriteConflictError();
    }, { pause, attempts: 3 });
    await expect(failing).rejects.toMatchObject({ code: 'concurrent_update' });
    expect(runs).toBe(3);
  });

  it("never retries anything else: a client's stale If-Match stays a 412 at once", async () => {
    const { pauses, pause } = noWait();
    for (const error of [new VersionMismatchError(1, 2), new NotFoundError('Customer', 'cus_1'), new Error('boom')]) {
      let runs = 0;
      await expect(retryWriteConflicts(async () => {
        runs++;
        throw error;
      }, { pause })).rejects.toBe(error);
      expect(runs).toBe(1);
    }
    expect(pauses).toEqual([]);
  });

  it('waits for real by default, briefly', async () => {
    let runs = 0;
    const started = Date.now();
    await retryWriteConflicts(async () => {
      if (++runs < 2) throw new WriteConflictError();
    }, { random: () => 0.999 });
    expect(runs).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(8);
  });
});
