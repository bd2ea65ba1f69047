import { familyFieldsSchema } from '../../../domain/catalog/schemas.ts';
import { createFamily as create } from '../../../domain/catalog/use-cases/families.ts';
import { catalogDeps } from '../../composition.ts';
import { readsBody, type Operation } from '../http-handler.ts';
import { json } from '../responses.ts';
import { familyLocation, familyResource } from './representation.ts';

export const createFamily: Operation = readsBody(familyFieldsSchema, async (event) => {
  const family = await create(catalogDeps(), event.actor, event.json);
  return json(201, familyResource(family), { version: family.version, location: familyLocation(family) });
});
