import { describe, expect, it } from 'vitest';
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
});
