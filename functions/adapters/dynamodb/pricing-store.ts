import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { HistoryQuery, PriceListQuery, PricingStore, PricingWrite } from '../../../domain/pricing/admin/ports.ts';
import type { PriceHistoryEntry, RuleHistoryEntry } from '../../../domain/pricing/admin/history.ts';
import {
  exchangeRateRecordSchema,
  priceHistoryEntrySchema,
  priceListRecordSchema,
  priceRuleRecordSchema,
  pricingStructureRecordSchema,
  transportRuleRecordSchema,
  vatRateRecordSchema,
} from '../../../domain/pricing/admin/record-schemas.ts';
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
  type TransportRuleRecord,
  type VatRateRecord,
} from '../../../domain/pricing/admin/records.ts';
import type { RuleTarget } from '../../../domain/pricing/model.ts';
import { rateExists } from '../../../domain/pricing/admin/use-cases/exchange-rates.ts';
import { vatRateExists } from '../../../domain/pricing/admin/use-cases/vat-rates.ts';
import { WriteConflictError } from '../../../domain/shared/errors.ts';
import { nameOrderKey, searchKey } from '../../../domain/shared/text.ts';
import { batchGet } from './batch-get.ts';
import type { Table } from './client.ts';
import { defineEntity } from './entity.ts';
import type { Item } from './items.ts';
import { queryAll, type Filter, type KeyQuery } from './pagination.ts';
import { getRecord, recordPage } from './record-reads.ts';
import { lookUpRules, ruleLookupWrites } from './rule-lookups.ts';
import { transact, type TableWrite } from './transactions.ts';

/** "Any Incoterm" / "any country" in the transport look-up keys (Incoterms and country codes are upper-case letters). */
const ANY = 'ANY';
/** Sorts after every character of a timestamp or an id: the end of a sort-key range. */
const HIGH = '~';

const pad = (version: number) => String(version).padStart(6, '0');
const byName = (record: { name: string; id: string }) => nameOrderKey(record.name, record.id);
const listScope = (list: Pick<PriceListRecord, 'customerId'>) => (isCustomerList(list) ? 'customer' : 'shared');

/** Who a list is for, on the list, its rules and their history: look-ups filter on it without reading the list. */
function audienceOf(list: PriceListRecord): { audience: string; listScope: string } {
  return { audience: listAudience(list), listScope: listScope(list) };
}

/** A customer's lists and offers sort by source, then name (the source is a key prefix); a group's by name. */
type ListOwner = Pick<PriceListRecord, 'customerId' | 'priceGroup' | 'source' | 'name' | 'id'>;

/** The entities of the pricing configuration; the chart in README.md explains each key. */
export const priceListEntity = defineEntity({
  name: 'price-list',
  schema: priceListRecordSchema,
  key: { pk: (list: Pick<PriceListRecord, 'id'>) => `PRICELIST#${list.id}`, sk: () => '#PRICELIST' },
  indexes: {
    gsi1: { pk: () => 'PRICELISTS', sk: byName },
    gsi3: { pk: (list: Pick<PriceListRecord, 'source'>) => `PRICELISTS#SOURCE#${list.source}`, sk: byName },
    gsi4: {
      pk: (list: Partial<ListOwner>) =>
        list.customerId !== undefined ? `CUSTOMER#${list.customerId}#PRICELISTS` : list.priceGroup !== undefined ? `PRICEGROUP#${priceGroupKey(list.priceGroup)}#PRICELISTS` : undefined,
      sk: (list: ListOwner) => (list.customerId !== undefined ? `${list.source}#${byName(list)}` : byName(list)),
    },
  },
  attributes: { nameKey: (list) => searchKey(list.name), audience: listAudience, listScope },
});

type RuleKey = Pick<PriceRuleRecord, 'listId' | 'id'>;

export const priceRuleEntity = defineEntity({
  name: 'price-rule',
  schema: priceRuleRecordSchema,
  /** In the list's partition: a list's rules are one Query. */
  key: { pk: (rule: RuleKey) => priceListEntity.key({ id: rule.listId }).pk, sk: (rule: RuleKey) => `RULE#${rule.id}` },
  indexes: { gsi4: { pk: (rule: Pick<PriceRuleRecord, 'target'>) => `PRICES#${targetKey(rule.target)}`, sk: (rule: RuleKey) => `${rule.listId}#${rule.id}` } },
  beside: ['audience', 'listScope'],
});

/** A rule's entries (or the list's own) in time order, in the list's partition. */
const historyPrefix = (subjectId: string) => `HISTORY#${subjectId}#`;
type HistoryKey = Pick<PriceHistoryEntry, 'listId' | 'changedAt' | 'version'> & { readonly ruleId?: string };

export const priceHistoryEntity = defineEntity({
  name: 'price-history',
  schema: priceHistoryEntrySchema,
  key: {
    pk: (entry: HistoryKey) => priceListEntity.key({ id: entry.listId }).pk,
    sk: (entry: HistoryKey) => `${historyPrefix(entry.ruleId ?? entry.listId)}${entry.changedAt}#${pad(entry.version)}`,
  },
  /** Rule entries only: a target's history across lists. */
  indexes: {
    gsi5: {
      pk: (entry: { target?: RuleTarget }) => entry.target && `PRICE_HISTORY#${targetKey(entry.target)}`,
      sk: (entry: Pick<RuleHistoryEntry, 'changedAt' | 'ruleId' | 'version'>) => `${entry.changedAt}#${entry.ruleId}#${pad(entry.version)}`,
    },
  },
  beside: ['audience', 'listScope'],
});

type RateKey = Pick<ExchangeRateRecord, 'from' | 'to' | 'validFrom'>;

export const exchangeRateEntity = defineEntity({
  name: 'exchange-rate',
  schema: exchangeRateRecordSchema,
  key: { pk: (rate: RateKey) => `EXCHANGE_RATE#${rate.from}#${rate.to}`, sk: (rate: RateKey) => rate.validFrom },
  indexes: { gsi1: { pk: () => 'EXCHANGE_RATES', sk: (rate: RateKey) => `${rate.from}#${rate.to}#${rate.validFrom}` } },
});

/** The category is a plain string here: a country's partition is the key of any category. */
type VatRateKey = { readonly countryCode: string; readonly category: string; readonly validFrom: string };

export const vatRateEntity = defineEntity({
  name: 'vat-rate',
  schema: vatRateRecordSchema,
  key: { pk: (rate: VatRateKey) => `VAT_RATE#${rate.countryCode}`, sk: (rate: VatRateKey) => `${rate.category}#${rate.validFrom}` },
  indexes: { gsi1: { pk: () => 'VAT_RATES', sk: (rate: VatRateKey) => `${rate.countryCode}#${rate.category}#${rate.validFrom}` } },
});

export const transportRuleEntity = defineEntity({
  name: 'transport-rule',
  schema: transportRuleRecordSchema,
  key: { pk: (rule: Pick<TransportRuleRecord, 'id'>) => `TRANSPORT_RULE#${rule.id}`, sk: () => '#TRANSPORT_RULE' },
  indexes: { gsi1: { pk: () => 'TRANSPORT_RULES', sk: byName } },
  attributes: { nameKey: (rule) => searchKey(rule.name) },
});

type TransportLookupKey = { readonly incoterm?: string; readonly country: string; readonly id: string };

/**
 * A copy of the rule per Incoterm (or ANY) and country (or ANY) it covers, the country it is filed under beside it:
 * a document's rules are up to four Queries.
 */
export const transportLookupEntity = defineEntity({
  name: 'transport-lookup',
  schema: transportRuleRecordSchema,
  key: { pk: (copy: TransportLookupKey) => `TRANSPORT#${copy.incoterm ?? ANY}#${copy.country}`, sk: (copy: TransportLookupKey) => copy.id },
  beside: ['country'],
});

export const pricingStructureEntity = defineEntity({
  name: 'pricing-structure',
  schema: pricingStructureRecordSchema,
  key: { pk: () => 'PRICING_STRUCTURE', sk: () => '#CURRENT' },
});

function transportLookups(rule: TransportRuleRecord): Item[] {
  return (rule.countries ?? [ANY]).map((country) => transportLookupEntity.item(rule, { country }));
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
      return versioned(write.previous, write.next, priceListEntity.item, 'PriceList', write.next.id);
    case 'rule': {
      const rule = (write.next ?? write.previous)!;
      return versioned(write.previous, write.next, (record) => priceRuleEntity.item(record, audienceOf(write.list)), 'PriceRule', rule.id);
    }
    case 'history':
      return [{ kind: 'create', item: priceHistoryEntity.item(write.entry, audienceOf(write.list)), resource: 'PriceHistoryEntry' }];
    case 'exchangeRate': {
      const rate = (write.next ?? write.previous)!;
      const id = `${rate.from}/${rate.to}/${rate.validFrom}`;
      if (!write.previous) return [{ kind: 'claim', item: exchangeRateEntity.item(write.next!), conflict: rateExists(rate) }];
      return versioned(write.previous, write.next, exchangeRateEntity.item, 'ExchangeRate', id);
    }
    case 'vatRate': {
      const rate = (write.next ?? write.previous)!;
      const id = `${rate.countryCode}/${rate.category}/${rate.validFrom}`;
      if (!write.previous) return [{ kind: 'claim', item: vatRateEntity.item(write.next!), conflict: vatRateExists(rate) }];
      return versioned(write.previous, write.next, vatRateEntity.item, 'VatRate', id);
    }
    case 'transportRule':
      return transportWrites(write.previous, write.next);
    case 'structure':
      // The first change replaces the default (version 0): a concurrent first change is a lost race on the item's absence.
      if (!write.previous) return [{ kind: 'claim', item: pricingStructureEntity.item(write.next), conflict: new WriteConflictError() }];
      return versioned(write.previous, write.next, pricingStructureEntity.item, 'PricingStructure', 'current');
  }
}

/** The rule and its look-up copies: kept copies are replaced at the rule's version, others created or removed. */
function transportWrites(previous: TransportRuleRecord | null, next: TransportRuleRecord | null): TableWrite[] {
  const id = (next ?? previous)!.id;
  const writes = versioned(previous, next, transportRuleEntity.item, 'TransportRule', id);
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
  const byNamePrefix = name ? { sortPrefix: name } : {};
  const filters: Filter[] = query.sharedOnly ? [shared] : [];
  const { indexes } = priceListEntity;
  let key: KeyQuery;
  if (query.customerId !== undefined) {
    // A customer's lists sort by source, then name.
    key = { index: 'gsi4', partition: indexes.gsi4.pk({ customerId: query.customerId })!, ...(query.source ? { sortPrefix: `${query.source}#${name ?? ''}` } : {}) };
    if (!query.source && name) filters.push({ attribute: 'nameKey', test: 'beginsWith', value: name });
  } else if (query.priceGroup !== undefined) key = { index: 'gsi4', partition: indexes.gsi4.pk({ priceGroup: query.priceGroup })!, ...byNamePrefix };
  else if (query.source !== undefined) key = { index: 'gsi3', partition: indexes.gsi3.pk({ source: query.source }), ...byNamePrefix };
  else key = { index: 'gsi1', partition: indexes.gsi1.pk(), ...byNamePrefix };
  if (query.source !== undefined && key.index === 'gsi4' && query.customerId === undefined) filters.push({ attribute: 'source', test: 'equals', value: query.source });
  if (query.priceGroup !== undefined && query.customerId !== undefined) filters.push({ attribute: 'audience', test: 'equals', value: listAudience({ source: 'group_list', priceGroup: query.priceGroup }) });
  return { ...key, filters };
}

/** A history Query: one rule's (or the list's own) entries in the list's partition, or a target's across lists. */
export function historyQuery(query: HistoryQuery): KeyQuery {
  const until = query.to !== undefined ? `${query.to}#${HIGH}` : undefined;
  if ('listId' in query) {
    const prefix = historyPrefix(query.ruleId ?? query.listId);
    return { partition: priceListEntity.key({ id: query.listId }).pk, sortFrom: `${prefix}${query.from ?? ''}`, sortTo: `${prefix}${until ?? HIGH}` };
  }
  return {
    index: 'gsi5',
    partition: priceHistoryEntity.indexes.gsi5.pk(query)!,
    ...(query.from !== undefined ? { sortFrom: query.from } : {}),
    ...(until !== undefined ? { sortTo: until } : {}),
    filters: query.sharedOnly ? [shared] : [],
  };
}

export function createPricingStore(table: Table): PricingStore {
  // Strongly consistent: a client that just wrote a record reads it back at its new version (If-Match).

  return {
    getList: (listId) => getRecord(table, priceListEntity, priceListEntity.key({ id: listId })),

    listLists: (query, request) => recordPage(table, priceListEntity, priceListQuery(query), request),

    getRule: (listId, ruleId) => getRecord(table, priceRuleEntity, priceRuleEntity.key({ listId, id: ruleId })),

    listRules(query, request) {
      const filters = query.sharedOnly ? [shared] : [];
      if (query.target !== undefined) {
        const { gsi4 } = priceRuleEntity.indexes;
        return recordPage(table, priceRuleEntity, { index: 'gsi4', partition: gsi4.pk({ target: query.target }), ...(query.listId ? { sortPrefix: gsi4.sk({ listId: query.listId, id: '' }) } : {}), filters }, request);
      }
      if (query.listId === undefined) throw new Error('listRules needs a list or a target');
      const { pk, sk: prefix } = priceRuleEntity.key({ listId: query.listId, id: '' });
      return recordPage(table, priceRuleEntity, { partition: pk, sortPrefix: prefix, filters }, request);
    },

    async rulesFor(query) {
      const rules = await lookUpRules(table, query);
      const listIds = [...new Set(rules.map((rule) => rule.listId))];
      const lists = listIds.length > 0 ? (await batchGet(table, listIds.map((id) => priceListEntity.key({ id })))).map(priceListEntity.parse) : [];
      const open = new Map(lists.filter((list) => listOpenOn(list, query.date)).map((list) => [list.id, list]));
      return { lists: open, rules: rules.filter((rule) => open.has(rule.listId)) };
    },

    history: (query, request) => recordPage(table, priceHistoryEntity, historyQuery(query), request),

    getExchangeRate: (from, to, validFrom) => getRecord(table, exchangeRateEntity, exchangeRateEntity.key({ from, to, validFrom })),

    listExchangeRates(query, request) {
      if (query.from !== undefined && query.to !== undefined) {
        return recordPage(table, exchangeRateEntity, { partition: exchangeRateEntity.key({ from: query.from, to: query.to, validFrom: '' }).pk, descending: true }, request);
      }
      return recordPage(table, exchangeRateEntity, { index: 'gsi1', partition: exchangeRateEntity.indexes.gsi1.pk() }, request);
    },

    async exchangeRates(pairs, date) {
      const distinct = [...new Map(pairs.map((pair) => [`${pair.from}#${pair.to}`, pair])).values()];
      const found = await Promise.all(
        distinct.map(async ({ from, to }) => {
          // The latest rate of the pair from the date back: its sort key (validFrom) at most the date.
          const latest = exchangeRateEntity.key({ from, to, validFrom: date });
          const result = await table.client.send(
            new QueryCommand({
              TableName: table.name,
              KeyConditionExpression: 'pk = :pk AND sk <= :date',
              ExpressionAttributeValues: { ':pk': latest.pk, ':date': latest.sk },
              ScanIndexForward: false,
              Limit: 1,
              ConsistentRead: true,
            }),
          );
          return (result.Items ?? []).map(exchangeRateEntity.parse);
        }),
      );
      return found.flat();
    },

    getVatRate: (countryCode, category, validFrom) => getRecord(table, vatRateEntity, vatRateEntity.key({ countryCode, category, validFrom })),

    listVatRates(query, request) {
      if (query.countryCode !== undefined) return recordPage(table, vatRateEntity, { partition: vatRateEntity.key({ countryCode: query.countryCode, category: '', validFrom: '' }).pk }, request);
      return recordPage(table, vatRateEntity, { index: 'gsi1', partition: vatRateEntity.indexes.gsi1.pk() }, request);
    },

    async vatRates(countryCode, date) {
      // A country's rates are a few dozen items: one Query, the latest rate of each category kept.
      const items = await queryAll(table, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': vatRateEntity.key({ countryCode, category: '', validFrom: '' }).pk },
        ConsistentRead: true,
      });
      const latest = new Map<string, VatRateRecord>();
      for (const rate of items.map(vatRateEntity.parse)) {
        if (rate.validFrom > date) continue;
        const known = latest.get(rate.category);
        if (!known || rate.validFrom > known.validFrom) latest.set(rate.category, rate);
      }
      return Object.fromEntries([...latest].map(([category, rate]) => [category, rate.rate]));
    },

    getTransportRule: (ruleId) => getRecord(table, transportRuleEntity, transportRuleEntity.key({ id: ruleId })),

    listTransportRules: (request) => recordPage(table, transportRuleEntity, { index: 'gsi1', partition: transportRuleEntity.indexes.gsi1.pk() }, request),

    async transportRules(incoterm, countryCode) {
      const partitions = new Set([incoterm, undefined].flatMap((inc) => [countryCode ?? ANY, ANY].map((country) => transportLookupEntity.key({ incoterm: inc, country, id: '' }).pk)));
      const found = await Promise.all(
        [...partitions].map((pk) => queryAll(table, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true })),
      );
      const rules = new Map(found.flat().map(transportLookupEntity.parse).map((rule) => [rule.id, rule]));
      return [...rules.values()].sort((a, b) => a.id.localeCompare(b.id));
    },

    async structure() {
      return (await getRecord(table, pricingStructureEntity, pricingStructureEntity.key({}))) ?? DEFAULT_STRUCTURE_RECORD;
    },

    async commit(writes, events) {
      await transact(table, [...writes.flatMap(toTableWrites), ...ruleLookupWrites(writes)], events);
    },
  };
}
