import { customerFieldsSchema } from '../../../domain/customers/schemas.ts';
import { updateCustomer as update } from '../../../domain/customers/use-cases/update-customer.ts';
import { customersDeps } from '../../composition.ts';
import { readsBody, type Operation } from '../http-handler.ts';
import { expectedVersion, pathId } from '../request.ts';
import { json } from '../responses.ts';
import { customerResource } from './representation.ts';

export const updateCustomer: Operation = readsBody(customerFieldsSchema, async (event) => {
  const aggregate = await update(customersDeps(), event.actor, pathId(event, 'customerId', 'customer'), expectedVersion(event), event.json);
  return json(200, customerResource(aggregate), { version: aggregate.customer.version });
});
