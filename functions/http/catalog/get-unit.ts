import { getUnit as get, isCustomUnit } from '../../../domain/catalog/use-cases/units.ts';
import { catalogDeps } from '../../composition.ts';
import type { Operation } from '../http-handler.ts';
import { json } from '../responses.ts';
import { unitResource } from './representation.ts';
import { unitCode } from './update-unit.ts';

/** A custom unit has an ETag (its version); a standard one, read-only, has none. */
export const getUnit: Operation = async (event) => {
  const unit = await get(catalogDeps(), event.actor, unitCode(event));
  return json(200, unitResource(unit), isCustomUnit(unit) ? { version: unit.version } : {});
};
