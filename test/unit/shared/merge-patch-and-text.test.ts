import { describe, expect, it } from 'vitest';
import { applyMergePatch, changedFields, serverPart, writablePart } from '../../../domain/shared/merge-patch.ts';
import { nameOrderKey, searchKey } from '../../../domain/shared/text.ts';

describe('JSON merge patch (RFC 7396 appendix A cases)', () => {
  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('%j patched with %j gives %j', (target, patch, expected) => {
    expect(applyMergePatch(target, patch)).toEqual(expected);
  });
});

describe('JSON merge patch with keys that are JavaScript built-ins', () => {
  it('treats `__proto__` and `constructor` as the client\'s own keys, never as Object.prototype\'s', () => {
    const patch = JSON.parse('{"__proto__":{"polluted":true},"constructor":{"name":"x"},"toString":"y"}');
    const patched = applyMergePatch({ a: 1 }, patch) as Record<string, unknown>;

    expect(Object.keys(patched)).toEqual(['a', '__proto__', 'constructor', 'toString']);
    expect(Object.getPrototypeOf(patched)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(patched, '__proto__')?.value).toEqual({ polluted: true });
    expect(patched.constructor).toEqual({ name: 'x' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('what a merge patch changes', () => {
  const stored = { id: 'x', version: 3, name: 'Dupont', terms: { netDays: 30, endOfMonth: true }, tags: ['a', 'b'], notes: undefined };
  const fields = ['name', 'terms', 'tags', 'notes'];

  it('finds nothing changed when the values are equal, whatever the order of object keys', () => {
    expect(changedFields(fields, stored, { name: 'Dupont', terms: { endOfMonth: true, netDays: 30 }, tags: ['a', 'b'] })).toEqual([]);
  });

  it('names each field that differs: a value, a nested value, an array order, a field added or removed', () => {
    expect(changedFields(fields, stored, { name: 'Dupont SA', terms: { netDays: 45, endOfMonth: true }, tags: ['b', 'a'], notes: 'x' })).toEqual(['name', 'terms', 'tags', 'notes']);
    expect(changedFields(fields, stored, { terms: stored.terms, tags: stored.tags })).toEqual(['name']);
    expect(changedFields(['terms'], stored, { terms: { netDays: 30, endOfMonth: true, method: 'sepa' } })).toEqual(['terms']);
  });

  it('compares only the fields it is given (server-owned ones are not a change)', () => {
    expect(changedFields(fields, stored, { ...stored, version: 4, id: 'y' })).toEqual([]);
  });

  it('splits a record into the part a patch applies to and the part the server owns', () => {
    expect(writablePart(stored, fields)).toEqual({ name: 'Dupont', terms: stored.terms, tags: stored.tags });
    expect(serverPart(stored, fields)).toEqual({ id: 'x', version: 3 });
  });
});

describe('searchKey', () => {
  it('folds case, accents and spaces', () => {
    expect(searchKey('  Éléonore   Ça  ')).toBe('eleonore ca');
    expect(searchKey('ÆSIR ﬁne')).toBe('aesir fine');
    expect(searchKey('Œuvre Straße Øresund Łódź')).toBe('oeuvre strasse oresund lodz');
    expect(searchKey('Tab\tand\u0001control\u0007')).toBe('tab and control');
  });
});

describe('nameOrderKey', () => {
  const ordered = (names: string[]) =>
    names
      .map((name, index) => ({ name, key: nameOrderKey(name, `cus_${index}`) }))
      .sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)))
      .map(({ name }) => name);

  it('sorts names as a person expects: case and accents folded, a name before its longer namesakes, then by id', () => {
    expect(ordered(['Dupont-Martin', 'dupont fils', 'Émile', 'Dupont', 'zoé', 'Œuvres', 'Eleonore', 'oeuf', 'Dupont', 'ZOE'])).toEqual([
      'Dupont',
      'Dupont',
      'dupont fils',
      'Dupont-Martin',
      'Eleonore',
      'Émile',
      'oeuf',
      'Œuvres',
      'zoé',
      'ZOE',
    ]);
    expect(nameOrderKey('Dupont', 'cus_1') < nameOrderKey('Dupont', 'cus_2')).toBe(true);
  });
});
