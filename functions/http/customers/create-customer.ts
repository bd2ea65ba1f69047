import { customerCreateSchema } from '../../../domain/customers/schemas.ts';
import { createCustomer as create } from '../../../domain/customers/use-cases/create-customer.ts';
import { customersDeps } from '../../composition.ts';
import { readsBody, type Operation } from '../http-handler.ts';
import { createUnlessExists } from '../request.ts';
import { json } from '../responses.ts';
import { customerLocation, customerResource } from './representation.ts';

export const createCustomer: Operation = readsBody(customerCreateSchema, async (event) => {
  const aggregate = await createUnlessExists(event, () => create(customersDeps(), event.actor, event.json));
  return json(201, customerResource(aggregate), { version: aggregate.customer.version, location: customerLocation(aggregate.customer.id) });
});
