import { CUSTOM_UNIT_CODE, unitFieldsSchema } from '../../../domain/catalog/schemas.ts';
import { updateUnit as update } from '../../../domain/catalog/use-cases/units.ts';
import type { HttpEvent } from '../../middleware/http-event.ts';
import { catalogDeps } from '../../composition.ts';
import { readsBody, type Operation } from '../http-handler.ts';
import { expectedVersion, pathPart } from '../request.ts';
import { json } from '../responses.ts';
import { unitResource } from './representation.ts';

/** The `unitCode` path parameter: standard and custom codes alike are lower-case letters, digits and underscores. */
export const unitCode = (event: HttpEvent): string => pathPart(event, 'unitCode', 'unit', (value) => CUSTOM_UNIT_CODE.test(value));

export const updateUnit: Operation = readsBody(unitFieldsSchema, async (event) => {
  const unit = await update(catalogDeps(), event.actor, unitCode(event), expectedVersion(event), event.json);
  return json(200, unitResource(unit), { version: unit.version });
});
