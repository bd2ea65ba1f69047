import { removeReference } from '../../../domain/catalog/use-cases/customer-references.ts';
import { catalogDeps } from '../../composition.ts';
import type { Operation } from '../http-handler.ts';
import { expectedVersion, pathId } from '../request.ts';
import { noContent } from '../responses.ts';

export const removeCustomerReference: Operation = async (event) => {
  const customerId = pathId(event, 'customerId', 'customer');
  await removeReference(catalogDeps(), event.actor, customerId, pathId(event, 'referenceId', 'reference'), expectedVersion(event));
  return noContent();
};
