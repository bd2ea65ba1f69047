import { getFamily as get } from '../../../domain/catalog/use-cases/families.ts';
import { catalogDeps } from '../../composition.ts';
import type { Operation } from '../http-handler.ts';
import { pathId } from '../request.ts';
import { json } from '../responses.ts';
import { familyResource } from './representation.ts';

export const getFamily: Operation = async (event) => {
  const family = await get(catalogDeps(), event.actor, pathId(event, 'familyId', 'family'));
  return json(200, familyResource(family), { version: family.version });
};
