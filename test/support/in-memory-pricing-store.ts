import { ConflictError, NotFoundError, WriteConflictError } from '../../domain/shared/errors.ts';
import type { DomainEvent } from '../../domain/shared/events.ts';
import { nameOrderKey, searchKey } from '../../domain/shared/text.ts';
import type { PriceHistoryEntry } from '../../domain/pricing/admin/history.ts';
import type { PricingStore, PricingWrite } from '../../domain/pricing/admin/ports.ts';
import {
  audiencesFor,
  DEFAULT_STRUCTURE_RECORD,
  isCustomerList,
  listAudience,
  listOpenOn,
  priceGroupKey,
  ruleOpenOn,
  targetKey,
  type ExchangeRateRecord,
  type PriceListRecord,
  type PriceRuleRecord,
  type PricingStructureRecord,
  type TransportRuleRecord,
  type VatRateRecord,
} from '../../domain/pricing/admin/records.ts';
import { rateExists } from '../../domain/pricing/admin/use-cases/exchange-rates.ts';
import { vatRateExists } from '../../domain/pricing/admin/use-cases/vat-rates.ts';
import { inMemoryPage } from './in-memory-page.ts';

interface StoredRule {
  readonly rule: PriceRuleRecord;
  readonly audience: string;
  readonly shared: boolean;
}

interface StoredEntry {
  readonly entry: PriceHistoryEntry;
  readonly shared: boolean;
}

/**
 * An in-memory PricingStore with the DynamoDB one's rules: all-or-nothing commits, versioned writes, history entries
 * created once, one exchange or VAT rate per key, rule look-ups by target kept to the audiences and the date.
 * `lookups` counts what `rulesFor` would ask DynamoDB (one per distinct product, family, and one for everything).
 */
export function inMemoryPricingStore() {
  const lists = new Map<string, PriceListRecord>();
  const rules = new Map<string, StoredRule>();
  const history = new Map<string, StoredEntry>();
  const rates = new Map<string, ExchangeRateRecord>();
  const vatRates = new Map<string, VatRateRecord>();
  const transport = new Map<string, TransportRuleRecord>();
  let structure: PricingStructureRecord | null = null;
  const events: DomainEvent[] = [];
  const lookups: string[] = [];
  let commits = 0;

  const page = inMemoryPage;
  const byName = (a: PriceListRecord, b: PriceListRecord) => Buffer.compare(Buffer.from(nameOrderKey(a.name, a.id)), Buffer.from(nameOrderKey(b.name, b.id)));
  const ruleKey = (listId: string, ruleId: string) => `${listId}/${ruleId}`;
  const rateKey = (from: string, to: string, validFrom: string) => `${from}/${to}/${validFrom}`;
  const vatKey = (country: string, category: string, validFrom: string) => `${country}/${category}/${validFrom}`;
  const entryKey = (entry: PriceHistoryEntry) => `${entry.listId}/${entry.subject === 'rule' ? entry.ruleId : entry.listId}/${entry.version}`;

  function check<T extends { version: number }>(stored: T | undefined, previous: T | null, kind: string, id: string): void {
    if (previous === null) {
      if (stored) throw new ConflictError('already_exists', `${kind} ${id} already exists`);
      return;
    }
    if (!stored) throw new NotFoundError(kind, id);
    if (stored.version !== previous.version) throw new WriteConflictError();
  }

  const store: PricingStore = {
    async getList(listId) {
      return lists.get(listId) ?? null;
    },
    async listLists(query, request) {
      const matching = [...lists.values()].filter(
        (list) =>
          (query.source === undefined || list.source === query.source) &&
          (query.customerId === undefined || list.customerId === query.customerId) &&
          (query.priceGroup === undefined || (list.priceGroup !== undefined && priceGroupKey(list.priceGroup) === priceGroupKey(query.priceGroup))) &&
          (query.namePrefix === undefined || searchKey(list.name).startsWith(searchKey(query.namePrefix))) &&
          (!query.sharedOnly || !isCustomerList(list)),
      );
      matching.sort(query.customerId !== undefined ? (a, b) => a.source.localeCompare(b.source) || byName(a, b) : byName);
      return page(matching, request);
    },
    async getRule(listId, ruleId) {
      return rules.get(ruleKey(listId, ruleId))?.rule ?? null;
    },
    async listRules(query, request) {
      const matching = [...rules.values()]
        .filter(
          ({ rule, shared }) =>
            (query.listId === undefined || rule.listId === query.listId) &&
            (query.target === undefined || targetKey(rule.target) === targetKey(query.target)) &&
            (!query.sharedOnly || shared),
        )
        .map(({ rule }) => rule)
        .sort((a, b) => `${a.listId}#${a.id}`.localeCompare(`${b.listId}#${b.id}`));
      return page(matching, request);
    },
    async rulesFor(query) {
      const targets = new Set([...new Set(query.productIds)].map((id) => `PRODUCT#${id}`));
      for (const id of new Set(query.familyIds)) targets.add(`FAMILY#${id}`);
      targets.add('ALL');
      lookups.push(...targets);
      const audiences = new Set(audiencesFor(query));
      const found = [...rules.values()].filter(({ rule, audience }) => targets.has(targetKey(rule.target)) && audiences.has(audience) && ruleOpenOn(rule, query.date));
      const open = new Map<string, PriceListRecord>();
      for (const { rule } of found) {
        const list = lists.get(rule.listId);
        if (list && listOpenOn(list, query.date)) open.set(list.id, list);
      }
      return { lists: open, rules: found.map(({ rule }) => rule).filter((rule) => open.has(rule.listId)) };
    },
    async history(query, request) {
      const from = query.from ?? '';
      const to = query.to ?? '\uffff';
      const inPeriod = (entry: PriceHistoryEntry) => entry.changedAt >= from && entry.changedAt <= to;
      const all = [...history.values()];
      let matching: PriceHistoryEntry[];
      if ('listId' in query) {
        matching = all
          .map(({ entry }) => entry)
          .filter((entry) => entry.listId === query.listId && (query.ruleId === undefined ? entry.subject === 'list' : entry.subject === 'rule' && entry.ruleId === query.ruleId) && inPeriod(entry))
          .sort((a, b) => `${a.changedAt}#${a.version}`.localeCompare(`${b.changedAt}#${b.version}`));
      } else {
        const key = targetKey(query.target);
        matching = all
          .filter(({ entry, shared }) => entry.subject === 'rule' && targetKey(entry.target) === key && inPeriod(entry) && (!query.sharedOnly || shared))
          .map(({ entry }) => entry)
          .sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
      }
      return page(matching, request);
    },

    async getExchangeRate(from, to, validFrom) {
      return rates.get(rateKey(from, to, validFrom)) ?? null;
    },
    async listExchangeRates(query, request) {
      const matching = [...rates.values()].filter((rate) => query.from === undefined || (rate.from === query.from && rate.to === query.to));
      matching.sort(
        query.from === undefined
          ? (a, b) => rateKey(a.from, a.to, a.validFrom).localeCompare(rateKey(b.from, b.to, b.validFrom))
          : (a, b) => b.validFrom.localeCompare(a.validFrom),
      );
      return page(matching, request);
    },
    async exchangeRates(pairs, date) {
      const seen = new Set<string>();
      return pairs.flatMap(({ from, to }) => {
        if (seen.has(`${from}/${to}`)) return [];
        seen.add(`${from}/${to}`);
        const inForce = [...rates.values()].filter((rate) => rate.from === from && rate.to === to && rate.validFrom <= date).sort((a, b) => b.validFrom.localeCompare(a.validFrom));
        return inForce.slice(0, 1);
      });
    },

    async getVatRate(countryCode, category, validFrom) {
      return vatRates.get(vatKey(countryCode, category, validFrom)) ?? null;
    },
    async listVatRates(query, request) {
      const matching = [...vatRates.values()]
        .filter((rate) => query.countryCode === undefined || rate.countryCode === query.countryCode)
        .sort((a, b) => vatKey(a.countryCode, a.category, a.validFrom).localeCompare(vatKey(b.countryCode, b.category, b.validFrom)));
      return page(matching, request);
    },
    async vatRates(countryCode, date) {
      const result: Record<string, string> = {};
      const latest = new Map<string, VatRateRecord>();
      for (const rate of vatRates.values()) {
        if (rate.countryCode !== countryCode || rate.validFrom > date) continue;
        const known = latest.get(rate.category);
        if (!known || rate.validFrom > known.validFrom) latest.set(rate.category, rate);
      }
      for (const [category, rate] of latest) result[category] = rate.rate;
      return result;
    },

    async getTransportRule(ruleId) {
      return transport.get(ruleId) ?? null;
    },
    async listTransportRules(request) {
      return page([...transport.values()].sort((a, b) => Buffer.compare(Buffer.from(nameOrderKey(a.name, a.id)), Buffer.from(nameOrderKey(b.name, b.id)))), request);
    },
    async transportRules(incoterm, countryCode) {
      return [...transport.values()]
        .filter((rule) => (rule.incoterm === undefined || rule.incoterm === incoterm) && (rule.countries === undefined || (countryCode !== undefined && rule.countries.includes(countryCode))))
        .sort((a, b) => a.id.localeCompare(b.id));
    },

    async structure() {
      return structure ?? DEFAULT_STRUCTURE_RECORD;
    },

    async commit(writes, newEvents) {
      const next = {
        lists: new Map(lists),
        rules: new Map(rules),
        history: new Map(history),
        rates: new Map(rates),
        vatRates: new Map(vatRates),
        transport: new Map(transport),
        structure,
      };
      const touched = new Set<string>();
      for (const write of writes) {
        const item = itemOf(write);
        if (touched.has(item)) throw new Error(`One commit writes ${item} twice: DynamoDB refuses two operations on one item in a transaction`);
        touched.add(item);
        apply(next, write);
      }
      commits++;
      for (const [target, source] of [
        [lists, next.lists],
        [rules, next.rules],
        [history, next.history],
        [rates, next.rates],
        [vatRates, next.vatRates],
        [transport, next.transport],
      ] as const) {
        (target as Map<string, unknown>).clear();
        for (const [key, value] of source as Map<string, unknown>) (target as Map<string, unknown>).set(key, value);
      }
      structure = next.structure;
      events.push(...newEvents);
    },
  };

  function itemOf(write: PricingWrite): string {
    switch (write.entity) {
      case 'list':
        return `list/${write.next.id}`;
      case 'rule':
        return `rule/${(write.next ?? write.previous)!.id}`;
      case 'history':
        return `history/${entryKey(write.entry)}`;
      case 'exchangeRate': {
        const rate = (write.next ?? write.previous)!;
        return `rate/${rateKey(rate.from, rate.to, rate.validFrom)}`;
      }
      case 'vatRate': {
        const rate = (write.next ?? write.previous)!;
        return `vat/${vatKey(rate.countryCode, rate.category, rate.validFrom)}`;
      }
      case 'transportRule':
        return `transport/${(write.next ?? write.previous)!.id}`;
      case 'structure':
        return 'structure';
    }
  }

  type State = {
    lists: Map<string, PriceListRecord>;
    rules: Map<string, StoredRule>;
    history: Map<string, StoredEntry>;
    rates: Map<string, ExchangeRateRecord>;
    vatRates: Map<string, VatRateRecord>;
    transport: Map<string, TransportRuleRecord>;
    structure: PricingStructureRecord | null;
  };

  function apply(state: State, write: PricingWrite): void {
    switch (write.entity) {
      case 'list':
        check(state.lists.get(write.next.id), write.previous, 'PriceList', write.next.id);
        state.lists.set(write.next.id, write.next);
        return;
      case 'rule': {
        const rule = (write.next ?? write.previous)!;
        const key = ruleKey(rule.listId, rule.id);
        check(state.rules.get(key)?.rule, write.previous, 'PriceRule', rule.id);
        if (write.next) state.rules.set(key, { rule: write.next, audience: listAudience(write.list), shared: !isCustomerList(write.list) });
        else state.rules.delete(key);
        return;
      }
      case 'history': {
        const key = entryKey(write.entry);
        if (state.history.has(key)) throw new ConflictError('already_exists', `History entry ${key} already exists`);
        state.history.set(key, { entry: write.entry, shared: !isCustomerList(write.list) });
        return;
      }
      case 'exchangeRate': {
        const rate = (write.next ?? write.previous)!;
        const key = rateKey(rate.from, rate.to, rate.validFrom);
        if (write.previous === null && state.rates.has(key)) throw rateExists(rate);
        check(state.rates.get(key), write.previous, 'ExchangeRate', key);
        if (write.next) state.rates.set(key, write.next);
        else state.rates.delete(key);
        return;
      }
      case 'vatRate': {
        const rate = (write.next ?? write.previous)!;
        const key = vatKey(rate.countryCode, rate.category, rate.validFrom);
        if (write.previous === null && state.vatRates.has(key)) throw vatRateExists(rate);
        check(state.vatRates.get(key), write.previous, 'VatRate', key);
        if (write.next) state.vatRates.set(key, write.next);
        else state.vatRates.delete(key);
        return;
      }
      case 'transportRule': {
        const rule = (write.next ?? write.previous)!;
        check(state.transport.get(rule.id), write.previous, 'TransportRule', rule.id);
        if (write.next) state.transport.set(rule.id, write.next);
        else state.transport.delete(rule.id);
        return;
      }
      case 'structure':
        if (write.previous === null && state.structure) throw new WriteConflictError();
        check(state.structure ?? undefined, write.previous, 'PricingStructure', 'current');
        state.structure = write.next;
        return;
    }
  }

  return { store, events, lookups, commitCount: () => commits, lists, rules, history };
}

function sortKey(entry: PriceHistoryEntry): string {
  return `${entry.changedAt}#${entry.subject === 'rule' ? entry.ruleId : entry.listId}#${String(entry.version).padStart(6, '0')}`;
}
