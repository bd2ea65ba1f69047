import { PARAMETER_NAME } from '../../../catalog/index.ts';
import { seesEverything, type Actor } from '../../../shared/actor.ts';
import { NotFoundError, ValidationError, type FieldIssue } from '../../../shared/errors.ts';
import type { DomainEvent } from '../../../shared/events.ts';
import { newId } from '../../../shared/ids.ts';
import { changedFields } from '../../../shared/merge-patch.ts';
import type { Page, PageRequest } from '../../../shared/page.ts';
import { parseWith, SERVER_OWNED_MESSAGE } from '../../../shared/validation.ts';
import { assertExpectedVersion, mergePatched, nextVersion, writablePartOf, type ExpectedVersion } from '../../../shared/versioning.ts';
import { BASE, checkFormula, FormulaError, parseFormula } from '../../formula.ts';
import type { RuleTarget } from '../../model.ts';
import { assertCanChangePrices, created, pricingEvent, visibleList, type PricingAdminDeps } from '../access.ts';
import { ruleHistoryEntry } from '../history.ts';
import type { PricingWrite } from '../ports.ts';
import type { PriceListRecord, PriceRuleRecord } from '../records.ts';
import { priceRuleCreateSchema, priceRuleFieldsSchema, type PriceRuleCreate, type PriceRuleFields } from '../schemas.ts';

const FIXED_ON_UPDATE = {
  target: 'cannot change: a rule is for one product, family or everything; create a rule for the other target',
  listId: 'cannot change: create the rule in the other list',
  updatedBy: SERVER_OWNED_MESSAGE,
};

/** An action is one of several shapes: merging a discount into a fixed price would mix their fields. */
const PATCHABLE = writablePartOf(priceRuleFieldsSchema, { fixed: FIXED_ON_UPDATE, replacedWhole: ['action'] });

/**
 * PRC-2 … PRC-6: adds a rule to a list — a fixed or net price, a discount, an amount off or a formula, with a
 * quantity break, validity dates and fees.
 * Input: the list id and `{ target, action, validFrom?, validTo?, minQuantity?, fees?, note? }`. Output: the rule.
 * Steps: validate shape → the list exists (and is visible) → the target exists; a formula parses and reads only
 * parameters of the product (for a family or everything, any well-formed parameter name: checked when priced)
 * → commit the rule, its history entry and `price-rule.created` together.
 */
export async function createPriceRule(deps: PricingAdminDeps, actor: Actor, listId: string, input: unknown): Promise<PriceRuleRecord> {
  assertCanChangePrices(actor);
  const fields = parseWith(priceRuleCreateSchema, input, '', { listId: 'is the list of the path', updatedBy: SERVER_OWNED_MESSAGE });
  const list = await visibleList(deps, actor, listId);
  const issues = await ruleIssues(deps, fields.target, fields);
  if (issues.length > 0) throw new ValidationError(issues);
  const { writes, events, rule } = ruleCreation(list, fields, actor, deps);
  await deps.store.commit(writes, events);
  return rule;
}

/** The record, history entry and event of a new rule (shared with a list created with its first rules). */
export function ruleCreation(list: PriceListRecord, fields: PriceRuleCreate, actor: Actor, deps: Pick<PricingAdminDeps, 'clock'>): { rule: PriceRuleRecord; writes: PricingWrite[]; events: DomainEvent[] } {
  const rule: PriceRuleRecord = { ...fields, id: newId('priceRule'), listId: list.id, ...created(actor, deps.clock) };
  const entry = ruleHistoryEntry(null, rule, { changedAt: rule.updatedAt, changedBy: actor.id });
  const event = pricingEvent('price-rule.created', { ruleId: rule.id, listId: list.id, version: 1, target: rule.target }, { actor, clock: deps.clock, subject: rule.id });
  return {
    rule,
    writes: [
      { entity: 'rule', list, previous: null, next: rule },
      { entity: 'history', list, entry },
    ],
    events: [event],
  };
}

/**
 * Merge-patches a rule (RFC 7396) at the expected version; `action` and `fees` are replaced as a whole. The target
 * cannot change. Output: the rule; the previous version stays in the history. Nothing changed: no new version.
 */
export async function updatePriceRule(deps: PricingAdminDeps, actor: Actor, listId: string, ruleId: string, expectedVersion: ExpectedVersion, patch: unknown): Promise<PriceRuleRecord> {
  assertCanChangePrices(actor);
  const list = await visibleList(deps, actor, listId);
  const current = await existingRule(deps, listId, ruleId);
  const fields = mergePatched(current, expectedVersion, patch, PATCHABLE);
  const issues = await ruleIssues(deps, current.target, fields);
  if (issues.length > 0) throw new ValidationError(issues);
  const changed = changedFields(PATCHABLE.fields, current, fields);
  if (changed.length === 0) return current;

  const next = nextVersion(current, deps.clock, { ...fields, updatedBy: actor.id }, PATCHABLE.fields);
  const entry = ruleHistoryEntry(current, next, { changedAt: next.updatedAt, changedBy: actor.id, changedFields: changed });
  const event = pricingEvent('price-rule.updated', { ruleId, listId, version: next.version, changedFields: changed }, { actor, clock: deps.clock, subject: ruleId });
  await deps.store.commit(
    [
      { entity: 'rule', list, previous: current, next },
      { entity: 'history', list, entry },
    ],
    [event],
  );
  return next;
}

/** Removes a rule at the expected version; the history keeps it, with who removed it and when. */
export async function removePriceRule(deps: PricingAdminDeps, actor: Actor, listId: string, ruleId: string, expectedVersion: ExpectedVersion): Promise<void> {
  assertCanChangePrices(actor);
  const list = await visibleList(deps, actor, listId);
  const current = await existingRule(deps, listId, ruleId);
  assertExpectedVersion(expectedVersion, current.version);
  const entry = ruleHistoryEntry(current, null, { changedAt: deps.clock.now().toISOString(), changedBy: actor.id });
  const event = pricingEvent('price-rule.removed', { ruleId, listId, version: current.version }, { actor, clock: deps.clock, subject: ruleId });
  await deps.store.commit(
    [
      { entity: 'rule', list, previous: current, next: null },
      { entity: 'history', list, entry },
    ],
    [event],
  );
}

export async function getPriceRule(deps: PricingAdminDeps, actor: Actor, listId: string, ruleId: string): Promise<PriceRuleRecord> {
  await visibleList(deps, actor, listId);
  return existingRule(deps, listId, ruleId);
}

/**
 * A list's rules (optionally only those on one target), or the rules of every list on a target (what applies to
 * a product, a family, everything). An agent sees, across lists, only the lists that belong to no customer.
 */
export async function listPriceRules(
  deps: PricingAdminDeps,
  actor: Actor,
  query: { readonly listId?: string; readonly target?: RuleTarget },
  page: PageRequest,
): Promise<Page<PriceRuleRecord>> {
  if (query.listId !== undefined) {
    await visibleList(deps, actor, query.listId);
    return deps.store.listRules({ listId: query.listId, ...(query.target ? { target: query.target } : {}) }, page);
  }
  if (query.target === undefined) throw ValidationError.field('/query/target', 'is required without a list: name a product, a family or everything');
  return deps.store.listRules({ target: query.target, ...(seesEverything(actor) ? {} : { sharedOnly: true }) }, page);
}

async function existingRule(deps: PricingAdminDeps, listId: string, ruleId: string): Promise<PriceRuleRecord> {
  const rule = await deps.store.getRule(listId, ruleId);
  if (!rule) throw new NotFoundError('PriceRule', ruleId);
  return rule;
}

/**
 * The catalogue's checks of a rule: its target exists, and its formula reads only what it may. `base` prefixes the
 * pointers (a rule inside a list's creation request).
 */
export async function ruleIssues(deps: PricingAdminDeps, target: RuleTarget, fields: PriceRuleFields, base = ''): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const formula = fields.action.kind === 'formula' ? fields.action.formula : undefined;
  const formulaPointer = `${base}/action/formula`;
  if (target.kind === 'product') {
    const product = await deps.catalog.product(target.productId);
    if (!product) return [{ pointer: `${base}/target/productId`, message: `product ${target.productId} does not exist` }];
    if (formula !== undefined) issues.push(...checkFormula(formula, Object.keys(product.parameters)).map((message) => ({ pointer: formulaPointer, message })));
    return issues;
  }
  if (target.kind === 'family' && !(await deps.catalog.family(target.familyId))) {
    return [{ pointer: `${base}/target/familyId`, message: `family ${target.familyId} does not exist` }];
  }
  if (formula !== undefined) issues.push(...openFormulaIssues(formula).map((message) => ({ pointer: formulaPointer, message })));
  return issues;
}

/**
 * A formula of a family or of everything reads the parameters of whichever product it prices: any well-formed
 * parameter name is accepted now; a product without it is skipped, with the reason, when priced.
 */
function openFormulaIssues(text: string): string[] {
  let names: ReadonlySet<string>;
  try {
    names = parseFormula(text).names;
  } catch (error) {
    if (error instanceof FormulaError) return [...error.issues];
    throw error;
  }
  return [...names]
    .filter((name) => name !== BASE && !PARAMETER_NAME.test(name))
    .map((name) => `\`${name}\` is not a parameter name: a lower-case letter, then up to 39 letters, digits or underscores`);
}
