import { referenceCreateSchema } from '../../../domain/catalog/schemas.ts';
import { createReference } from '../../../domain/catalog/use-cases/customer-references.ts';
import { catalogDeps } from '../../composition.ts';
import { readsBody, type Operation } from '../http-handler.ts';
import { pathId } from '../request.ts';
import { json } from '../responses.ts';
import { referenceLocation, referenceResource } from './representation.ts';

export const createCustomerReference: Operation = readsBody(referenceCreateSchema, async (event) => {
  const reference = await createReference(catalogDeps(), event.actor, pathId(event, 'customerId', 'customer'), event.json);
  return json(201, referenceResource(reference), { version: reference.version, location: referenceLocation(reference) });
});
