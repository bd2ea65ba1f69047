import { seesEverything, type Actor } from '../../../shared/actor.ts';
import { NotFoundError, ValidationError } from '../../../shared/errors.ts';
import type { Page, PageRequest } from '../../../shared/page.ts';
import type { RuleTarget } from '../../model.ts';
import { visibleCustomer, visibleList, type PricingAdminDeps } from '../access.ts';
import { instant, listStandingAt, rulesStandingAt, type ListHistoryEntry, type PriceHistoryEntry, type RuleHistoryEntry } from '../history.ts';
import type { HistoryQuery } from '../ports.ts';
import { audiencesFor, listAudience, targetKey } from '../records.ts';

/** What a history is asked about: one rule, one list's own changes, or every rule on a target. */
export type HistorySubject = { readonly listId: string; readonly ruleId?: string } | { readonly target: RuleTarget };

/** Dates ("2026-03-01", the whole day) or UTC timestamps, both ends included. */
export interface HistoryRange {
  readonly from?: string;
  readonly to?: string;
}

/**
 * PRC-5: the changes of a rule, of a list, or of every rule on a product, a family or everything, oldest first —
 * each with the record as it became, when and by whom.
 * Input: the subject, an optional period. Output: a page of history entries.
 * An agent reads the history of a customer's list only for their own customers, and across lists (by target) only
 * the lists that belong to no customer.
 */
export async function priceHistory(deps: PricingAdminDeps, actor: Actor, subject: HistorySubject, range: HistoryRange, page: PageRequest): Promise<Page<PriceHistoryEntry>> {
  const period = periodOf(range);
  if ('listId' in subject) {
    await visibleList(deps, actor, subject.listId);
    return deps.store.history({ listId: subject.listId, ...(subject.ruleId ? { ruleId: subject.ruleId } : {}), ...period }, page);
  }
  return deps.store.history({ target: subject.target, ...period, ...(seesEverything(actor) ? {} : { sharedOnly: true }) }, page);
}

/** The rules on one product as they stood at a moment, with the state of their lists then. */
export interface RulesAsOf {
  readonly productId: string;
  /** The moment (UTC); a date means the end of that day. */
  readonly at: string;
  /** The business date the rules were valid on: the date of `at`. */
  readonly date: string;
  /** Each list of the rules, as it stood then: who last changed it, when, at which version. */
  readonly lists: readonly ListHistoryEntry[];
  /**
   * The rules on the product, its families (from the nearest) and everything that were in force on the date — as
   * recorded at `at`, not as edited since — each with who made that version and when. Records, so they can be
   * priced again (`entry.rule` is a PriceRule, `entry.list` a PriceList).
   */
  readonly rules: readonly RuleHistoryEntry[];
}

/**
 * PRC-5: "what was this price on that date, and who changed it". Rebuilds, from the history alone, the rules that
 * applied to one product at a moment: for each rule on the product, on one of its families or on everything, its
 * latest version recorded by then (a rule removed by then is gone), kept when its list then was active and both
 * were valid on that date. With a customer (and its group), only the lists that apply to that customer.
 * Input: `{ productId, at, customerId?, priceGroup? }`. Output: RulesAsOf.
 * Steps: the product's family path (today's) → the history of each target up to `at` → the standing version of
 * each rule → the standing version of each of their lists → keep what applied on the date.
 */
export async function rulesAsOf(
  deps: PricingAdminDeps,
  actor: Actor,
  query: { readonly productId: string; readonly at: string; readonly customerId?: string; readonly priceGroup?: string },
): Promise<RulesAsOf> {
  const at = moment(query.at, 'end', '/query/at');
  const date = at.slice(0, 10);
  const product = await deps.catalog.product(query.productId);
  if (!product) throw new NotFoundError('Product', query.productId);
  const customer = query.customerId !== undefined ? await visibleCustomer(deps, actor, query.customerId) : undefined;
  const group = query.priceGroup ?? customer?.priceGroup;
  const audiences = customer || group !== undefined ? new Set(audiencesFor({ customerId: customer?.id, priceGroup: group })) : undefined;
  const sharedOnly = !seesEverything(actor) && !customer;

  const targets: RuleTarget[] = [
    { kind: 'product', productId: product.id },
    ...product.familyPath.map((familyId): RuleTarget => ({ kind: 'family', familyId })),
    { kind: 'all' },
  ];
  const entries = (await Promise.all(targets.map((target) => everyPage((page) => deps.store.history({ target, to: at, ...(sharedOnly ? { sharedOnly } : {}) }, page))))).flat();
  const standing = rulesStandingAt(entries.filter((entry): entry is RuleHistoryEntry => entry.subject === 'rule'), at).filter(
    (entry) => (entry.rule.validFrom ?? '') <= date && (entry.rule.validTo ?? '9999-12-31') >= date,
  );

  const listIds = [...new Set(standing.map((entry) => entry.listId))];
  const listEntries = await Promise.all(
    listIds.map(async (listId) => listStandingAt((await everyPage((page) => deps.store.history({ listId, to: at }, page))) as ListHistoryEntry[], at)),
  );
  const lists = new Map(
    listEntries
      .filter((entry): entry is ListHistoryEntry => entry !== undefined)
      .filter(({ list }) => list.active && (list.validFrom ?? '') <= date && (list.validTo ?? '9999-12-31') >= date)
      .filter(({ list }) => !audiences || audiences.has(listAudience(list)))
      .map((entry) => [entry.listId, entry]),
  );
  const rank = new Map(targets.map((target, i) => [targetKey(target), i]));
  const rules = standing
    .filter((entry) => lists.has(entry.listId))
    .sort((a, b) => rank.get(targetKey(a.target))! - rank.get(targetKey(b.target))! || a.ruleId.localeCompare(b.ruleId));
  return { productId: product.id, at, date, lists: [...lists.values()], rules };
}

function periodOf(range: HistoryRange): Pick<HistoryQuery, 'from' | 'to'> {
  const from = range.from !== undefined ? moment(range.from, 'start', '/query/from') : undefined;
  const to = range.to !== undefined ? moment(range.to, 'end', '/query/to') : undefined;
  if (from !== undefined && to !== undefined && to < from) throw ValidationError.field('/query/to', 'must not be before from');
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

const MOMENT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

function moment(value: string, end: 'start' | 'end', pointer: string): string {
  if (!MOMENT.test(value) || Number.isNaN(Date.parse(value))) throw ValidationError.field(pointer, 'must be a date such as "2026-03-01" or a timestamp such as "2026-03-01T10:00:00Z"');
  return instant(value, end);
}

async function everyPage<T>(read: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read({ limit: 200, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
