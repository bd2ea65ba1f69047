import type { Actor } from '../../shared/actor.ts';
import type { DomainEvent } from '../../shared/events.ts';
import { ValidationError, type FieldIssue } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { zeroMoney } from '../../shared/money.ts';
import { parseWith } from '../../shared/validation.ts';
import { assertAssignable, assertCanWrite, assertValidParent, customerEvent, type CustomersDeps } from '../access.ts';
import { checkContactFields, checkCustomerFields, CUSTOMER_LIFECYCLE, type Address, type Contact, type CustomerAggregate } from '../customer.ts';
import type { CustomerWrite } from '../ports.ts';
import { customerCreateSchema } from '../schemas.ts';

/**
 * Creates a customer, optionally with its first addresses and contacts, in one transaction.
 * Input: the request body (only `name` required). Output: the stored aggregate.
 * Steps: validate shape and business rules → check assignment and group → commit with `customer.created`.
 * Agents own what they create; the state starts as `prospect`.
 */
export async function createCustomer(deps: CustomersDeps, actor: Actor, input: unknown): Promise<CustomerAggregate> {
  assertCanWrite(actor);
  const { addresses: addressInputs = [], contacts: contactInputs = [], ...fieldsInput } = parseWith(customerCreateSchema, input);
  const salesAgentId = fieldsInput.salesAgentId ?? (actor.role === 'agent' ? actor.id : undefined);
  assertAssignable(actor, salesAgentId);

  const checked = checkCustomerFields({ ...fieldsInput, salesAgentId });
  const issues: FieldIssue[] = [...checked.issues];
  const now = deps.clock.now().toISOString();
  const customerId = newId('customer');
  const contacts: Contact[] = contactInputs.map((fields, i) => {
    const contact = checkContactFields(fields, checked.value.countryCode, `/contacts/${i}`);
    issues.push(...contact.issues);
    return { ...contact.value, id: newId('contact'), customerId, version: 1, createdAt: now, updatedAt: now };
  });
  if (issues.length > 0) throw new ValidationError(issues);
  await assertValidParent(deps, actor, customerId, checked.value.parentCustomerId);

  return commitNewCustomer(deps, actor, {
    customer: {
      ...checked.value,
      id: customerId,
      version: 1,
      state: CUSTOMER_LIFECYCLE.initial,
      outstanding: zeroMoney(checked.value.currency),
      addressCount: addressInputs.length,
      contactCount: contacts.length,
      createdAt: now,
      updatedAt: now,
    },
    addresses: addressInputs.map((fields): Address => ({ ...fields, id: newId('address'), customerId, version: 1, createdAt: now, updatedAt: now })),
    contacts,
  });
}

/** Stores a brand-new aggregate with its creation event (shared with the conversions of CUS-14). */
export async function commitNewCustomer(
  deps: CustomersDeps,
  actor: Actor,
  aggregate: CustomerAggregate,
  conversion?: { from: { customerId: string; contactId?: string; addressId?: string }; writes: readonly CustomerWrite[]; events: readonly DomainEvent[] },
): Promise<CustomerAggregate> {
  const { customer } = aggregate;
  const writes: CustomerWrite[] = [
    { entity: 'customer', previous: null, next: customer },
    ...aggregate.addresses.map((next) => ({ entity: 'address' as const, previous: null, next })),
    ...aggregate.contacts.map((next) => ({ entity: 'contact' as const, previous: null, next })),
    ...(conversion?.writes ?? []),
  ];
  const event = customerEvent(
    'customer.created',
    { customerId: customer.id, version: customer.version, name: customer.name, state: customer.state, salesAgentId: customer.salesAgentId, convertedFrom: conversion?.from },
    { actor, clock: deps.clock, subject: customer.id },
  );
  await deps.store.commit(writes, [event, ...(conversion?.events ?? [])]);
  return aggregate;
}
