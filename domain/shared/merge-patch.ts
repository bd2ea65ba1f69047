/** RFC 7396 JSON Merge Patch: objects merge recursively, null removes, anything else replaces. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const result: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    // Own properties only: a `__proto__` or `constructor` key is the client's data, never Object.prototype's.
    else Object.defineProperty(result, key, { value: applyMergePatch(Object.hasOwn(result, key) ? result[key] : undefined, value), enumerable: true, writable: true, configurable: true });
  }
  return result;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The client-writable part of a stored record (the keys of its schema): what a merge patch applies to. */
export function writablePart(record: object, fields: readonly string[]): Record<string, unknown> {
  const source = record as Record<string, unknown>;
  return Object.fromEntries(fields.flatMap((field) => (source[field] === undefined ? [] : [[field, source[field]]])));
}

/** The server-owned part of a record, so that fields a patch removed do not survive the merge. */
export function serverPart<T extends object>(record: T, fields: readonly string[]): T {
  const copy = { ...record } as Record<string, unknown>;
  for (const field of fields) delete copy[field];
  return copy as T;
}

/**
 * The fields whose values differ between a record and what a patch made of it. None: the patch changes nothing, and
 * the use case answers with the record as stored (same version and ETag, no event, no new `updatedAt`).
 */
export function changedFields(fields: readonly string[], before: object, after: object): string[] {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  return fields.filter((field) => canonical(a[field]) !== canonical(b[field]));
}

/** JSON with object keys sorted: equal values compare equal whatever order their keys were written in. */
function canonical(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) =>
      isPlainObject(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v,
    ) ?? 'undefined'
  );
}
