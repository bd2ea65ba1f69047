import type { ExchangeRate, PriceList, PriceRule, TransportRule } from '../../domain/pricing/model.ts';
import { DEFAULT_PRICING_STRUCTURE, type PricingStructure } from '../../domain/pricing/structure.ts';
import type { PricingConfigurationSource } from '../../functions/adapters/pricing-data-source.ts';

/** A list as the configuration keeps it: who it is for, and whether it is active. */
export interface StoredList extends PriceList {
  readonly active?: boolean;
  /** A customer list or offer. */
  readonly customerId?: string;
  /** A group list. */
  readonly priceGroup?: string;
}

export interface StoredVatRate {
  readonly countryCode: string;
  readonly category: string;
  readonly rate: string;
  readonly validFrom: string;
}

export const FRENCH_VAT_RATES: readonly StoredVatRate[] = [
  { countryCode: 'FR', category: 'standard', rate: '20', validFrom: '2014-01-01' },
  { countryCode: 'FR', category: 'intermediate', rate: '10', validFrom: '2014-01-01' },
  { countryCode: 'FR', category: 'reduced', rate: '5.5', validFrom: '2014-01-01' },
  { countryCode: 'FR', category: 'super_reduced', rate: '2.1', validFrom: '2014-01-01' },
  { countryCode: 'FR', category: 'zero', rate: '0', validFrom: '2014-01-01' },
  { countryCode: 'FR', category: 'exempt', rate: '0', validFrom: '2014-01-01' },
];

export interface RecordedRead {
  readonly method: keyof PricingConfigurationSource;
  readonly args: readonly unknown[];
}

/**
 * An in-memory stand-in for the part of the pricing configuration's store that pricing a document reads, with the
 * same semantics: only the active lists of the document's audiences (standard, the customer's group, the
 * customer's own) that have not ended before the date, only their rules on the products, families and "everything"
 * asked for that have not expired; rates in force on the date. Every read is recorded.
 */
export function inMemoryPricingConfiguration() {
  const lists = new Map<string, StoredList>();
  const rules: PriceRule[] = [];
  const exchangeRates: ExchangeRate[] = [];
  const vatRates: StoredVatRate[] = [...FRENCH_VAT_RATES];
  const transportRules: TransportRule[] = [];
  let structure: PricingStructure & { transportVatCategory: string } = { ...DEFAULT_PRICING_STRUCTURE, transportVatCategory: 'standard' };
  const reads: RecordedRead[] = [];
  const record = (method: RecordedRead['method'], ...args: unknown[]) => reads.push({ method, args: structuredClone(args) });

  const source: PricingConfigurationSource = {
    async rulesFor(query) {
      record('rulesFor', query);
      const open = (period: { validTo?: string }) => period.validTo === undefined || period.validTo >= query.date;
      const applicable = new Map(
        [...lists.values()]
          .filter((list) => (list.active ?? true) && open(list))
          .filter((list) =>
            list.customerId !== undefined
              ? list.customerId === query.customerId
              : list.priceGroup !== undefined
                ? query.priceGroup !== undefined && list.priceGroup.toUpperCase() === query.priceGroup.toUpperCase()
                : true,
          )
          .map((list) => [list.id, list]),
      );
      const targets = new Set(['*', ...query.productIds, ...query.familyIds]);
      const targetOf = (rule: PriceRule) => (rule.target.kind === 'product' ? rule.target.productId : rule.target.kind === 'family' ? rule.target.familyId : '*');
      const found = rules.filter((rule) => applicable.has(rule.listId) && targets.has(targetOf(rule)) && open(rule));
      const used = new Map([...applicable].filter(([id]) => found.some((rule) => rule.listId === id)));
      return { lists: used, rules: found };
    },
    async exchangeRates(pairs, date) {
      record('exchangeRates', pairs, date);
      return pairs.flatMap(({ from, to }) => {
        const inForce = exchangeRates.filter((rate) => rate.from === from && rate.to === to && rate.validFrom <= date).sort((a, b) => b.validFrom.localeCompare(a.validFrom));
        return inForce.slice(0, 1);
      });
    },
    async vatRates(countryCode, date) {
      record('vatRates', countryCode, date);
      const latest = new Map<string, StoredVatRate>();
      for (const rate of vatRates) {
        if (rate.countryCode !== countryCode || rate.validFrom > date) continue;
        const known = latest.get(rate.category);
        if (!known || rate.validFrom > known.validFrom) latest.set(rate.category, rate);
      }
      return Object.fromEntries([...latest].map(([category, rate]) => [category, rate.rate]));
    },
    async transportRules(incoterm, countryCode) {
      record('transportRules', incoterm, countryCode);
      return transportRules.filter(
        (rule) => (rule.incoterm === undefined || rule.incoterm === incoterm) && (rule.countries === undefined || (countryCode !== undefined && rule.countries.includes(countryCode))),
      );
    },
    async structure() {
      record('structure');
      return structure;
    },
  };

  return {
    source,
    reads,
    addList(list: StoredList) {
      lists.set(list.id, list);
    },
    addRule(rule: PriceRule) {
      rules.push(rule);
    },
    addExchangeRate(rate: ExchangeRate) {
      exchangeRates.push(rate);
    },
    addVatRate(rate: StoredVatRate) {
      vatRates.push(rate);
    },
    addTransportRule(rule: TransportRule) {
      transportRules.push(rule);
    },
    setStructure(changes: Partial<PricingStructure & { transportVatCategory: string }>) {
      structure = { ...structure, ...changes };
    },
  };
}
