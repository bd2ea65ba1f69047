import { getCustomer as get } from '../../../domain/customers/use-cases/read-customers.ts';
import { customersDeps } from '../../composition.ts';
import type { Operation } from '../http-handler.ts';
import { pathId } from '../request.ts';
import { json } from '../responses.ts';
import { customerResource } from './representation.ts';

export const getCustomer: Operation = async (event) => {
  const aggregate = await get(customersDeps(), event.actor, pathId(event, 'customerId', 'customer'));
  return json(200, customerResource(aggregate), { version: aggregate.customer.version });
};
