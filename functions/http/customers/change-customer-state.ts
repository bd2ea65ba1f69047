import { stateChangeSchema } from '../../../domain/shared/lifecycle.ts';
import type { StateAction } from '../../../domain/customers/customer.ts';
import { changeCustomerState } from '../../../domain/customers/use-cases/change-customer-state.ts';
import { customersDeps } from '../../composition.ts';
import { readsBody, type Operation } from '../http-handler.ts';
import { expectedVersion, pathId } from '../request.ts';
import { json } from '../responses.ts';
import { customerResource } from './representation.ts';

/** The six lifecycle operations share one shape: POST /customers/{id}/<action> with If-Match and an optional reason. */
export function stateOperation(action: StateAction): Operation {
  return readsBody(stateChangeSchema, async (event) => {
    const aggregate = await changeCustomerState(customersDeps(), event.actor, pathId(event, 'customerId', 'customer'), expectedVersion(event), action, event.json);
    return json(200, customerResource(aggregate), { version: aggregate.customer.version });
  });
}
