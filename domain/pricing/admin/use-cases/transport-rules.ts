import type { Actor } from '../../../shared/actor.ts';
import { NotFoundError } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { changedFields } from '../../../shared/merge-patch.ts';
import { Dec } from '../../../shared/money.ts';
import type { Page, PageRequest } from '../../../shared/page.ts';
import type { Incoterm } from '../../../shared/reference-data.ts';
import { parseWith, SERVER_OWNED_MESSAGE } from '../../../shared/validation.ts';
import { assertExpectedVersion, mergePatched, nextVersion, writablePartOf, type ExpectedVersion } from '../../../shared/versioning.ts';
import { assertCanChangePrices, created, pricingEvent, type PricingAdminDeps } from '../access.ts';
import type { TransportRuleRecord } from '../records.ts';
import { transportRuleFieldsSchema } from '../schemas.ts';

const FIXED = { updatedBy: SERVER_OWNED_MESSAGE };

const PATCHABLE = writablePartOf(transportRuleFieldsSchema, { fixed: FIXED });

/**
 * PRC-11: a transport-fee rule for an Incoterm (or any) and delivery countries (or any), on the document's total
 * weight, volume or goods amount, by brackets each with a fixed and/or a variable part, in a currency.
 * Input: `{ name, incoterm?, countries?, basis, currency, brackets }`. Output: the rule (brackets sorted by `from`).
 */
export async function createTransportRule(deps: PricingAdminDeps, actor: Actor, input: unknown): Promise<TransportRuleRecord> {
  assertCanChangePrices(actor);
  const fields = sorted(parseWith(transportRuleFieldsSchema, input, '', FIXED));
  const rule: TransportRuleRecord = { ...fields, id: newId('transportRule'), ...created(actor, deps.clock) };
  const event = pricingEvent('transport-rule.created', { transportRuleId: rule.id, version: 1 }, { actor, clock: deps.clock, subject: rule.id });
  await deps.store.commit([{ entity: 'transportRule', previous: null, next: rule }], [event]);
  return rule;
}

/** Merge-patches a transport rule at the expected version (countries and brackets are replaced as a whole). */
export async function updateTransportRule(deps: PricingAdminDeps, actor: Actor, ruleId: string, expectedVersion: ExpectedVersion, patch: unknown): Promise<TransportRuleRecord> {
  assertCanChangePrices(actor);
  const current = await existingRule(deps, ruleId);
  const fields = sorted(mergePatched(current, expectedVersion, patch, PATCHABLE));
  const changed = changedFields(PATCHABLE.fields, current, fields);
  if (changed.length === 0) return current;
  const next = nextVersion(current, deps.clock, { ...fields, updatedBy: actor.id }, PATCHABLE.fields);
  const event = pricingEvent('transport-rule.updated', { transportRuleId: ruleId, version: next.version, changedFields: changed }, { actor, clock: deps.clock, subject: ruleId });
  await deps.store.commit([{ entity: 'transportRule', previous: current, next }], [event]);
  return next;
}

export async function removeTransportRule(deps: PricingAdminDeps, actor: Actor, ruleId: string, expectedVersion: ExpectedVersion): Promise<void> {
  assertCanChangePrices(actor);
  const current = await existingRule(deps, ruleId);
  assertExpectedVersion(expectedVersion, current.version);
  const event = pricingEvent('transport-rule.removed', { transportRuleId: ruleId, version: current.version }, { actor, clock: deps.clock, subject: ruleId });
  await deps.store.commit([{ entity: 'transportRule', previous: current, next: null }], [event]);
}

export function getTransportRule(deps: PricingAdminDeps, _actor: Actor, ruleId: string): Promise<TransportRuleRecord> {
  return existingRule(deps, ruleId);
}

/** Every transport rule, by name. */
export function listTransportRules(deps: PricingAdminDeps, _actor: Actor, page: PageRequest): Promise<Page<TransportRuleRecord>> {
  return deps.store.listTransportRules(page);
}

/** The engine's `transportRules` for a document: those for its Incoterm or any, and its delivery country or any. */
export function transportRulesFor(deps: Pick<PricingAdminDeps, 'store'>, incoterm: Incoterm | undefined, countryCode: string | undefined): Promise<TransportRuleRecord[]> {
  return deps.store.transportRules(incoterm, countryCode);
}

async function existingRule(deps: PricingAdminDeps, ruleId: string): Promise<TransportRuleRecord> {
  const rule = await deps.store.getTransportRule(ruleId);
  if (!rule) throw new NotFoundError('TransportRule', ruleId);
  return rule;
}

/** Brackets in the order they apply, so that a rule reads as a table. */
function sorted<T extends { brackets: readonly { from: string }[] }>(fields: T): T {
  return { ...fields, brackets: [...fields.brackets].sort((a, b) => new Dec(a.from).comparedTo(b.from)) };
}
