import { listTransportRules as list } from '../../../domain/pricing/admin/use-cases/transport-rules.ts';
import { pricingAdminDeps } from '../../composition.ts';
import { readsQuery, type Operation } from '../http-handler.ts';
import { parseQuery } from '../request.ts';
import { json, pageOf } from '../responses.ts';

export const listTransportRules: Operation = readsQuery(async (event) => {
  const { page } = parseQuery(event, {});
  return json(200, pageOf(await list(pricingAdminDeps(), event.actor, page), (rule) => rule));
});
