import { unitCreateSchema } from '../../../domain/catalog/schemas.ts';
import { createUnit as create } from '../../../domain/catalog/use-cases/units.ts';
import { catalogDeps } from '../../composition.ts';
import { readsBody, type Operation } from '../http-handler.ts';
import { createUnlessExists } from '../request.ts';
import { json } from '../responses.ts';
import { unitLocation, unitResource } from './representation.ts';

export const createUnit: Operation = readsBody(unitCreateSchema, async (event) => {
  const unit = await createUnlessExists(event, () => create(catalogDeps(), event.actor, event.json));
  return json(201, unitResource(unit), { version: unit.version, location: unitLocation(unit) });
});
