import { VersionMismatchError } from './errors.ts';

/**
 * What a change expects the stored version to be (RFC 9110 §13.1.1, If-Match): any version of a resource that
 * exists (`*`), one of a set of versions (a list of entity tags; an empty set matches nothing), or the one version
 * that a caller which read the resource holds.
 */
export type ExpectedVersion = '*' | number | readonly number[];

/**
 * Refuses the change unless the stored version is one the caller expected. Callers load the resource first (a
 * missing one is a 404), so `*` always matches here; their write is then conditioned on `actual`, the version read,
 * so that a concurrent writer still makes it fail (and `retryWriteConflicts` run it again on what is stored then).
 */
export function assertExpectedVersion(expected: ExpectedVersion, actual: number): void {
  if (expected === '*') return;
  const matches = typeof expected === 'number' ? expected === actual : expected.includes(actual);
  if (!matches) throw new VersionMismatchError(expected, actual);
}
