import * as z from 'zod';
import { CUSTOMER_STATES } from '../../../domain/customers/schemas.ts';
import { listCustomers as list } from '../../../domain/customers/use-cases/read-customers.ts';
import { customersDeps } from '../../composition.ts';
import type { Operation } from '../http-handler.ts';
import { parseQuery } from '../request.ts';
import { json } from '../responses.ts';
import { customerSummary, pageOf } from './representation.ts';

const filters = {
  state: z.enum(CUSTOMER_STATES).optional(),
  salesAgentId: z.string().min(1).max(128).optional(),
  parentCustomerId: z.string().regex(/^cus_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a customer id (cus_…)').optional(),
  name: z.string().min(1).max(200).optional(),
  updatedSince: z.iso.datetime({ offset: false, message: 'must be a UTC timestamp such as "2026-11-27T10:00:00Z"' }).optional(),
};

export const listCustomers: Operation = async (event) => {
  const { page, filters: query } = parseQuery(event, filters);
  const result = await list(customersDeps(), event.actor, {
    ...(query.state ? { state: query.state } : {}),
    ...(query.salesAgentId ? { salesAgentId: query.salesAgentId } : {}),
    ...(query.parentCustomerId ? { parentCustomerId: query.parentCustomerId } : {}),
    ...(query.name ? { namePrefix: query.name } : {}),
    ...(query.updatedSince ? { updatedSince: new Date(query.updatedSince).toISOString() } : {}),
  }, page);
  return json(200, pageOf(result, customerSummary));
};
