import type { Actor } from '../../shared/actor.ts';
import { AlreadyExistsError, ConflictError, NotFoundError } from '../../shared/errors.ts';
import { changedFields } from '../../shared/merge-patch.ts';
import { parseWith, SERVER_OWNED_MESSAGE } from '../../shared/validation.ts';
import { mergePatched, nextVersion, writablePartOf, type ExpectedVersion } from '../../shared/versioning.ts';
import { assertCanChangeCatalog, catalogEvent, type CatalogDeps } from '../access.ts';
import { unitCreateSchema, unitFieldsSchema } from '../schemas.ts';
import { isStandardUnit, MAX_CUSTOM_UNITS, STANDARD_UNITS, type CustomUnit, type Dimension, type Unit } from '../units.ts';

const SERVER_OWNED = { version: SERVER_OWNED_MESSAGE, createdAt: SERVER_OWNED_MESSAGE, updatedAt: SERVER_OWNED_MESSAGE, standard: SERVER_OWNED_MESSAGE };

/** Quantities already stored in a unit depend on its dimension and factor: they never change. */
const FIXED_ON_UPDATE = {
  ...SERVER_OWNED,
  code: 'cannot change: products and documents name the unit by its code',
  dimension: 'cannot change once the unit is created: stored quantities depend on it; create another unit',
  factor: 'cannot change once the unit is created: stored quantities depend on it; create another unit',
};
const PATCHABLE = writablePartOf(unitFieldsSchema, { fixed: FIXED_ON_UPDATE });

/**
 * Creates a custom unit of measure (PRD-1): a lower-case code that is neither a standard unit's nor another
 * custom unit's (409 `unit_code_taken`), its dimension and its factor (base units of the dimension in one unit).
 * Admins and managers only. Event: `unit.created`.
 */
export async function createUnit(deps: CatalogDeps, actor: Actor, input: unknown): Promise<CustomUnit> {
  assertCanChangeCatalog(actor);
  const fields = parseWith(unitCreateSchema, input, '', SERVER_OWNED);
  if (isStandardUnit(fields.code)) throw new AlreadyExistsError('unit_code_taken', `${fields.code} is a standard unit`);
  const custom = await deps.store.listCustomUnits();
  if (custom.some((unit) => unit.code === fields.code)) throw new AlreadyExistsError('unit_code_taken', `Unit code ${fields.code} is already used`);
  if (custom.length >= MAX_CUSTOM_UNITS) throw new ConflictError('too_many_units', `At most ${MAX_CUSTOM_UNITS} custom units`);
  const now = deps.clock.now().toISOString();
  const unit: CustomUnit = { ...fields, version: 1, createdAt: now, updatedAt: now };
  const event = catalogEvent('unit.created', { code: unit.code, version: 1, dimension: unit.dimension, factor: unit.factor }, { actor, clock: deps.clock, subject: unit.code });
  await deps.store.commit([{ entity: 'unit', previous: null, next: unit }], [event]);
  return unit;
}

/**
 * Merge-patches a custom unit at the expected version: only `name` and `decimals` change. The standard units
 * are read-only (409 `standard_unit`). Event: `unit.updated`.
 */
export async function updateUnit(deps: CatalogDeps, actor: Actor, code: string, expectedVersion: ExpectedVersion, patch: unknown): Promise<CustomUnit> {
  assertCanChangeCatalog(actor);
  if (isStandardUnit(code)) throw new ConflictError('standard_unit', `${code} is a standard unit: standard units cannot change`);
  const current = await existingUnit(deps, code);
  const fields = mergePatched(current, expectedVersion, patch, PATCHABLE);
  const changed = changedFields(PATCHABLE.fields, current, fields);
  if (changed.length === 0) return current;
  const next = nextVersion(current, deps.clock, fields);
  const event = catalogEvent('unit.updated', { code, version: next.version, changedFields: changed }, { actor, clock: deps.clock, subject: code });
  await deps.store.commit([{ entity: 'unit', previous: current, next }], [event]);
  return next;
}

/** A standard or custom unit. */
export async function getUnit(deps: CatalogDeps, _actor: Actor, code: string): Promise<Unit | CustomUnit> {
  return STANDARD_UNITS.find((unit) => unit.code === code) ?? (await existingUnit(deps, code));
}

/** The standard units (in their own order: by dimension, base unit first) then the custom ones by code: all of them, a bounded list. */
export async function listUnits(deps: CatalogDeps, _actor: Actor, query: { readonly dimension?: Dimension | undefined }): Promise<readonly (Unit | CustomUnit)[]> {
  const custom = [...(await deps.store.listCustomUnits())].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return [...STANDARD_UNITS, ...custom].filter((unit) => query.dimension === undefined || unit.dimension === query.dimension);
}

export function isCustomUnit(unit: Unit | CustomUnit): unit is CustomUnit {
  return 'version' in unit;
}

async function existingUnit(deps: CatalogDeps, code: string): Promise<CustomUnit> {
  const unit = await deps.store.getUnit(code);
  if (!unit) throw new NotFoundError('Unit', code);
  return unit;
}
