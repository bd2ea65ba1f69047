import { describe, expect, it } from 'vitest';
import { listHistoryEntry, ruleHistoryEntry } from '../../../domain/pricing/admin/history.ts';
import type { PriceListRecord, PriceRuleRecord, PricingStructureRecord, TransportRuleRecord } from '../../../domain/pricing/admin/records.ts';
import {
  exchangeRateEntity,
  priceHistoryEntity,
  priceListEntity,
  priceRuleEntity,
  pricingStructureEntity,
  transportLookupEntity,
  transportRuleEntity,
  vatRateEntity,
} from '../../../functions/adapters/dynamodb/pricing-store.ts';
import { customerLookupEntity, customerTotalEntity, sharedLookupEntity } from '../../../functions/adapters/dynamodb/rule-lookups.ts';

/**
 * The pricing entities against the table's chart (functions/adapters/dynamodb/README.md), written out: stored items
 * and the tests that read them rely on these keys, so a declaration that moved one fails here, not only in data.
 */
const ULID = '01JQ0000000000000000000000';
const [CUS, PRD, PRL, RUL, TRR] = ['cus', 'prd', 'prl', 'rul', 'trr'].map((prefix) => `${prefix}_${ULID}`) as [string, string, string, string, string];
const AT = '2026-03-01T10:00:00.000Z';
const stamps = { version: 2, createdAt: AT, updatedAt: AT, updatedBy: 'usr_1' };

const customerList: PriceListRecord = { id: PRL, name: 'Garage Martin', source: 'customer_list', currency: 'EUR', customerId: CUS, active: true, ...stamps };
const rule: PriceRuleRecord = { id: RUL, listId: PRL, target: { kind: 'product', productId: PRD }, action: { kind: 'discount', percents: ['5'] }, ...stamps };
const transport: TransportRuleRecord = { id: TRR, name: 'DAP Benelux', incoterm: 'DAP', countries: ['BE', 'NL'], basis: 'weight', currency: 'EUR', brackets: [{ from: '0', fixed: '25' }], ...stamps };
const audience = { audience: `CUSTOMER#${CUS}`, listScope: 'customer' };

describe('the pricing entities write the keys of the table chart', () => {
  it('price lists: by name, by source, and by owner (a customer by source then name, a group by name)', () => {
    expect(priceListEntity.item(customerList)).toMatchObject({
      pk: `PRICELIST#${PRL}`, sk: '#PRICELIST', entity: 'price-list', nameKey: 'garage martin', ...audience,
      gsi1pk: 'PRICELISTS', gsi1sk: `garage martin\u0001${PRL}`,
      gsi3pk: 'PRICELISTS#SOURCE#customer_list', gsi3sk: `garage martin\u0001${PRL}`,
      gsi4pk: `CUSTOMER#${CUS}#PRICELISTS`, gsi4sk: `customer_list#garage martin\u0001${PRL}`,
    });
    const { customerId: _customer, ...shared } = customerList;
    expect(priceListEntity.item({ ...shared, source: 'group_list', priceGroup: 'garages' })).toMatchObject({
      audience: 'GROUP#GARAGES', listScope: 'shared', gsi4pk: 'PRICEGROUP#GARAGES#PRICELISTS', gsi4sk: `garage martin\u0001${PRL}`,
    });
    expect(priceListEntity.item({ ...shared, source: 'standard_list' })).not.toHaveProperty('gsi4pk');
  });

  it("price rules and their history: in the list's partition, with the list's audience beside them", () => {
    expect(priceRuleEntity.item(rule, audience)).toEqual({
      pk: `PRICELIST#${PRL}`, sk: `RULE#${RUL}`, entity: 'price-rule', gsi4pk: `PRICES#PRODUCT#${PRD}`, gsi4sk: `${PRL}#${RUL}`, ...audience, ...rule,
    });
    expect(priceHistoryEntity.item(ruleHistoryEntry(rule, null, { changedAt: AT, changedBy: 'usr_1' }), audience)).toMatchObject({
      pk: `PRICELIST#${PRL}`, sk: `HISTORY#${RUL}#${AT}#000003`, entity: 'price-history', gsi5pk: `PRICE_HISTORY#PRODUCT#${PRD}`, gsi5sk: `${AT}#${RUL}#000003`, ...audience,
    });
    const listEntry = priceHistoryEntity.item(listHistoryEntry(null, customerList), audience);
    expect(listEntry).toMatchObject({ pk: `PRICELIST#${PRL}`, sk: `HISTORY#${PRL}#${AT}#000002` });
    expect(listEntry).not.toHaveProperty('gsi5pk');
  });

  it('rates, transport rules and their look-up copies, the structure', () => {
    const rate = { from: 'USD', to: 'EUR', rate: '0.9', validFrom: '2026-01-01', ...stamps };
    expect(exchangeRateEntity.item(rate)).toMatchObject({ pk: 'EXCHANGE_RATE#USD#EUR', sk: '2026-01-01', entity: 'exchange-rate', gsi1pk: 'EXCHANGE_RATES', gsi1sk: 'USD#EUR#2026-01-01' });
    const vat = { countryCode: 'FR', category: 'standard', rate: '20', validFrom: '2014-01-01', ...stamps } as const;
    expect(vatRateEntity.item(vat)).toMatchObject({ pk: 'VAT_RATE#FR', sk: 'standard#2014-01-01', entity: 'vat-rate', gsi1pk: 'VAT_RATES', gsi1sk: 'FR#standard#2014-01-01' });
    expect(transportRuleEntity.item(transport)).toMatchObject({ pk: `TRANSPORT_RULE#${TRR}`, sk: '#TRANSPORT_RULE', entity: 'transport-rule', nameKey: 'dap benelux', gsi1pk: 'TRANSPORT_RULES', gsi1sk: `dap benelux\u0001${TRR}` });
    expect(transportLookupEntity.item(transport, { country: 'NL' })).toEqual({ pk: 'TRANSPORT#DAP#NL', sk: TRR, entity: 'transport-lookup', country: 'NL', ...transport });
    expect(transportLookupEntity.key({ country: 'ANY', id: TRR })).toEqual({ pk: 'TRANSPORT#ANY#ANY', sk: TRR });
    expect(pricingStructureEntity.key({})).toEqual({ pk: 'PRICING_STRUCTURE', sk: '#CURRENT' });
  });

  it('rule look-ups: shared per target, a customer\'s per target in its partition, with its total', () => {
    expect(sharedLookupEntity.key({ target: `PRODUCT#${PRD}` })).toEqual({ pk: `PRICE_LOOKUP#PRODUCT#${PRD}`, sk: 'SHARED' });
    expect(customerLookupEntity.key({ customerId: CUS, target: 'ALL' })).toEqual({ pk: `PRICE_LOOKUP#CUSTOMER#${CUS}`, sk: 'ALL' });
    expect(customerTotalEntity.key({ customerId: CUS })).toEqual({ pk: `PRICE_LOOKUP#CUSTOMER#${CUS}`, sk: '#TOTAL' });
  });
});

describe('the pricing entities read back what they wrote, and nothing else', () => {
  it('parses each record written, without its keys, filter attributes or audience', () => {
    const structure: PricingStructureRecord = { sources: [{ source: 'standard_list', mode: 'stop' }], discountCombination: 'cascade', unitPriceDecimals: 4, costBasis: 'entered', transportVatCategory: 'standard', version: 1, updatedAt: AT, updatedBy: 'usr_1' };
    const entry = ruleHistoryEntry(null, rule, { changedAt: AT, changedBy: 'usr_1', changedFields: ['action'] });
    expect(priceListEntity.parse(priceListEntity.item(customerList))).toEqual(customerList);
    expect(priceRuleEntity.parse(priceRuleEntity.item(rule, audience))).toEqual(rule);
    expect(priceHistoryEntity.parse(priceHistoryEntity.item(entry, audience))).toEqual(entry);
    expect(transportLookupEntity.parse(transportLookupEntity.item(transport, { country: 'BE' }))).toEqual(transport);
    expect(pricingStructureEntity.parse(pricingStructureEntity.item(structure))).toEqual(structure);
  });

  it('refuses a look-up item holding anything but its size and rule copies', () => {
    const lookup = { ...sharedLookupEntity.key({ target: 'ALL' }), entity: 'price-lookup', ruleBytes: 10, [`R#${RUL}`]: { audience: 'STANDARD', rule } };
    expect(sharedLookupEntity.parse(lookup)).toEqual({ ruleBytes: 10, [`R#${RUL}`]: { audience: 'STANDARD', rule } });
    expect(() => sharedLookupEntity.parse({ ...lookup, [`R#${RUL}`]: { audience: 'STANDARD', rule: { ...rule, action: { kind: 'discount', percents: [] } } } })).toThrow(/does not parse/);
    expect(() => sharedLookupEntity.parse({ ...lookup, stray: 1 })).toThrow(/does not parse/);
  });
});
