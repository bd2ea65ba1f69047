import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../../domain/shared/content-hash.ts';
import { hashLines, hashVersion, placeRevision } from '../../../domain/shared/document-versions.ts';
import { diffLines, type DiffableLine } from '../../../domain/shared/line-diff.ts';
import { formatDocumentNumber, numberingYear } from '../../../domain/shared/sequences.ts';

/** The shared kernel's document machinery (DESIGN §5, §9): hashes, where a revision goes, diffs, numbers. */

describe('contentHash', () => {
  it('is the SHA-256 of the canonical JSON: key order does not matter, any value does', () => {
    expect(contentHash({ a: 1, b: ['x', { c: '2.50' }] })).toBe(contentHash({ b: ['x', { c: '2.50' }], a: 1 }));
    expect(contentHash({ a: '2.50' })).not.toBe(contentHash({ a: '2.5' }));
    // The canonical form (RFC 8785): keys sorted, no spaces, hashed as UTF-8.
    expect(contentHash({ b: [1, 2], é: 'ü', a: 1 })).toBe(`sha256:${createHash('sha256').update('{"a":1,"b":[1,2],"é":"ü"}', 'utf8').digest('hex')}`);
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => contentHash(undefined)).toThrow(TypeError);
  });

  it('hashes a version from its header and its lines hash, so the header alone can change without reading the lines', () => {
    const lines = [{ id: 'l1', quantity: '1' }];
    const linesHash = hashLines(lines);
    expect(hashVersion({ notes: 'a' }, linesHash)).toBe(contentHash({ header: { notes: 'a' }, lines: linesHash }));
    expect(hashVersion({ notes: 'a' }, linesHash)).not.toBe(hashVersion({ notes: 'b' }, linesHash));
    expect(hashVersion({ notes: 'a' }, linesHash)).not.toBe(hashVersion({ notes: 'a' }, hashLines([{ id: 'l1', quantity: '2' }])));
  });
});

describe('placeRevision', () => {
  const current = { number: 3, contentHash: 'sha256:aa', lineCount: 2, linesHash: 'sha256:bb' };
  it('starts at 1, keeps the number of a draft edited in place, takes the next one otherwise', () => {
    expect(placeRevision(undefined, 'sha256:x', true)).toEqual({ number: 1, unchanged: false });
    expect(placeRevision(current, 'sha256:x', true)).toEqual({ number: 3, unchanged: false });
    expect(placeRevision(current, 'sha256:x', false)).toEqual({ number: 4, unchanged: false });
  });
  it('writes nothing for the same content', () => {
    expect(placeRevision(current, 'sha256:aa', false)).toEqual({ number: 3, unchanged: true });
  });
});

const line = (id: string, figures: Partial<DiffableLine> = {}): DiffableLine => ({ id, label: id, fingerprint: `f-${id}`, quantity: '1', unitPrice: '10.00', amount: '10.00', ...figures });

describe('diffLines', () => {
  it('tells added, removed and changed lines apart by their id, with exact decimal deltas', () => {
    const diff = diffLines([line('a'), line('b'), line('c')], [line('a'), line('c', { quantity: '3', amount: '29.99', unitPrice: '9.996' }), line('d')]);
    expect(diff.added.map((l) => [l.id, l.position])).toEqual([['d', 2]]);
    expect(diff.removed.map((l) => [l.id, l.position])).toEqual([['b', 1]]);
    expect(diff.changed).toEqual([
      { id: 'c', label: 'c', from: { quantity: '1', unitPrice: '10.00', amount: '10.00', position: 2 }, to: { quantity: '3', unitPrice: '9.996', amount: '29.99', position: 1 }, delta: { quantity: '2', unitPrice: '-0.004', amount: '19.99' }, movedOnly: false },
    ]);
    expect(diff.unchanged).toBe(1);
  });

  it('does not count a line as moved because a line was added above it; a real move is reported alone', () => {
    expect(diffLines([line('a'), line('b')], [line('n'), line('a'), line('b')]).changed).toEqual([]);
    const swapped = diffLines([line('a'), line('b')], [line('b'), line('a')]);
    expect(swapped.changed.map((l) => [l.id, l.movedOnly])).toEqual([['b', true], ['a', true]]);
  });

  it('reports a changed input with the same figures (a new description, a manual discount elsewhere)', () => {
    const diff = diffLines([line('a')], [line('a', { fingerprint: 'other' })]);
    expect(diff.changed[0]).toMatchObject({ id: 'a', delta: { quantity: '0', unitPrice: '0.00', amount: '0.00' }, movedOnly: false });
  });

  it('is empty between a version and itself, whatever the lines (property)', () => {
    const lines = fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), amount: fc.integer({ min: -10_000, max: 10_000 }).map((cents) => (cents / 100).toFixed(2)) }), { selector: (l) => l.id, maxLength: 20 });
    fc.assert(
      fc.property(lines, (items) => {
        const diffable = items.map((item) => line(item.id, { amount: item.amount }));
        const diff = diffLines(diffable, diffable);
        return diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0 && diff.unchanged === items.length;
      }),
    );
  });
});

describe('document numbers', () => {
  it('count years in Paris: 31 December 23:30 UTC is already next year there', () => {
    expect(numberingYear(new Date('2026-12-31T22:30:00Z'))).toBe(2026);
    expect(numberingYear(new Date('2026-12-31T23:30:00Z'))).toBe(2027);
  });

  it('are the prefix, the year and the zero-padded counter, and refuse a counter the width cannot hold', () => {
    expect(formatDocumentNumber({ prefix: 'Q', width: 6 }, 2027, 123)).toBe('Q-2027-000123');
    expect(() => formatDocumentNumber({ prefix: 'Q', width: 6 }, 2027, 1_000_000)).toThrow(/exhausted/);
    expect(() => formatDocumentNumber({ prefix: 'Q', width: 6 }, 2027, 0)).toThrow(RangeError);
  });
});
