import { seesEverything, type Actor } from '../../../shared/actor.ts';
import { ValidationError } from '../../../shared/errors.ts';
import type { DomainEvent } from '../../../shared/events.ts';
import { newId } from '../../../shared/ids.ts';
import { changedFields } from '../../../shared/merge-patch.ts';
import type { Page, PageRequest } from '../../../shared/page.ts';
import { parseWith, SERVER_OWNED_MESSAGE } from '../../../shared/validation.ts';
import { mergePatched, nextVersion, writablePartOf, type ExpectedVersion } from '../../../shared/versioning.ts';
import { assertCanChangePrices, created, pricingEvent, visibleCustomer, visibleList, type PricingAdminDeps } from '../access.ts';
import { listHistoryEntry } from '../history.ts';
import type { PriceListQuery, PricingWrite } from '../ports.ts';
import type { PriceListRecord, PriceRuleRecord } from '../records.ts';
import { priceListCreateSchema, priceListFieldsSchema } from '../schemas.ts';
import { ruleCreation, ruleIssues } from './price-rules.ts';

const FIXED_ON_UPDATE = {
  source: 'cannot change: create a list of the other source',
  currency: "cannot change: the list's prices are in its currency; create a list in the other currency",
  customerId: 'cannot change: create a list for the other customer',
  priceGroup: 'cannot change: create a list for the other group',
  rules: "are changed one by one, through the list's rules",
  updatedBy: SERVER_OWNED_MESSAGE,
};

const PATCHABLE = writablePartOf(priceListFieldsSchema, { fixed: FIXED_ON_UPDATE });

/**
 * PRC-2, PRC-3, PRC-8: creates a price list — standard, for a customer group, for a customer — or a time-limited
 * offer for a customer, in a currency, optionally with its first rules (an offer and its prices in one request).
 * Input: `{ source, name, currency, customerId?, priceGroup?, active?, validFrom?, validTo?, description?, rules? }`.
 * Output: the list and the rules created with it.
 * Steps: validate shape (a customer list or an offer names its customer, a group list its group, an offer ends)
 * → the customer exists and is visible → each rule's target and formula → commit the list, the rules, their
 * history entries and events in one transaction.
 */
export async function createPriceList(deps: PricingAdminDeps, actor: Actor, input: unknown): Promise<{ list: PriceListRecord; rules: PriceRuleRecord[] }> {
  assertCanChangePrices(actor);
  const { rules: ruleInputs = [], ...fields } = parseWith(priceListCreateSchema, input, '', { updatedBy: SERVER_OWNED_MESSAGE });
  if (fields.customerId !== undefined && !(await deps.customers.visibleCustomer(actor, fields.customerId))) {
    throw ValidationError.field('/customerId', `customer ${fields.customerId} does not exist`);
  }
  const issues = (await Promise.all(ruleInputs.map((rule, i) => ruleIssues(deps, rule.target, rule, `/rules/${i}`)))).flat();
  if (issues.length > 0) throw new ValidationError(issues);

  const list: PriceListRecord = { ...fields, id: newId('priceList'), ...created(actor, deps.clock) };
  const writes: PricingWrite[] = [
    { entity: 'list', previous: null, next: list },
    { entity: 'history', list, entry: listHistoryEntry(null, list) },
  ];
  const events: DomainEvent[] = [
    pricingEvent(
      'price-list.created',
      { listId: list.id, version: 1, source: list.source, currency: list.currency, customerId: list.customerId, priceGroup: list.priceGroup },
      { actor, clock: deps.clock, subject: list.id },
    ),
  ];
  const rules = ruleInputs.map((ruleFields) => {
    const creation = ruleCreation(list, ruleFields, actor, deps);
    writes.push(...creation.writes);
    events.push(...creation.events);
    return creation.rule;
  });
  await deps.store.commit(writes, events);
  return { list, rules };
}

/**
 * Merge-patches a list's name, description, period and active flag at the expected version; its source, currency,
 * customer and group are fixed. Output: the list; the previous version stays in the history.
 */
export async function updatePriceList(deps: PricingAdminDeps, actor: Actor, listId: string, expectedVersion: ExpectedVersion, patch: unknown): Promise<PriceListRecord> {
  assertCanChangePrices(actor);
  const current = await visibleList(deps, actor, listId);
  const fields = mergePatched(current, expectedVersion, patch, PATCHABLE);
  if (current.source === 'offer' && fields.validTo === undefined) throw ValidationError.field('/validTo', 'is required for an offer: offers are time-limited');
  const changed = changedFields(PATCHABLE.fields, current, fields);
  if (changed.length === 0) return current;

  const next = nextVersion(current, deps.clock, { ...fields, updatedBy: actor.id }, PATCHABLE.fields);
  const event = pricingEvent('price-list.updated', { listId, version: next.version, changedFields: changed }, { actor, clock: deps.clock, subject: listId });
  await deps.store.commit(
    [
      { entity: 'list', previous: current, next },
      { entity: 'history', list: next, entry: listHistoryEntry(current, next, changed) },
    ],
    [event],
  );
  return next;
}

/** A list or offer; a customer's follows the customer's visibility (404 to an agent who may not see the customer). */
export function getPriceList(deps: PricingAdminDeps, actor: Actor, listId: string): Promise<PriceListRecord> {
  return visibleList(deps, actor, listId);
}

/**
 * Lists and offers by name: all of them, of a source, of a customer (its lists and offers), of a group. An agent
 * sees a customer's lists when naming a customer of theirs, otherwise only the lists that belong to no customer.
 */
export async function listPriceLists(deps: PricingAdminDeps, actor: Actor, query: PriceListQuery, page: PageRequest): Promise<Page<PriceListRecord>> {
  if (query.customerId !== undefined) {
    await visibleCustomer(deps, actor, query.customerId);
    return deps.store.listLists(query, page);
  }
  return deps.store.listLists(seesEverything(actor) ? query : { ...query, sharedOnly: true }, page);
}
