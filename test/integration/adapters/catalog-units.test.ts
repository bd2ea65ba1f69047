import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { CatalogDeps } from '../../../domain/catalog/access.ts';
import { loadUnits } from '../../../domain/catalog/access.ts';
import { createUnit, updateUnit } from '../../../domain/catalog/use-cases/units.ts';
import { ConflictError, WriteConflictError } from '../../../domain/shared/errors.ts';
import { newId } from '../../../domain/shared/ids.ts';
import { createCatalogStore, unitEntity } from '../../../functions/adapters/dynamodb/catalog-store.ts';
import { fixedClock, manager } from '../../support/customers-fixture.ts';
import { testTable } from '../../support/table.ts';

const table = await testTable();
const store = createCatalogStore(table);
const deps: CatalogDeps = { store, customers: { visibleCustomer: async () => null }, clock: fixedClock() };
/** The table is shared by the test files: codes unique to this run. */
const run = newId('event').slice(-8).toLowerCase();

describe('DynamoDB catalog store: custom units', () => {
  it('stores a unit under its code, lists every custom unit by code, and keeps codes unique', async () => {
    const roll = await createUnit(deps, manager, { code: `roll_${run}`, name: 'roll of 50 m', dimension: 'length', factor: '50', decimals: 2 });
    const bag = await createUnit(deps, manager, { code: `bag_${run}`, name: 'bag of 25 kg', dimension: 'mass', factor: '25', decimals: 0 });
    const item = (await table.client.send(new GetCommand({ TableName: table.name, Key: unitEntity.key({ code: roll.code }) }))).Item;
    expect(item).toMatchObject({ pk: `UNIT#${roll.code}`, sk: '#UNIT', gsi1pk: 'UNITS', gsi1sk: roll.code, entity: 'unit' });

    expect(await store.getUnit(roll.code)).toEqual(roll);
    expect(await store.getUnit(`none_${run}`)).toBeNull();
    const listed = (await store.listCustomUnits()).filter((unit) => unit.code.endsWith(run));
    expect(listed).toEqual([bag, roll]);

    // A second create of the same code, as a race past the use case's check would: the claim fails.
    await expect(store.commit([{ entity: 'unit', previous: null, next: roll }], [])).rejects.toMatchObject({ code: 'unit_code_taken' });
    await expect(store.commit([{ entity: 'unit', previous: null, next: roll }], [])).rejects.toBeInstanceOf(ConflictError);

    const renamed = await updateUnit(deps, manager, roll.code, 1, { name: 'roll of 50 metres' });
    expect(await store.getUnit(roll.code)).toEqual(renamed);
    await expect(store.commit([{ entity: 'unit', previous: roll, next: { ...roll, version: 2 } }], [])).rejects.toBeInstanceOf(WriteConflictError);

    const lookup = await loadUnits(store);
    expect(lookup(roll.code)).toMatchObject({ dimension: 'length', factor: '50' });
    expect(lookup('kg')).toMatchObject({ factor: '1' });
  });
});
