import { canWrite, seesEverything, type Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { eventFactory } from '../shared/event-factory.ts';
import type { Customer, CustomerAggregate } from './customer.ts';
import { customerEventSchemas } from './events.ts';
import type { CustomerStore } from './ports.ts';

/** What every customers use case needs. */
export interface CustomersDeps {
  readonly store: CustomerStore;
  readonly clock: Clock;
}

export const customerEvent = eventFactory(customerEventSchemas);

/** An agent reaches only the customers assigned to them; to anyone else, others do not exist. */
export function canSee(actor: Actor, customer: Customer): boolean {
  return seesEverything(actor) || customer.salesAgentId === actor.id;
}

export function assertCanWrite(actor: Actor): void {
  if (!canWrite(actor)) throw new ForbiddenError('Integrations have read-only access to customers');
}

/** Loads a customer the actor may see, or answers as if it did not exist. */
export async function visibleCustomer(deps: CustomersDeps, actor: Actor, customerId: string): Promise<Customer> {
  const customer = await deps.store.getCustomer(customerId);
  if (!customer || !canSee(actor, customer)) throw new NotFoundError('Customer', customerId);
  return customer;
}

/** The whole aggregate the actor may see, for use cases that answer with it. */
export async function visibleAggregate(deps: CustomersDeps, actor: Actor, customerId: string): Promise<CustomerAggregate> {
  const aggregate = await deps.store.getAggregate(customerId);
  if (!aggregate || !canSee(actor, aggregate.customer)) throw new NotFoundError('Customer', customerId);
  return aggregate;
}

/** Agents keep their book: they may not hand a customer to someone else. */
export function assertAssignable(actor: Actor, salesAgentId: string | undefined): void {
  if (actor.role === 'agent' && salesAgentId !== actor.id) {
    throw new ForbiddenError('Agents can only assign customers to themselves');
  }
}

/** The parent (group) must exist, be visible, and not be the customer itself or one of its subsidiaries. */
export async function assertValidParent(deps: CustomersDeps, actor: Actor, customerId: string, parentId: string | undefined): Promise<void> {
  if (parentId === undefined) return;
  const pointer = '/parentCustomerId';
  let ancestorId: string | undefined = parentId;
  for (let depth = 0; ancestorId !== undefined; depth++) {
    if (ancestorId === customerId) throw ValidationError.field(pointer, 'would make the customer its own group');
    if (depth >= 8) throw ValidationError.field(pointer, 'groups may be nested at most 8 levels deep');
    const ancestor = await deps.store.getCustomer(ancestorId);
    if (!ancestor || (depth === 0 && !canSee(actor, ancestor))) throw ValidationError.field(pointer, `customer ${parentId} does not exist`);
    ancestorId = ancestor.parentCustomerId;
  }
}

