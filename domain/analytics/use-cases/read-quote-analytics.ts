import { seesEverything, type Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { ValidationError } from '../../shared/errors.ts';
import { addCounters, COUNTER_NAMES, type Counters } from '../counters.ts';
import { addMonths, monthOf, monthsSpanned, type Month } from '../months.ts';
import type { GroupBy, QuoteAnalyticsStore } from '../ports.ts';
import { quoteFigures, type QuoteFigures } from '../quote-figures.ts';
import type { Scope } from '../quote-increments.ts';
import type { QuoteAggregate } from '../records.ts';

export interface QuoteAnalyticsDeps {
  readonly store: QuoteAnalyticsStore;
  readonly clock: Clock;
}

export const DEFAULT_MONTHS = 12;
export const MAX_MONTHS = 24;

export interface QuoteAnalyticsQuery {
  readonly from?: Month;
  readonly to?: Month;
  readonly groupBy: GroupBy;
  readonly agentId?: string;
  /** A customer's id, or `prospect`. */
  readonly customerId?: string;
}

export interface QuoteAnalytics {
  readonly from: Month;
  readonly to: Month;
  readonly groupBy: GroupBy;
  readonly agentId?: string;
  readonly customerId?: string;
  /** One per group (a month, an agent, a customer) and currency, by group then currency. */
  readonly groups: readonly (QuoteFigures & { readonly key: string })[];
}

/** The range asked for: by default the last 12 months to the current one (in Paris), at most 24. */
function monthRange(query: QuoteAnalyticsQuery, clock: Clock): { from: Month; to: Month } {
  const to = query.to ?? (query.from === undefined ? monthOf(clock.now()) : addMonths(query.from, DEFAULT_MONTHS - 1));
  const from = query.from ?? addMonths(to, -(DEFAULT_MONTHS - 1));
  const months = monthsSpanned(from, to);
  if (months < 1) throw ValidationError.field('/query/to', `must not be before from (${from})`);
  if (months > MAX_MONTHS) throw ValidationError.field('/query/to', `spans ${months} months from ${from}: at most ${MAX_MONTHS}`);
  return { from, to };
}

/** An agent's figures are always their own (asking for another agent's is a 400), as their quotes are. */
function scopeFor(actor: Actor, query: QuoteAnalyticsQuery): Scope {
  if (!seesEverything(actor) && query.agentId !== undefined && query.agentId !== actor.id) {
    throw ValidationError.field('/query/agentId', 'agents can only read their own figures');
  }
  const agentId = seesEverything(actor) ? query.agentId : actor.id;
  return { ...(agentId === undefined ? {} : { agentId }), ...(query.customerId === undefined ? {} : { customerKey: query.customerId }) };
}

function groupKey(aggregate: QuoteAggregate, groupBy: GroupBy): string {
  const key = { month: aggregate.month, agent: aggregate.agentId, customer: aggregate.customerKey }[groupBy];
  if (key === undefined) throw new Error(`An aggregate read for groupBy=${groupBy} has no ${groupBy}`);
  return key;
}

const countersOf = (aggregate: QuoteAggregate): Counters => Object.fromEntries(COUNTER_NAMES.flatMap((name) => (aggregate[name] === undefined ? [] : [[name, aggregate[name]]])));

/**
 * QUO-7: quote figures per month, agent or customer, in each currency: counts and amounts quoted, accepted, converted,
 * declined and expired, acceptance and conversion rates, mean and median days to acceptance.
 * Input: the range (months, in Paris), the grouping, optional agent and customer filters. Output: the figures.
 * Steps: check the range and whose figures the actor may read; read the aggregates (a bounded number of Queries,
 * whatever the number of quotes); add them up per group and currency over the range.
 */
export async function readQuoteAnalytics(deps: QuoteAnalyticsDeps, actor: Actor, query: QuoteAnalyticsQuery): Promise<QuoteAnalytics> {
  const { from, to } = monthRange(query, deps.clock);
  const scope = scopeFor(actor, query);
  const aggregates = await deps.store.aggregates({ scope, groupBy: query.groupBy, from, to });
  const sums = new Map<string, { key: string; currency: string; counters: Counters }>();
  for (const aggregate of aggregates) {
    const key = groupKey(aggregate, query.groupBy);
    const id = JSON.stringify([key, aggregate.currency]);
    sums.set(id, { key, currency: aggregate.currency, counters: addCounters(sums.get(id)?.counters ?? {}, countersOf(aggregate)) });
  }
  const groups = [...sums.values()]
    // An aggregate whose counters all came back to 0 (its only quote moved to an earlier month) is no group.
    .filter(({ counters }) => Object.keys(counters).length > 0)
    .sort((a, b) => (a.key === b.key ? a.currency.localeCompare(b.currency) : a.key < b.key ? -1 : 1))
    .map(({ key, currency, counters }) => ({ key, ...quoteFigures(counters, currency) }));
  return {
    from,
    to,
    groupBy: query.groupBy,
    ...(scope.agentId === undefined ? {} : { agentId: scope.agentId }),
    ...(scope.customerKey === undefined ? {} : { customerId: scope.customerKey }),
    groups,
  };
}
