import * as z from 'zod';
import { GROUP_BYS, MONTH_PATTERN, PROSPECT, readQuoteAnalytics } from '../../../domain/analytics/index.ts';
import { idPattern } from '../../../domain/shared/ids.ts';
import { quoteAnalyticsDeps } from '../../composition.ts';
import { readsQuery, type Operation } from '../http-handler.ts';
import { parseQueryParams } from '../request.ts';
import { json } from '../responses.ts';

const month = z.string().regex(MONTH_PATTERN, 'must be a month such as "2026-03"').optional();

export const getQuoteAnalytics: Operation = readsQuery(async (event) => {
  const query = parseQueryParams(event, {
    from: month,
    to: month,
    groupBy: z.enum(GROUP_BYS).default('month'),
    agentId: z.string().min(1).max(128).optional(),
    customerId: z
      .string()
      .refine((value) => value === PROSPECT || idPattern('customer').test(value), `must be a customer id (cus_…) or ${PROSPECT}`)
      .optional(),
  });
  return json(200, await readQuoteAnalytics(quoteAnalyticsDeps(), event.actor, query));
});
