import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUZZ_RUNS, FUZZ_SEED, shardOperations, startFuzzSystem } from './harness.ts';

/**
 * One shard of the spec-driven fuzz test: the operations at positions `index`, `index + count`, … of the
 * contract, so that shards run in parallel and every operation, today's and tomorrow's, is in exactly one.
 */
export function fuzzShard(index: number, count: number): void {
  const operations = shardOperations(index, count);
  let fuzz: Awaited<ReturnType<typeof startFuzzSystem>>;

  beforeAll(async () => {
    fuzz = await startFuzzSystem();
    await fuzz.seed();
  }, 120_000);
  afterAll(async () => fuzz?.stop());

  describe(`spec-driven fuzzing, shard ${index + 1} of ${count} (FUZZ_SEED=${FUZZ_SEED}, FUZZ_RUNS=${FUZZ_RUNS})`, () => {
    it('has operations to fuzz', () => expect(operations.length).toBeGreaterThan(0));
    it.each(operations.map((entry) => [entry.operationId, entry] as const))('%s', async (_, entry) => {
      const statuses = await fuzz.fuzzOperation(entry);
      const total = [...statuses.values()].reduce((sum, count) => sum + count, 0);
      expect(total).toBeGreaterThanOrEqual(FUZZ_RUNS);
    }, 600_000);
  });
}
