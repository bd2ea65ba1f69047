import { referenceFieldsSchema } from '../../../domain/catalog/schemas.ts';
import { updateReference } from '../../../domain/catalog/use-cases/customer-references.ts';
import { catalogDeps } from '../../composition.ts';
import { readsBody, type Operation } from '../http-handler.ts';
import { expectedVersion, pathId } from '../request.ts';
import { json } from '../responses.ts';
import { referenceResource } from './representation.ts';

export const updateCustomerReference: Operation = readsBody(referenceFieldsSchema, async (event) => {
  const customerId = pathId(event, 'customerId', 'customer');
  const referenceId = pathId(event, 'referenceId', 'reference');
  const reference = await updateReference(catalogDeps(), event.actor, customerId, referenceId, expectedVersion(event), event.json);
  return json(200, referenceResource(reference), { version: reference.version });
});
