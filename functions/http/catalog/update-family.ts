import { familyFieldsSchema } from '../../../domain/catalog/schemas.ts';
import { updateFamily as update } from '../../../domain/catalog/use-cases/families.ts';
import { catalogDeps } from '../../composition.ts';
import { readsBody, type Operation } from '../http-handler.ts';
import { expectedVersion, pathId } from '../request.ts';
import { json } from '../responses.ts';
import { familyResource } from './representation.ts';

export const updateFamily: Operation = readsBody(familyFieldsSchema, async (event) => {
  const family = await update(catalogDeps(), event.actor, pathId(event, 'familyId', 'family'), expectedVersion(event), event.json);
  return json(200, familyResource(family), { version: family.version });
});
