import { monotonicFactory } from 'ulid';

/**
 * Prefixed ULIDs (`cus_01J…`): sortable by creation time, and the prefix tells the kind at a glance.
 * Monotonic, so that ids made in the same millisecond (a customer's addresses) still sort in creation order.
 */
const ulid = monotonicFactory();
export const ID_PREFIXES = {
  customer: 'cus',
  address: 'adr',
  contact: 'con',
  event: 'evt',
  product: 'prd',
  family: 'fam',
  reference: 'ref',
  priceList: 'prl',
  priceRule: 'rul',
  transportRule: 'trr',
  quote: 'qte',
  quoteLine: 'qln',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

const ULID_PATTERN = '[0-9A-HJKMNP-TV-Z]{26}';

export function newId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_${ulid()}`;
}

export function idPattern(kind: IdKind): RegExp {
  return new RegExp(`^${ID_PREFIXES[kind]}_${ULID_PATTERN}$`);
}

export function isId(kind: IdKind, value: string): boolean {
  return idPattern(kind).test(value);
}
