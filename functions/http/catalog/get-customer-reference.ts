import { getReference } from '../../../domain/catalog/use-cases/customer-references.ts';
import { catalogDeps } from '../../composition.ts';
import type { Operation } from '../http-handler.ts';
import { pathId } from '../request.ts';
import { json } from '../responses.ts';
import { referenceResource } from './representation.ts';

export const getCustomerReference: Operation = async (event) => {
  const customerId = pathId(event, 'customerId', 'customer');
  const reference = await getReference(catalogDeps(), event.actor, customerId, pathId(event, 'referenceId', 'reference'));
  return json(200, referenceResource(reference), { version: reference.version });
};
