/**
 * JSON documents that `JSON.stringify` cannot write: number tokens out of a double's range (`1e400`), objects
 * whose keys are JavaScript built-ins (`__proto__` as an own key), duplicate keys. Mutations build values
 * out of these markers; `toJsonText` writes them as the bytes a client could send.
 */

/** A number token written as is (`1e400`, `-0`, a 40-digit integer). */
export class RawNumber {
  constructor(readonly text: string) {}
}

/** An object as a list of entries, so that any key, `__proto__` included, is an own key and order is kept. */
export class Entries {
  constructor(readonly entries: readonly (readonly [string, unknown])[]) {}
}

export function toJsonText(value: unknown): string {
  if (value instanceof RawNumber) return value.text;
  if (value instanceof Entries) return `{${value.entries.map(([key, item]) => `${JSON.stringify(key)}:${toJsonText(item)}`).join(',')}}`;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (typeof value === 'object' && value !== null) return toJsonText(new Entries(Object.entries(value)));
  // Strings (lone surrogates are escaped as \udXXX), numbers, booleans, null.
  return JSON.stringify(value) ?? 'null';
}

/** Every object of a document as entries, so that mutations can add or replace keys of any name. */
export function asEntries(value: unknown): unknown {
  if (value instanceof Entries || value instanceof RawNumber) return value;
  if (Array.isArray(value)) return value.map(asEntries);
  if (typeof value === 'object' && value !== null) return new Entries(Object.entries(value).map(([key, item]) => [key, asEntries(item)] as const));
  return value;
}

/** The JSON pointer segments of every value in a document (objects as entries), the root first. */
export function locations(value: unknown, at: readonly (string | number)[] = []): (readonly (string | number)[])[] {
  const here = [at];
  if (value instanceof Entries) return [...here, ...value.entries.flatMap(([key, item]) => locations(item, [...at, key]))];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, index) => locations(item, [...at, index]))];
  return here;
}

export function valueAt(value: unknown, at: readonly (string | number)[]): unknown {
  return at.reduce<unknown>((node, segment) => {
    if (node instanceof Entries) return node.entries.find(([key]) => key === segment)?.[1];
    return Array.isArray(node) ? node[segment as number] : undefined;
  }, value);
}

/** A copy of `value` with the node at `at` replaced by `update(node)`; `undefined` removes an object's entry. */
export function updateAt(value: unknown, at: readonly (string | number)[], update: (node: unknown) => unknown): unknown {
  if (at.length === 0) return update(value);
  const [head, ...rest] = at;
  if (value instanceof Entries) {
    return new Entries(
      value.entries.flatMap(([key, item]) => {
        if (key !== head) return [[key, item] as const];
        const replaced = updateAt(item, rest, update);
        return replaced === undefined ? [] : [[key, replaced] as const];
      }),
    );
  }
  if (Array.isArray(value)) return value.map((item, index) => (index === head ? updateAt(item, rest, update) : item));
  return value;
}
