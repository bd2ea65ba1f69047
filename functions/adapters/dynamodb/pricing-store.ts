import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { HistoryQuery, PriceListQuery, PricingStore, PricingWrite } from '../../../domain/pricing/admin/ports.ts';
import type { PriceHistoryEntry } from '../../../domain/pricing/admin/history.ts';
import {
  DEFAULT_STRUCTURE_RECORD,
  isCustomerList,
  listAudience,
  listOpenOn,
  priceGroupKey,
  targetKey,
  type ExchangeRateRecord,
  type PriceListRecord,
  type PriceRuleRecord,
  type PricingStructureRecord,
  type TransportRuleRecord,
  type VatRateRecord,
} from '../../../domain/pricing/admin/records.ts';
import { rateExists } from '../../../domain/pricing/admin/use-cases/exchange-rates.ts';
import { vatRateExists } from '../../../domain/pricing/admin/use-cases/vat-rates.ts';
import { WriteConflictError } from '../../../domain/shared/errors.ts';
import type { Page, PageRequest } from '../../../domain/shared/page.ts';
import { nameOrderKey, searchKey } from '../../../domain/shared/text.ts';
import { batchGet } from './batch-get.ts';
import type { Table } from './client.ts';
import { fromItem, type Item } from './items.ts';
import { queryAll, queryKeyPage, type Filter, type KeyQuery } from './pagination.ts';
import { lookUpRules, ruleLookupWrites } from './rule-lookups.ts';
import { transact, type TableWrite } from './transactions.ts';

/** "Any Incoterm" / "any country" in the transport look-up keys (Incoterms and country codes are upper-case letters). */
const ANY = 'ANY';
/** Sorts after every character of a timestamp or an id: the end of a sort-key range. */
const HIGH = '~';

const pad = (version: number) => String(version).padStart(6, '0');

/** Keys of the pricing configuration; the chart in README.md explains each. */
export const pricingKeys = {
  list: (listId: string) => ({ pk: `PRICELIST#${listId}`, sk: '#PRICELIST' }),
  /** In the list's partition: a list's rules are one Query. */
  rule: (listId: string, ruleId: string) => ({ pk: `PRICELIST#${listId}`, sk: `RULE#${ruleId}` }),
  /** In the list's partition, per rule (or the list itself) in time order. */
  history: (listId: string, subjectId: string, changedAt: string, version: number) => ({ pk: `PRICELIST#${listId}`, sk: `HISTORY#${subjectId}#${changedAt}#${pad(version)}` }),
  exchangeRate: (from: string, to: string, validFrom: string) => ({ pk: `EXCHANGE_RATE#${from}#${to}`, sk: validFrom }),
  vatRate: (countryCode: string, category: string, validFrom: string) => ({ pk: `VAT_RATE#${countryCode}`, sk: `${category}#${validFrom}` }),
  transportRule: (ruleId: string) => ({ pk: `TRANSPORT_RULE#${ruleId}`, sk: '#TRANSPORT_RULE' }),
  /** A copy of the rule per Incoterm (or ANY) and country (or ANY) it covers: a document's rules are up to four Queries. */
  transportLookup: (incoterm: string, countryCode: string, ruleId: string) => ({ pk: `TRANSPORT#${incoterm}#${countryCode}`, sk: ruleId }),
  structure: () => ({ pk: 'PRICING_STRUCTURE', sk: '#CURRENT' }),
};

/** Attributes this adapter adds to its items, beyond the table's own (stripped by `fromItem`). */
const PRICING_STORAGE = ['audience', 'listScope'] as const;

function fromPricingItem<T>(item: Item): T {
  const value = fromItem<Record<string, unknown>>(item);
  for (const attribute of PRICING_STORAGE) delete value[attribute];
  return value as T;
}

/** Who a list is for, on the list, its rules and their history: look-ups filter on it without reading the list. */
function audienceOf(list: PriceListRecord): Item {
  return { audience: listAudience(list), listScope: isCustomerList(list) ? 'customer' : 'shared' };
}

function listItem(list: PriceListRecord): Item {
  const nameKey = searchKey(list.name);
  const byName = nameOrderKey(list.name, list.id);
  const owner =
    list.customerId !== undefined
      ? { gsi4pk: `CUSTOMER#${list.customerId}#PRICELISTS`, gsi4sk: `${list.source}#${byName}` }
      : list.priceGroup !== undefined
        ? { gsi4pk: `PRICEGROUP#${priceGroupKey(list.priceGroup)}#PRICELISTS`, gsi4sk: byName }
        : {};
  return {
    ...pricingKeys.list(list.id),
    entity: 'price-list',
    nameKey,
    ...audienceOf(list),
    gsi1pk: 'PRICELISTS',
    gsi1sk: byName,
    gsi3pk: `PRICELISTS#SOURCE#${list.source}`,
    gsi3sk: byName,
    ...owner,
    ...list,
  };
}

function ruleItem(list: PriceListRecord, rule: PriceRuleRecord): Item {
  return {
    ...pricingKeys.rule(rule.listId, rule.id),
    entity: 'price-rule',
    ...audienceOf(list),
    gsi4pk: `PRICES#${targetKey(rule.target)}`,
    gsi4sk: `${rule.listId}#${rule.id}`,
    ...rule,
  };
}

function historyItem(list: PriceListRecord, entry: PriceHistoryEntry): Item {
  const subjectId = entry.subject === 'rule' ? entry.ruleId : entry.listId;
  return {
    ...pricingKeys.history(entry.listId, subjectId, entry.changedAt, entry.version),
    entity: 'price-history',
    ...audienceOf(list),
    ...(entry.subject === 'rule' ? { gsi5pk: `PRICE_HISTORY#${targetKey(entry.target)}`, gsi5sk: `${entry.changedAt}#${entry.ruleId}#${pad(entry.version)}` } : {}),
    ...entry,
  };
}

function exchangeRateItem(rate: ExchangeRateRecord): Item {
  return { ...pricingKeys.exchangeRate(rate.from, rate.to, rate.validFrom), entity: 'exchange-rate', gsi1pk: 'EXCHANGE_RATES', gsi1sk: `${rate.from}#${rate.to}#${rate.validFrom}`, ...rate };
}

function vatRateItem(rate: VatRateRecord): Item {
  return { ...pricingKeys.vatRate(rate.countryCode, rate.category, rate.validFrom), entity: 'vat-rate', gsi1pk: 'VAT_RATES', gsi1sk: `${rate.countryCode}#${rate.category}#${rate.validFrom}`, ...rate };
}

function transportRuleItem(rule: TransportRuleRecord): Item {
  return { ...pricingKeys.transportRule(rule.id), entity: 'transport-rule', nameKey: searchKey(rule.name), gsi1pk: 'TRANSPORT_RULES', gsi1sk: nameOrderKey(rule.name, rule.id), ...rule };
}

function transportLookups(rule: TransportRuleRecord): Item[] {
  return (rule.countries ?? [ANY]).map((country) => ({ ...pricingKeys.transportLookup(rule.incoterm ?? ANY, country, rule.id), entity: 'transport-lookup', ...rule }));
}

/** A versioned record: created, replaced or removed at the version the use case read. */
function versioned<T extends { readonly version: number }>(previous: T | null, next: T | null, item: (record: T) => Item, resource: string, id: string): TableWrite[] {
  if (previous && next) return [{ kind: 'replace', item: item(next), expectedVersion: previous.version, resource, id }];
  if (next) return [{ kind: 'create', item: item(next), resource }];
  if (previous) {
    const { pk, sk } = item(previous);
    return [{ kind: 'remove', key: { pk, sk }, expectedVersion: previous.version, resource, id }];
  }
  return [];
}

/** The items one domain change writes. */
function toTableWrites(write: PricingWrite): TableWrite[] {
  switch (write.entity) {
    case 'list':
      // Its rules' items and look-up copies are keyed by its audience: a list for someone else is another list.
      if (write.previous && listAudience(write.previous) !== listAudience(write.next)) throw new Error(`Price list ${write.next.id} cannot change its audience`);
      return versioned(write.previous, write.next, listItem, 'PriceList', write.next.id);
    case 'rule': {
      const rule = (write.next ?? write.previous)!;
      return versioned(write.previous, write.next, (record) => ruleItem(write.list, record), 'PriceRule', rule.id);
    }
    case 'history':
      return [{ kind: 'create', item: historyItem(write.list, write.entry), resource: 'PriceHistoryEntry' }];
    case 'exchangeRate': {
      const rate = (write.next ?? write.previous)!;
      const id = `${rate.from}/${rate.to}/${rate.validFrom}`;
      if (!write.previous) return [{ kind: 'claim', item: exchangeRateItem(write.next!), conflict: rateExists(rate) }];
      return versioned(write.previous, write.next, exchangeRateItem, 'ExchangeRate', id);
    }
    case 'vatRate': {
      const rate = (write.next ?? write.previous)!;
      const id = `${rate.countryCode}/${rate.category}/${rate.validFrom}`;
      if (!write.previous) return [{ kind: 'claim', item: vatRateItem(write.next!), conflict: vatRateExists(rate) }];
      return versioned(write.previous, write.next, vatRateItem, 'VatRate', id);
    }
    case 'transportRule':
      return transportWrites(write.previous, write.next);
    case 'structure': {
      const item = (structure: PricingStructureRecord) => ({ ...pricingKeys.structure(), entity: 'pricing-structure', ...structure });
      // The first change replaces the default (version 0): a concurrent first change is a lost race on the item's absence.
      if (!write.previous) return [{ kind: 'claim', item: item(write.next), conflict: new WriteConflictError() }];
      return versioned(write.previous, write.next, item, 'PricingStructure', 'current');
    }
  }
}

/** The rule and its look-up copies: kept copies are replaced at the rule's version, others created or removed. */
function transportWrites(previous: TransportRuleRecord | null, next: TransportRuleRecord | null): TableWrite[] {
  const id = (next ?? previous)!.id;
  const writes = versioned(previous, next, transportRuleItem, 'TransportRule', id);
  const before = new Map((previous ? transportLookups(previous) : []).map((item) => [String(item.pk), item]));
  const after = new Map((next ? transportLookups(next) : []).map((item) => [String(item.pk), item]));
  for (const [pk, item] of after) {
    writes.push(before.has(pk) ? { kind: 'replace', item, expectedVersion: previous!.version, resource: 'TransportRule', id } : { kind: 'create', item, resource: 'TransportRule' });
  }
  for (const [pk, item] of before) {
    if (!after.has(pk)) writes.push({ kind: 'remove', key: { pk: item.pk, sk: item.sk }, expectedVersion: previous!.version, resource: 'TransportRule', id });
  }
  return writes;
}

const shared: Filter = { attribute: 'listScope', test: 'equals', value: 'shared' };

/** The list Query: a customer's or a group's lists, a source's, or all, by name; the other filters inside it. */
export function priceListQuery(query: PriceListQuery): KeyQuery {
  const name = query.namePrefix !== undefined ? searchKey(query.namePrefix) : undefined;
  const byName = name ? { sortPrefix: name } : {};
  const filters: Filter[] = query.sharedOnly ? [shared] : [];
  let key: KeyQuery;
  if (query.customerId !== undefined) {
    key = { index: 'gsi4', partition: `CUSTOMER#${query.customerId}#PRICELISTS`, ...(query.source ? { sortPrefix: `${query.source}#${name ?? ''}` } : {}) };
    if (!query.source && name) filters.push({ attribute: 'nameKey', test: 'beginsWith', value: name });
  } else if (query.priceGroup !== undefined) key = { index: 'gsi4', partition: `PRICEGROUP#${priceGroupKey(query.priceGroup)}#PRICELISTS`, ...byName };
  else if (query.source !== undefined) key = { index: 'gsi3', partition: `PRICELISTS#SOURCE#${query.source}`, ...byName };
  else key = { index: 'gsi1', partition: 'PRICELISTS', ...byName };
  if (query.source !== undefined && key.index === 'gsi4' && query.customerId === undefined) filters.push({ attribute: 'source', test: 'equals', value: query.source });
  if (query.priceGroup !== undefined && query.customerId !== undefined) filters.push({ attribute: 'audience', test: 'equals', value: `GROUP#${priceGroupKey(query.priceGroup)}` });
  return { ...key, filters };
}

/** A history Query: one rule's (or the list's own) entries in the list's partition, or a target's across lists. */
export function historyQuery(query: HistoryQuery): KeyQuery {
  const until = query.to !== undefined ? `${query.to}#${HIGH}` : undefined;
  if ('listId' in query) {
    const prefix = `HISTORY#${query.ruleId ?? query.listId}#`;
    return { partition: `PRICELIST#${query.listId}`, sortFrom: `${prefix}${query.from ?? ''}`, sortTo: `${prefix}${until ?? HIGH}` };
  }
  return {
    index: 'gsi5',
    partition: `PRICE_HISTORY#${targetKey(query.target)}`,
    ...(query.from !== undefined ? { sortFrom: query.from } : {}),
    ...(until !== undefined ? { sortTo: until } : {}),
    filters: query.sharedOnly ? [shared] : [],
  };
}

export function createPricingStore(table: Table): PricingStore {
  // Strongly consistent: a client that just wrote a record reads it back at its new version (If-Match).
  const getItem = async (key: Item) => (await table.client.send(new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }))).Item;
  const page = async <T>(query: KeyQuery, request: PageRequest): Promise<Page<T>> => {
    const result = await queryKeyPage(table, query, request);
    return { items: result.items.map((item) => fromPricingItem<T>(item)), nextCursor: result.nextCursor };
  };

  return {
    async getList(listId) {
      const item = await getItem(pricingKeys.list(listId));
      return item ? fromPricingItem<PriceListRecord>(item) : null;
    },

    listLists: (query, request) => page<PriceListRecord>(priceListQuery(query), request),

    async getRule(listId, ruleId) {
      const item = await getItem(pricingKeys.rule(listId, ruleId));
      return item ? fromPricingItem<PriceRuleRecord>(item) : null;
    },

    listRules(query, request) {
      if (query.target !== undefined) {
        return page<PriceRuleRecord>(
          { index: 'gsi4', partition: `PRICES#${targetKey(query.target)}`, ...(query.listId ? { sortPrefix: `${query.listId}#` } : {}), filters: query.sharedOnly ? [shared] : [] },
          request,
        );
      }
      if (query.listId === undefined) throw new Error('listRules needs a list or a target');
      return page<PriceRuleRecord>({ partition: `PRICELIST#${query.listId}`, sortPrefix: 'RULE#', filters: query.sharedOnly ? [shared] : [] }, request);
    },

    async rulesFor(query) {
      const rules = await lookUpRules(table, query);
      const listIds = [...new Set(rules.map((rule) => rule.listId))];
      const lists = listIds.length > 0 ? (await batchGet(table, listIds.map(pricingKeys.list))).map((item) => fromPricingItem<PriceListRecord>(item)) : [];
      const open = new Map(lists.filter((list) => listOpenOn(list, query.date)).map((list) => [list.id, list]));
      return { lists: open, rules: rules.filter((rule) => open.has(rule.listId)) };
    },

    history: (query, request) => page<PriceHistoryEntry>(historyQuery(query), request),

    async getExchangeRate(from, to, validFrom) {
      const item = await getItem(pricingKeys.exchangeRate(from, to, validFrom));
      return item ? fromPricingItem<ExchangeRateRecord>(item) : null;
    },

    listExchangeRates(query, request) {
      if (query.from !== undefined && query.to !== undefined) return page<ExchangeRateRecord>({ partition: `EXCHANGE_RATE#${query.from}#${query.to}`, descending: true }, request);
      return page<ExchangeRateRecord>({ index: 'gsi1', partition: 'EXCHANGE_RATES' }, request);
    },

    async exchangeRates(pairs, date) {
      const distinct = [...new Map(pairs.map((pair) => [`${pair.from}#${pair.to}`, pair])).values()];
      const found = await Promise.all(
        distinct.map(async ({ from, to }) => {
          const result = await table.client.send(
            new QueryCommand({
              TableName: table.name,
              KeyConditionExpression: 'pk = :pk AND sk <= :date',
              ExpressionAttributeValues: { ':pk': pricingKeys.exchangeRate(from, to, date).pk, ':date': date },
              ScanIndexForward: false,
              Limit: 1,
              ConsistentRead: true,
            }),
          );
          return (result.Items ?? []).map((item) => fromPricingItem<ExchangeRateRecord>(item));
        }),
      );
      return found.flat();
    },

    async getVatRate(countryCode, category, validFrom) {
      const item = await getItem(pricingKeys.vatRate(countryCode, category, validFrom));
      return item ? fromPricingItem<VatRateRecord>(item) : null;
    },

    listVatRates(query, request) {
      if (query.countryCode !== undefined) return page<VatRateRecord>({ partition: `VAT_RATE#${query.countryCode}` }, request);
      return page<VatRateRecord>({ index: 'gsi1', partition: 'VAT_RATES' }, request);
    },

    async vatRates(countryCode, date) {
      // A country's rates are a few dozen items: one Query, the latest rate of each category kept.
      const items = await queryAll(table, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `VAT_RATE#${countryCode}` },
        ConsistentRead: true,
      });
      const latest = new Map<string, VatRateRecord>();
      for (const rate of items.map((item) => fromPricingItem<VatRateRecord>(item))) {
        if (rate.validFrom > date) continue;
        const known = latest.get(rate.category);
        if (!known || rate.validFrom > known.validFrom) latest.set(rate.category, rate);
      }
      return Object.fromEntries([...latest].map(([category, rate]) => [category, rate.rate]));
    },

    async getTransportRule(ruleId) {
      const item = await getItem(pricingKeys.transportRule(ruleId));
      return item ? fromPricingItem<TransportRuleRecord>(item) : null;
    },

    listTransportRules: (request) => page<TransportRuleRecord>({ index: 'gsi1', partition: 'TRANSPORT_RULES' }, request),

    async transportRules(incoterm, countryCode) {
      const partitions = [...new Set([incoterm ?? ANY, ANY])].flatMap((inc) => [...new Set([countryCode ?? ANY, ANY])].map((country) => pricingKeys.transportLookup(inc, country, '').pk));
      const found = await Promise.all(
        partitions.map((pk) => queryAll(table, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true })),
      );
      const rules = new Map(found.flat().map((item) => [String(item.sk), fromPricingItem<TransportRuleRecord>(item)]));
      return [...rules.values()].sort((a, b) => a.id.localeCompare(b.id));
    },

    async structure() {
      const item = await getItem(pricingKeys.structure());
      return item ? fromPricingItem<PricingStructureRecord>(item) : DEFAULT_STRUCTURE_RECORD;
    },

    async commit(writes, events) {
      await transact(table, [...writes.flatMap(toTableWrites), ...ruleLookupWrites(writes)], events);
    },
  };
}
