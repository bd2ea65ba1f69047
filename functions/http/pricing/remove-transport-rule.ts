import { removeTransportRule as remove } from '../../../domain/pricing/admin/use-cases/transport-rules.ts';
import { pricingAdminDeps } from '../../composition.ts';
import type { Operation } from '../http-handler.ts';
import { expectedVersion } from '../request.ts';
import { noContent } from '../responses.ts';
import { transportRuleIdOf } from './path-keys.ts';

export const removeTransportRule: Operation = async (event) => {
  await remove(pricingAdminDeps(), event.actor, transportRuleIdOf(event), expectedVersion(event));
  return noContent();
};
