import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import { defineEntity } from '../../../functions/adapters/dynamodb/entity.ts';

const thing = defineEntity({
  name: 'thing',
  schema: z.strictObject({ id: z.string(), name: z.string(), ownerId: z.string().optional(), version: z.int() }),
  key: { pk: (record: { id: string }) => `THING#${record.id}`, sk: () => '#THING' },
  indexes: {
    gsi1: { pk: () => 'THINGS', sk: (record: { name: string; id: string }) => `${record.name}#${record.id}` },
    gsi2: { pk: (record: { ownerId?: string }) => record.ownerId && `OWNER#${record.ownerId}#THINGS`, sk: (record: { name: string }) => record.name },
  },
  attributes: { nameKey: (record) => record.name.toLowerCase() },
});

type CopyKey = { region: string; id: string };

/** A copy of a thing filed under each of its owner's regions: the region and the owner's tier do not follow from the thing. */
const copy = defineEntity({
  name: 'thing-copy',
  schema: z.strictObject({ id: z.string(), name: z.string(), version: z.int() }),
  key: { pk: (record: CopyKey) => `REGION#${record.region}`, sk: (record: CopyKey) => record.id },
  indexes: { gsi1: { pk: (record: { tier: string }) => `TIER#${record.tier}`, sk: (record: { id: string }) => record.id } },
  beside: ['region', 'tier'],
});

describe('an entity declared once', () => {
  it('writes the record with its table key, the keys of the indexes it is in, its name and its filter attributes', () => {
    expect(thing.item({ id: 't1', name: 'Bolt', ownerId: 'u1', version: 2 })).toEqual({
      pk: 'THING#t1', sk: '#THING', entity: 'thing', gsi1pk: 'THINGS', gsi1sk: 'Bolt#t1', gsi2pk: 'OWNER#u1#THINGS', gsi2sk: 'Bolt', nameKey: 'bolt',
      id: 't1', name: 'Bolt', ownerId: 'u1', version: 2,
    });
  });

  it('leaves the item out of an index whose partition needs an absent field', () => {
    const item = thing.item({ id: 't2', name: 'Nut', version: 1 });
    expect(item).not.toHaveProperty('gsi2pk');
    expect(item).not.toHaveProperty('gsi2sk');
  });

  it('gives queries the same keys from the fields they filter on', () => {
    expect(thing.key({ id: 't1' })).toEqual({ pk: 'THING#t1', sk: '#THING' });
    expect(thing.indexes.gsi2.pk({ ownerId: 'u1' })).toBe(thing.item({ id: 't1', name: 'Bolt', ownerId: 'u1', version: 2 }).gsi2pk);
  });

  it('reads back exactly the record written', () => {
    const record = { id: 't1', name: 'Bolt', ownerId: 'u1', version: 2 };
    expect(thing.parse(thing.item(record))).toEqual(record);
  });

  it('refuses a stored item that is not the record (a bug, never a silent cast), naming the item', () => {
    const item = thing.item({ id: 't1', name: 'Bolt', version: 2 });
    expect(() => thing.parse({ ...item, version: '2' })).toThrow(/A stored thing \(THING#t1 #THING\) does not parse/);
    expect(() => thing.parse({ ...item, stray: true })).toThrow(/does not parse/);
  });

  it('stores the attributes a write gives beside the record, makes keys of them, and drops them on read', () => {
    const record = { id: 't1', name: 'Bolt', version: 2 };
    const item = copy.item(record, { region: 'EU', tier: 'gold' });
    expect(item).toEqual({ pk: 'REGION#EU', sk: 't1', entity: 'thing-copy', gsi1pk: 'TIER#gold', gsi1sk: 't1', region: 'EU', tier: 'gold', id: 't1', name: 'Bolt', version: 2 });
    expect(copy.key({ region: 'EU', id: 't1' })).toEqual({ pk: item.pk, sk: item.sk });
    expect(copy.parse(item)).toEqual(record);
  });

  it('makes every write give the attributes declared beside the record, and only those (checked by the type checker)', () => {
    type Record = Parameters<typeof copy.item>[0];
    expectTypeOf<Parameters<typeof copy.item>>().toEqualTypeOf<[Record, Readonly<{ region: string; tier: string }>]>();
    expectTypeOf<Parameters<typeof thing.item>>().toEqualTypeOf<[Parameters<typeof thing.item>[0]]>();
  });
});
