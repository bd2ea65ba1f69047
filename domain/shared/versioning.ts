import type { z } from 'zod';
import type { Clock } from './clock.ts';
import { ValidationError, VersionMismatchError } from './errors.ts';
import { applyMergePatch, isPlainObject, serverPart, writablePart } from './merge-patch.ts';
import { parseWith } from './validation.ts';

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

/** A record changed by versions (DESIGN §4): each change is the next version, stamped with its time. */
export interface Versioned {
  readonly version: number;
  readonly updatedAt: string;
}

/**
 * The next version of a record: `changes` applied, version + 1, `updatedAt` now. The writable `fields` named are
 * dropped first, so that those a patch removed do not survive in the new version.
 */
export function nextVersion<T extends { readonly version: number }>(record: T, clock: Clock, changes: Partial<T> | object = {}, fields: readonly string[] = []): T {
  return { ...serverPart(record, fields), ...changes, version: record.version + 1, updatedAt: clock.now().toISOString() };
}

/** What a client writes of a record: the fields of its schema, and the server-owned names a body may not hold. */
export interface WritablePart<S extends z.ZodObject> {
  readonly schema: S;
  readonly fields: readonly string[];
  /** Server-owned field → the message refusing it in a body. */
  readonly fixed: Readonly<Record<string, string>>;
  /** Fields a patch replaces as a whole instead of merging into (one of several shapes: merging would mix them). */
  readonly replacedWhole: readonly string[];
}

export function writablePartOf<S extends z.ZodObject>(
  schema: S,
  options: { readonly fixed?: Readonly<Record<string, string>>; readonly replacedWhole?: readonly string[] } = {},
): WritablePart<S> {
  return { schema, fields: Object.keys(schema.shape), fixed: options.fixed ?? {}, replacedWhole: options.replacedWhole ?? [] };
}

/**
 * The first steps of every PATCH of a versioned record: the body must be a JSON object (400), the stored version one
 * the caller expected (412); the merge patch (RFC 7396) applied to the writable part is then parsed as on creation.
 * Output: the fields of the next version; `changedFields` tells whether they change anything.
 */
export function mergePatched<S extends z.ZodObject>(current: { readonly version: number }, expected: ExpectedVersion, patch: unknown, part: WritablePart<S>): z.output<S> {
  if (!isPlainObject(patch)) throw ValidationError.field('', 'must be a JSON object (a merge patch)');
  assertExpectedVersion(expected, current.version);
  const entries = Object.entries(patch);
  const merged = applyMergePatch(writablePart(current, part.fields), Object.fromEntries(entries.filter(([field]) => !part.replacedWhole.includes(field)))) as Record<string, unknown>;
  for (const [field, value] of entries.filter(([field]) => part.replacedWhole.includes(field))) {
    if (value === null) delete merged[field];
    else merged[field] = value;
  }
  return parseWith(part.schema, merged, '', part.fixed);
}
