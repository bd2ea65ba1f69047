import * as z from 'zod';
import { QUOTE_STATES } from '../../../domain/quotes/quote.ts';
import { listQuotes as list } from '../../../domain/quotes/use-cases/read-quotes.ts';
import { quotesDeps } from '../../composition.ts';
import { readsQuery, type Operation } from '../http-handler.ts';
import { idFilter, parseQuery } from '../request.ts';
import { json, pageOf } from '../responses.ts';
import { quoteSummary } from './representation.ts';

const filters = {
  state: z.enum(QUOTE_STATES).optional(),
  customerId: idFilter('customer'),
  ownerAgentId: z.string().min(1).max(128).optional(),
};

export const listQuotes: Operation = readsQuery(async (event) => {
  const { page, filters: query } = parseQuery(event, filters);
  const result = await list(quotesDeps(), event.actor, {
    ...(query.state ? { state: query.state } : {}),
    ...(query.customerId ? { customerId: query.customerId } : {}),
    ...(query.ownerAgentId ? { ownerAgentId: query.ownerAgentId } : {}),
  }, page);
  return json(200, pageOf(result, (quote) => quoteSummary(quote, event.actor)));
});
