/** Attributes the table adds around a domain object; stripped when an item is read back. */
const STORAGE_ATTRIBUTES = new Set([
  'pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'gsi4pk', 'gsi4sk', 'gsi5pk', 'gsi5sk',
  'entity', 'nameKey', 'codeKey', 'expiresAt',
]);

export type Item = Record<string, unknown>;

export function fromItem<T>(item: Item): T {
  return Object.fromEntries(Object.entries(item).filter(([key]) => !STORAGE_ATTRIBUTES.has(key))) as T;
}

export function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
