import fc from 'fast-check';
import { asEntries, Entries, locations, RawNumber, toJsonText, updateAt, valueAt } from './json-text.ts';

/**
 * The hostile inputs the fuzz harness throws at every operation: strings, numbers, keys and bodies that a
 * careless client, a broken integration or an attacker sends. Each arbitrary carries a label saying what it
 * did, so that a failing case reads as a sentence.
 */

const ODD_STRINGS = [
  '',
  ' ',
  '\t\n',
  '\u0000',
  'a\u0000b',
  'bell\u0007',
  '\u001b[31mred',
  'line\r\nInjected: header',
  '\u202Eevil\u202C',
  'x\u2066isolate\u2069',
  '\u200B',
  '\uFEFFbom',
  '\uD800',
  'a\uDC00b',
  '😀',
  '👩‍👩‍👧‍👦'.repeat(60),
  'e\u0301\u0302\u0303'.repeat(40),
  'Ω≈ç√∫˜µ≤',
  'ﷺ',
  "' OR 1=1 --",
  'CUSTOMER#cus_x',
  '#',
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  'constructor',
  '__proto__',
  'x'.repeat(1025),
  'A'.repeat(10_000),
  '€'.repeat(700),
  '字'.repeat(400),
];

export const oddString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ODD_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
);

const NUMERIC_STRINGS = [
  '1e400',
  '-0',
  '-0.00',
  '1e-400',
  '1234567890123456789012345678901234567890',
  '0.1234567890123456789012345678901234567890',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x1F',
  '1_000',
  ' 1',
  '1.',
  '.5',
  '+1',
  '1,5',
  '١٢٣',
  '9'.repeat(400),
  '1.50',
  '-1',
];

export const oddNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NUMERIC_STRINGS),
  fc.constantFrom(
    new RawNumber('1e400'),
    new RawNumber('-1e400'),
    new RawNumber('-0'),
    new RawNumber('1e-400'),
    new RawNumber('12345678901234567890123456789012345678901'),
    new RawNumber('0.30000000000000004'),
    -1,
    1.5,
    2 ** 53 + 2,
    Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER,
  ),
);

/** Keys that are properties of every JavaScript object: code that treats a map as a plain object trips on them. */
export const BUILTIN_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'isPrototypeOf', '__defineGetter__'];

const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 'x', [], {}, [1, 'a'], { a: 1 }),
  oddString,
  oddNumber,
);

export interface MutatedBody {
  readonly label: string;
  readonly text: string;
  /** Whatever the operation, the server must answer 4xx: no schema of the contract accepts this. */
  readonly refuse: boolean;
}

type Location = readonly (string | number)[];

const describeAt = (at: Location) => (at.length === 0 ? 'the body' : `/${at.join('/')}`);

/** Mutations of a valid document: one change at one place, so that a failure points at its cause. */
export function mutatedBody(valid: unknown): fc.Arbitrary<MutatedBody> {
  const document = asEntries(valid);
  const all = locations(document);
  const objects = all.filter((at) => valueAt(document, at) instanceof Entries);
  const entries = all.filter((at) => at.length > 0 && typeof at[at.length - 1] === 'string');
  const place = <T>(from: Location[], map: (at: Location) => fc.Arbitrary<T>) => fc.constantFrom(...from).chain(map);
  const at = <T>(from: Location[], label: string, replacement: fc.Arbitrary<T>, update: (node: unknown, value: T) => unknown, refuse: (where: Location) => boolean = () => false) =>
    place(from, (where) =>
      replacement.map((value) => ({ label: `${label} at ${describeAt(where)}`, text: toJsonText(updateAt(document, where, (node) => update(node, value))), refuse: refuse(where) })),
    );

  const candidates: fc.Arbitrary<MutatedBody>[] = [
    at(all, 'wrong type', anyJson, (_node, value) => value),
    at(all, 'odd string', oddString, (_node, value) => value),
    at(all, 'odd number', oddNumber, (_node, value) => value),
    at(all, 'deep nesting', fc.constantFrom(2_000, 100_000), (_node, depth) => new RawNumber('['.repeat(depth) + ']'.repeat(depth)), () => true),
  ];
  if (entries.length > 0) candidates.push(at(entries, 'missing field', fc.constant(undefined), () => undefined));
  if (objects.length > 0) {
    // Not null: a merge patch's `"x": null` removes nothing and may be a harmless no-op.
    const withEntry = (key: fc.Arbitrary<string>, label: string, refuse: (where: Location) => boolean) =>
      at(objects, label, fc.tuple(key, anyJson.filter((value) => value !== null)), (node, [name, value]) => new Entries([...(node as Entries).entries, [name, value]]), refuse);
    candidates.push(
      // Every object of the contract is strict or a free-form map refusing built-in names.
      withEntry(fc.constantFrom(...BUILTIN_KEYS), 'built-in key', () => true),
      // A request body is a strict object; deeper, the key may be a free-form map's data.
      withEntry(fc.constantFrom('unexpectedField', 'id', 'version', 'createdAt'), 'unknown or server-owned property', (where) => where.length === 0),
      withEntry(oddString, 'odd key', () => false),
      at(objects, 'duplicate keys', fc.constant(0), (node) => {
        const first = (node as Entries).entries[0];
        return first ? new Entries([...(node as Entries).entries, [first[0], 'duplicate']]) : node;
      }),
      at(objects, 'wide object', fc.constantFrom(5_000, 20_000), (_node, count) => new Entries(Array.from({ length: count }, (_, i) => [`k${i}`, i] as const))),
    );
  }
  return fc.oneof(...candidates);
}

export interface RawBody {
  readonly label: string;
  readonly bytes: Uint8Array;
  readonly contentType: string | undefined;
  readonly refuse: boolean;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));

/** Bodies that are not the JSON the operation expects: bad bytes, other media types and charsets. */
export function rawBody(valid: unknown): fc.Arbitrary<RawBody> {
  const text = JSON.stringify(valid ?? {});
  const inside = (bytes: number[]) => concat(utf8('{"name":"'), Uint8Array.from(bytes), utf8('"}'));
  return fc.constantFrom<RawBody>(
    { label: 'invalid UTF-8 (lone continuation byte)', bytes: inside([0x80]), contentType: 'application/json', refuse: true },
    { label: 'invalid UTF-8 (truncated sequence)', bytes: inside([0xc3, 0x28]), contentType: 'application/json', refuse: true },
    { label: 'invalid UTF-8 (overlong NUL)', bytes: inside([0xc0, 0x80]), contentType: 'application/json', refuse: true },
    { label: 'invalid UTF-8 (0xFF)', bytes: inside([0xff, 0xfe]), contentType: 'application/json', refuse: true },
    { label: 'invalid UTF-8 (encoded surrogate)', bytes: inside([0xed, 0xa0, 0x80]), contentType: 'application/json', refuse: true },
    { label: 'the valid body in latin1 charset', bytes: utf8(text), contentType: 'application/json; charset=iso-8859-1', refuse: true },
    { label: 'the valid body with charset=utf-8', bytes: utf8(text), contentType: 'application/json; charset=UTF-8', refuse: false },
    { label: 'the valid body as text/plain', bytes: utf8(text), contentType: 'text/plain', refuse: true },
    { label: 'the valid body with no content type', bytes: utf8(text), contentType: undefined, refuse: true },
    { label: 'the valid body with a BOM', bytes: concat(Uint8Array.from([0xef, 0xbb, 0xbf]), utf8(text)), contentType: 'application/json', refuse: false },
    { label: 'truncated JSON', bytes: utf8(text.slice(0, Math.max(1, text.length - 2))), contentType: 'application/json', refuse: true },
    { label: 'JSON null', bytes: utf8('null'), contentType: 'application/json', refuse: false },
    { label: 'JSON array', bytes: utf8('[]'), contentType: 'application/json', refuse: true },
    { label: 'JSON number', bytes: utf8('1e400'), contentType: 'application/json', refuse: true },
    { label: 'JSON string', bytes: utf8('"x"'), contentType: 'application/json', refuse: true },
    { label: 'whitespace only', bytes: utf8('  \n '), contentType: 'application/json', refuse: true },
    { label: 'a body of 300 KiB', bytes: utf8(`{"name":"${'x'.repeat(300 * 1024)}"}`), contentType: 'application/json', refuse: true },
  );
}
