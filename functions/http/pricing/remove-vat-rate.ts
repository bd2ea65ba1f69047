import { removeVatRate as removeVat } from '../../../domain/pricing/admin/use-cases/vat-rates.ts';
import { pricingAdminDeps } from '../../composition.ts';
import type { Operation } from '../http-handler.ts';
import { expectedVersion } from '../request.ts';
import { noContent } from '../responses.ts';
import { vatKey } from './path-keys.ts';

export const removeVatRate: Operation = async (event) => {
  await removeVat(pricingAdminDeps(), event.actor, vatKey(event), expectedVersion(event));
  return noContent();
};
