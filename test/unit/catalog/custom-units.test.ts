import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, NotFoundError, VersionMismatchError } from '../../../domain/shared/errors.ts';
import { createUnit, getUnit, listUnits, updateUnit } from '../../../domain/catalog/use-cases/units.ts';
import { STANDARD_UNITS } from '../../../domain/catalog/units.ts';
import { admin, alice, catalogFixture, issuesOf, manager, shop } from './catalog-fixture.ts';

const ROLL = { code: 'roll', name: 'roll of 50 m', dimension: 'length', factor: '50', decimals: 2 };

describe('custom units of measure', () => {
  it('creates a custom unit with a version and an event, and reads it back', async () => {
    const { deps, events } = catalogFixture();
    const roll = await createUnit(deps, manager, ROLL);
    expect(roll).toMatchObject({ ...ROLL, version: 1 });
    expect(events.map((e) => [e.type, e.subject, e.data])).toEqual([['unit.created', 'roll', { code: 'roll', version: 1, dimension: 'length', factor: '50' }]]);
    expect(await getUnit(deps, alice, 'roll')).toEqual(roll);
    expect(await getUnit(deps, shop, 'kg')).toMatchObject({ code: 'kg', factor: '1' });
    await expect(getUnit(deps, alice, 'bag')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('validates the code, name, dimension, factor and decimals', async () => {
    const { deps } = catalogFixture();
    const issues = await issuesOf(createUnit(deps, manager, { code: 'Roll', name: '', dimension: 'weight', factor: '0', decimals: 7 }));
    expect(issues.map((i) => i.pointer)).toEqual(['/code', '/name', '/dimension', '/factor', '/decimals']);
    expect((await issuesOf(createUnit(deps, manager, { ...ROLL, factor: -2 }))).map((i) => i.pointer)).toEqual(['/factor']);
    expect(await issuesOf(createUnit(deps, manager, { ...ROLL, version: 3 }))).toEqual([{ pointer: '/version', message: 'is set by the server and cannot be written' }]);
    await expect(createUnit(deps, manager, { ...ROLL, code: 'a'.repeat(20) })).resolves.toBeDefined();
    expect((await issuesOf(createUnit(deps, manager, { ...ROLL, code: 'a'.repeat(21) }))).map((i) => i.pointer)).toEqual(['/code']);
  });

  it('keeps codes unique among the standard and custom units', async () => {
    const { deps } = catalogFixture();
    await createUnit(deps, manager, ROLL);
    for (const code of ['roll', 'kg', 'pce']) {
      await expect(createUnit(deps, manager, { ...ROLL, code })).rejects.toMatchObject({ code: 'unit_code_taken' });
    }
    // The store refuses a race the check missed.
    const { deps: other, store } = catalogFixture();
    const now = '2026-01-01T00:00:00.000Z';
    await store.commit([{ entity: 'unit', previous: null, next: { ...ROLL, dimension: 'length', version: 1, createdAt: now, updatedAt: now } }], []);
    await expect(other.store.commit([{ entity: 'unit', previous: null, next: { ...ROLL, dimension: 'length', version: 1, createdAt: now, updatedAt: now } }], [])).rejects.toBeInstanceOf(ConflictError);
  });

  it('changes only the name and decimals; the dimension and factor are fixed', async () => {
    const { deps, events } = catalogFixture();
    await createUnit(deps, manager, ROLL);
    const renamed = await updateUnit(deps, admin, 'roll', 1, { name: 'roll of 50 metres', decimals: 1 });
    expect(renamed).toMatchObject({ name: 'roll of 50 metres', decimals: 1, factor: '50', version: 2 });
    expect(events.at(-1)).toMatchObject({ type: 'unit.updated', data: { code: 'roll', version: 2, changedFields: ['name', 'decimals'] } });
    expect(await updateUnit(deps, admin, 'roll', 2, { name: 'roll of 50 metres' })).toBe(renamed);
    const fixed = await issuesOf(updateUnit(deps, admin, 'roll', 2, { factor: '25', dimension: 'area' }));
    expect(fixed.map((i) => i.pointer).sort()).toEqual(['/dimension', '/factor']);
    expect(fixed[0]!.message).toMatch(/cannot change once the unit is created: stored quantities depend on it/);
    expect((await issuesOf(updateUnit(deps, admin, 'roll', 2, { name: null }))).map((i) => i.pointer)).toEqual(['/name']);
    await expect(updateUnit(deps, admin, 'roll', 1, { name: 'x' })).rejects.toBeInstanceOf(VersionMismatchError);
    await expect(updateUnit(deps, admin, 'bag', 1, { name: 'x' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('keeps the standard units read-only', async () => {
    const { deps } = catalogFixture();
    await expect(updateUnit(deps, manager, 'kg', 1, { name: 'kilo' })).rejects.toMatchObject({ code: 'standard_unit' });
  });

  it('lets only admins and managers create and change units', async () => {
    const { deps } = catalogFixture();
    await expect(createUnit(deps, alice, ROLL)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createUnit(deps, shop, ROLL)).rejects.toBeInstanceOf(ForbiddenError);
    await createUnit(deps, admin, ROLL);
    await expect(updateUnit(deps, alice, 'roll', 1, { name: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('lists the standard units first, then the custom ones by code, by dimension', async () => {
    const { deps } = catalogFixture();
    await createUnit(deps, manager, ROLL);
    await createUnit(deps, manager, { ...ROLL, code: 'coil', name: 'coil of 100 m', factor: '100' });
    await createUnit(deps, manager, { code: 'bag', name: 'bag of 25 kg', dimension: 'mass', factor: '25', decimals: 0 });
    const all = await listUnits(deps, shop, {});
    expect(all.map((u) => u.code)).toEqual([...STANDARD_UNITS.map((u) => u.code), 'bag', 'coil', 'roll']);
    expect((await listUnits(deps, shop, { dimension: 'length' })).map((u) => u.code)).toEqual(['m', 'cm', 'mm', 'km', 'coil', 'roll']);
  });
});
