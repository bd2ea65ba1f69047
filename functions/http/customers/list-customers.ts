import * as z from 'zod';
import { CUSTOMER_STATES } from '../../../domain/customers/schemas.ts';
import { listCustomers as list } from '../../../domain/customers/use-cases/read-customers.ts';
import { customersDeps } from '../../composition.ts';
import { readsQuery, type Operation } from '../http-handler.ts';
import { idFilter, parseQuery, updatedSinceFilter } from '../request.ts';
import { json, pageOf } from '../responses.ts';
import { customerSummary } from './representation.ts';

const filters = {
  state: z.enum(CUSTOMER_STATES).optional(),
  salesAgentId: z.string().min(1).max(128).optional(),
  parentCustomerId: idFilter('customer'),
  name: z.string().min(1).max(200).optional(),
  updatedSince: updatedSinceFilter,
};

export const listCustomers: Operation = readsQuery(async (event) => {
  const { page, filters: query } = parseQuery(event, filters);
  const result = await list(customersDeps(), event.actor, {
    ...(query.state ? { state: query.state } : {}),
    ...(query.salesAgentId ? { salesAgentId: query.salesAgentId } : {}),
    ...(query.parentCustomerId ? { parentCustomerId: query.parentCustomerId } : {}),
    ...(query.name ? { namePrefix: query.name } : {}),
    ...(query.updatedSince ? { updatedSince: query.updatedSince } : {}),
  }, page);
  return json(200, pageOf(result, customerSummary));
});
