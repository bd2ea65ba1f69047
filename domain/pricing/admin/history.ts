import type { RuleTarget } from '../model.ts';
import type { PriceListRecord, PriceRuleRecord } from './records.ts';

/**
 * The price history (PRC-5): every change to a list or a rule is kept as an immutable entry holding the whole
 * record as it became, when and by whom. It is written in the same transaction as the change, so the history
 * is never behind the records, and it answers "what was this price on that date, and who changed it".
 */
export type HistoryChange = 'created' | 'updated' | 'removed';

interface HistoryBase {
  readonly listId: string;
  /**
   * The version the change made. A removal is a change too: its entry has the next version and holds the record
   * as it was when removed.
   */
  readonly version: number;
  readonly change: HistoryChange;
  readonly changedAt: string;
  readonly changedBy: string;
  /** What an update changed. */
  readonly changedFields?: readonly string[];
}

export interface RuleHistoryEntry extends HistoryBase {
  readonly subject: 'rule';
  readonly ruleId: string;
  readonly target: RuleTarget;
  readonly rule: PriceRuleRecord;
}

export interface ListHistoryEntry extends HistoryBase {
  readonly subject: 'list';
  readonly list: PriceListRecord;
}

export type PriceHistoryEntry = RuleHistoryEntry | ListHistoryEntry;

/** The entry of a rule's change: `next` null removes `previous`. */
export function ruleHistoryEntry(
  previous: PriceRuleRecord | null,
  next: PriceRuleRecord | null,
  context: { readonly changedAt: string; readonly changedBy: string; readonly changedFields?: readonly string[] },
): RuleHistoryEntry {
  const rule = (next ?? previous)!;
  return {
    subject: 'rule',
    listId: rule.listId,
    ruleId: rule.id,
    target: rule.target,
    version: next ? next.version : rule.version + 1,
    change: next === null ? 'removed' : previous === null ? 'created' : 'updated',
    changedAt: context.changedAt,
    changedBy: context.changedBy,
    ...(context.changedFields ? { changedFields: context.changedFields } : {}),
    rule,
  };
}

export function listHistoryEntry(previous: PriceListRecord | null, next: PriceListRecord, changedFields?: readonly string[]): ListHistoryEntry {
  return {
    subject: 'list',
    listId: next.id,
    version: next.version,
    change: previous === null ? 'created' : 'updated',
    changedAt: next.updatedAt,
    changedBy: next.updatedBy,
    ...(changedFields ? { changedFields } : {}),
    list: next,
  };
}

/** "2026-03-01" → the first or the last millisecond of that day (UTC); a timestamp is kept, normalised. */
export function instant(value: string, end: 'start' | 'end'): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T${end === 'start' ? '00:00:00.000' : '23:59:59.999'}Z`;
  return new Date(value).toISOString();
}

/**
 * The rules as they stood at `at`: for each rule, its latest entry made at or before `at`, unless that entry removed
 * it. Entries of any order; the result is ordered by rule id.
 */
export function rulesStandingAt(entries: readonly RuleHistoryEntry[], at: string): RuleHistoryEntry[] {
  const latest = new Map<string, RuleHistoryEntry>();
  for (const entry of entries) {
    if (entry.changedAt > at) continue;
    const known = latest.get(entry.ruleId);
    if (!known || entry.version > known.version) latest.set(entry.ruleId, entry);
  }
  return [...latest.values()].filter((entry) => entry.change !== 'removed').sort((a, b) => a.ruleId.localeCompare(b.ruleId));
}

/** A list as it stood at `at`: its latest entry made at or before then (none: the list did not exist yet). */
export function listStandingAt(entries: readonly ListHistoryEntry[], at: string): ListHistoryEntry | undefined {
  let best: ListHistoryEntry | undefined;
  for (const entry of entries) {
    if (entry.changedAt <= at && (!best || entry.version > best.version)) best = entry;
  }
  return best;
}
