import { describe, expect, it } from 'vitest';
import { RatesOnDate } from '../../../domain/pricing/exchange-rates.ts';
import type { ExchangeRate, TransportRule } from '../../../domain/pricing/model.ts';
import type { PricingStructure } from '../../../domain/pricing/structure.ts';
import { DEFAULT_PRICING_STRUCTURE } from '../../../domain/pricing/structure.ts';
import {
  createExchangeRate,
  exchangeRatesFor,
  getExchangeRate,
  listExchangeRates,
  removeExchangeRate,
  updateExchangeRate,
} from '../../../domain/pricing/admin/use-cases/exchange-rates.ts';
import { getPricingStructure, updatePricingStructure } from '../../../domain/pricing/admin/use-cases/pricing-structure.ts';
import { createTransportRule, getTransportRule, listTransportRules, removeTransportRule, transportRulesFor, updateTransportRule } from '../../../domain/pricing/admin/use-cases/transport-rules.ts';
import { createVatRate, listVatRates, removeVatRate, updateVatRate, vatRatesOn } from '../../../domain/pricing/admin/use-cases/vat-rates.ts';
import { ConflictError, ForbiddenError, NotFoundError, VersionMismatchError } from '../../../domain/shared/errors.ts';
import { admin, alice, issuesOf, manager, pricingFixture, shop } from './pricing-admin-fixture.ts';

describe('exchange rates by date', () => {
  it('keeps one rate per pair and date, and gives the engine the rate in force both ways', async () => {
    const { deps, events } = pricingFixture();
    const usd = await createExchangeRate(deps, manager, { from: 'USD', to: 'EUR', rate: '0.9200', validFrom: '2026-01-01' });
    expect(usd).toMatchObject({ from: 'USD', to: 'EUR', rate: '0.92', validFrom: '2026-01-01', version: 1, updatedBy: manager.id });
    const engineView: ExchangeRate = usd;
    expect(engineView.rate).toBe('0.92');
    await createExchangeRate(deps, manager, { from: 'USD', to: 'EUR', rate: '0.95', validFrom: '2026-04-01' });
    await createExchangeRate(deps, manager, { from: 'EUR', to: 'GBP', rate: '0.85', validFrom: '2026-01-01' });
    await expect(createExchangeRate(deps, manager, { from: 'USD', to: 'EUR', rate: '1', validFrom: '2026-01-01' })).rejects.toMatchObject({ code: 'exchange_rate_exists' });

    const rates = await exchangeRatesFor(deps, { currencies: ['USD', 'GBP', 'EUR', 'USD'], into: 'EUR', date: '2026-03-15' });
    expect(rates.map((rate) => `${rate.from}>${rate.to} ${rate.rate} ${rate.validFrom}`).sort()).toEqual(['EUR>GBP 0.85 2026-01-01', 'USD>EUR 0.92 2026-01-01']);
    const onDate = new RatesOnDate(rates, 'EUR', '2026-03-15');
    expect(onDate.into('USD')?.rate.toFixed()).toBe('0.92');
    expect(onDate.into('GBP')?.rate.toFixed(4)).toBe('1.1765');
    expect((await exchangeRatesFor(deps, { currencies: ['USD'], into: 'EUR', date: '2026-04-01' })).map((rate) => rate.rate)).toEqual(['0.95']);
    expect(await exchangeRatesFor(deps, { currencies: ['USD'], into: 'EUR', date: '2025-12-31' })).toEqual([]);

    const pair = await listExchangeRates(deps, alice, { from: 'USD', to: 'EUR' }, { limit: 10 });
    expect(pair.items.map((rate) => rate.validFrom)).toEqual(['2026-04-01', '2026-01-01']);
    expect((await listExchangeRates(deps, shop, {}, { limit: 10 })).items).toHaveLength(3);
    expect(await issuesOf(listExchangeRates(deps, alice, { from: 'USD' }, { limit: 10 }))).toEqual([{ pointer: '/query/to', message: 'is required with the other currency of the pair' }]);
    expect(events.map((event) => event.type)).toEqual(['exchange-rate.created', 'exchange-rate.created', 'exchange-rate.created']);
  });

  it('corrects and removes a rate at its version; only admins and managers change rates', async () => {
    const { deps } = pricingFixture();
    const key = { from: 'USD', to: 'EUR', validFrom: '2026-01-01' };
    await createExchangeRate(deps, manager, { ...key, rate: '0.92' });
    const corrected = await updateExchangeRate(deps, admin, key, 1, { rate: '0.921' });
    expect(corrected).toMatchObject({ rate: '0.921', version: 2, updatedBy: admin.id });
    expect(await updateExchangeRate(deps, admin, key, 2, { rate: '0.9210' })).toBe(corrected);
    expect(await issuesOf(updateExchangeRate(deps, admin, key, 2, { rate: '0', validFrom: '2026-02-01' }))).toEqual([
      { pointer: '/rate', message: 'must be greater than 0' },
      { pointer: '/validFrom', message: 'cannot change: a rate is for one pair and date; create the other one' },
    ]);
    await expect(updateExchangeRate(deps, admin, key, 1, { rate: '1' })).rejects.toBeInstanceOf(VersionMismatchError);
    await expect(createExchangeRate(deps, alice, { ...key, validFrom: '2026-02-01', rate: '1' })).rejects.toBeInstanceOf(ForbiddenError);
    await removeExchangeRate(deps, manager, key, 2);
    await expect(getExchangeRate(deps, manager, key)).rejects.toBeInstanceOf(NotFoundError);
    expect(await issuesOf(createExchangeRate(deps, manager, { from: 'EUR', to: 'EUR', rate: '1', validFrom: '2026-01-01' }))).toEqual([{ pointer: '/to', message: 'must differ from `from`' }]);
  });
});

describe('VAT rates per category and country', () => {
  it('gives the rate of each category in force on a date', async () => {
    const { deps } = pricingFixture();
    await createVatRate(deps, manager, { countryCode: 'FR', category: 'standard', rate: '19.6', validFrom: '2000-04-01' });
    await createVatRate(deps, manager, { countryCode: 'FR', category: 'standard', rate: '20.0', validFrom: '2014-01-01' });
    await createVatRate(deps, manager, { countryCode: 'FR', category: 'reduced', rate: '5.5', validFrom: '2014-01-01' });
    await createVatRate(deps, manager, { countryCode: 'DE', category: 'standard', rate: '19', validFrom: '2007-01-01' });
    expect(await vatRatesOn(deps, 'FR', '2026-03-15')).toEqual({ standard: '20', reduced: '5.5' });
    expect(await vatRatesOn(deps, 'FR', '2013-12-31')).toEqual({ standard: '19.6' });
    expect(await vatRatesOn(deps, 'IT', '2026-03-15')).toEqual({});
    await expect(createVatRate(deps, manager, { countryCode: 'FR', category: 'standard', rate: '21', validFrom: '2014-01-01' })).rejects.toBeInstanceOf(ConflictError);
    expect((await listVatRates(deps, alice, { countryCode: 'FR' }, { limit: 10 })).items.map((rate) => `${rate.category} ${rate.validFrom}`)).toEqual([
      'reduced 2014-01-01',
      'standard 2000-04-01',
      'standard 2014-01-01',
    ]);
  });

  it('checks rates and lets only admins and managers change them', async () => {
    const { deps } = pricingFixture();
    expect(await issuesOf(createVatRate(deps, manager, { countryCode: 'XX', category: 'luxury', rate: '100', validFrom: '2026-01-01' }))).toEqual([
      { pointer: '/countryCode', message: 'must be an ISO 3166-1 alpha-2 country code such as "FR"' },
      { pointer: '/category', message: 'Invalid option: expected one of "standard"|"intermediate"|"reduced"|"super_reduced"|"zero"|"exempt"' },
      { pointer: '/rate', message: 'must be at least 0 and below 100' },
    ]);
    const key = { countryCode: 'FR', category: 'standard', validFrom: '2014-01-01' };
    await createVatRate(deps, manager, { ...key, rate: '20' });
    await expect(updateVatRate(deps, shop, key, 1, { rate: '21' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await updateVatRate(deps, admin, key, 1, { rate: '21' })).toMatchObject({ rate: '21', version: 2 });
    await removeVatRate(deps, admin, key, 2);
    expect(await vatRatesOn(deps, 'FR', '2026-01-01')).toEqual({});
  });
});

describe('transport rules (PRC-11)', () => {
  const dap = { name: 'DAP Benelux', incoterm: 'DAP', countries: ['BE', 'NL', 'LU'], basis: 'weight', currency: 'EUR', brackets: [{ from: '100', fixed: '40', variable: '0.20' }, { from: '0', fixed: '25' }] };

  it('keeps the engine\'s rule, brackets in order, and answers the rules for an Incoterm and a country', async () => {
    const { deps, events } = pricingFixture();
    const rule = await createTransportRule(deps, manager, dap);
    expect(rule.brackets.map((bracket) => bracket.from)).toEqual(['0', '100']);
    const engineView: TransportRule = rule;
    expect(engineView.basis).toBe('weight');
    const anywhere = await createTransportRule(deps, manager, { name: 'Any', basis: 'amount', currency: 'EUR', brackets: [{ from: '0', variable: '3' }] });
    const exw = await createTransportRule(deps, manager, { name: 'EXW', incoterm: 'EXW', basis: 'volume', currency: 'EUR', brackets: [{ from: '0', fixed: '0' }] });
    const france = await createTransportRule(deps, manager, { name: 'France', countries: ['FR'], basis: 'weight', currency: 'EUR', brackets: [{ from: '0', fixed: '15' }] });

    const ids = async (incoterm: 'DAP' | 'EXW' | undefined, country: string | undefined) => (await transportRulesFor(deps, incoterm, country)).map((r) => r.id).sort();
    expect(await ids('DAP', 'BE')).toEqual([rule.id, anywhere.id].sort());
    expect(await ids('DAP', 'FR')).toEqual([anywhere.id, france.id].sort());
    expect(await ids('EXW', 'FR')).toEqual([anywhere.id, exw.id, france.id].sort());
    expect(await ids(undefined, undefined)).toEqual([anywhere.id]);
    expect((await listTransportRules(deps, alice, { limit: 10 })).items.map((r) => r.name)).toEqual(['Any', 'DAP Benelux', 'EXW', 'France']);
    expect(events.map((event) => event.type)).toEqual(Array(4).fill('transport-rule.created'));
  });

  it('checks brackets and countries, updates and removes at a version', async () => {
    const { deps } = pricingFixture();
    expect(await issuesOf(createTransportRule(deps, manager, { ...dap, countries: ['BE', 'BE'], brackets: [{ from: '0' }, { from: '0.0', fixed: '1' }] }))).toEqual([
      { pointer: '/countries', message: 'must not repeat a country' },
      { pointer: '/brackets/0', message: 'must have a fixed and/or a variable part' },
      { pointer: '/brackets', message: 'must not repeat a bracket start (`from`)' },
    ]);
    expect(await issuesOf(createTransportRule(deps, manager, { ...dap, brackets: [{ from: '0', fixed: '1' }, { from: '0.0', fixed: '2' }] }))).toEqual([
      { pointer: '/brackets', message: 'must not repeat a bracket start (`from`)' },
    ]);
    // Fixed fees and amount thresholds are money: no more decimals than the currency has (0 for JPY).
    expect(await issuesOf(createTransportRule(deps, manager, { ...dap, currency: 'JPY', brackets: [{ from: '0.5', fixed: '1.50', variable: '0.25' }] }))).toEqual([
      { pointer: '/brackets/0/fixed', message: 'JPY amounts have at most 0 decimals' },
    ]);
    expect(await issuesOf(createTransportRule(deps, manager, { ...dap, basis: 'amount', currency: 'JPY', brackets: [{ from: '1000.5', fixed: '150' }] }))).toEqual([
      { pointer: '/brackets/0/from', message: 'JPY amounts have at most 0 decimals' },
    ]);
    // The rule's own check reads the currency's decimals: never from a currency that is not one.
    expect(await issuesOf(createTransportRule(deps, manager, { ...dap, currency: 'EURO', brackets: [{ from: '0', fixed: '1.505' }] }))).toEqual([
      { pointer: '/currency', message: 'must be an ISO 4217 currency code such as "EUR"' },
    ]);
    const rule = await createTransportRule(deps, manager, dap);
    const moved = await updateTransportRule(deps, admin, rule.id, 1, { countries: ['DE'], incoterm: null });
    expect(moved).toMatchObject({ countries: ['DE'], version: 2 });
    expect(moved.incoterm).toBeUndefined();
    expect((await transportRulesFor(deps, 'CPT', 'DE')).map((r) => r.id)).toEqual([rule.id]);
    expect(await transportRulesFor(deps, 'DAP', 'BE')).toEqual([]);
    await expect(updateTransportRule(deps, alice, rule.id, 2, { name: 'X' })).rejects.toBeInstanceOf(ForbiddenError);
    await removeTransportRule(deps, manager, rule.id, 2);
    await expect(getTransportRule(deps, manager, rule.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('the pricing structure (PRC-7)', () => {
  it('is the default until an admin changes it, then the stored one, as the engine reads it', async () => {
    const { deps, events } = pricingFixture();
    const initial = await getPricingStructure(deps);
    expect(initial).toEqual({ ...DEFAULT_PRICING_STRUCTURE, transportVatCategory: 'standard', version: 0 });

    const changed = await updatePricingStructure(deps, admin, 0, {
      sources: [
        { source: 'offer', mode: 'stop' },
        { source: 'customer_reference', mode: 'stop' },
        { source: 'standard_list', mode: 'stack' },
      ],
      discountCombination: 'cumulative',
    });
    expect(changed).toMatchObject({ discountCombination: 'cumulative', unitPriceDecimals: 4, version: 1, updatedBy: admin.id });
    const engineView: PricingStructure = changed;
    expect(engineView.sources.map((entry) => entry.source)).toEqual(['offer', 'customer_reference', 'standard_list']);
    expect(await getPricingStructure(deps)).toEqual(changed);
    expect(events.at(-1)).toMatchObject({ type: 'pricing-structure.updated', data: { version: 1, changedFields: ['sources', 'discountCombination'] } });

    expect(await updatePricingStructure(deps, admin, 1, { discountCombination: 'cumulative' })).toBe(changed);
    const second = await updatePricingStructure(deps, manager, 1, { unitPriceDecimals: 2, transportVatCategory: 'reduced' });
    expect(second).toMatchObject({ version: 2, unitPriceDecimals: 2, transportVatCategory: 'reduced' });
    await expect(updatePricingStructure(deps, admin, 1, { unitPriceDecimals: 3 })).rejects.toBeInstanceOf(VersionMismatchError);
  });

  it('refuses a source named twice, an unknown source, no source, and changes by agents', async () => {
    const { deps } = pricingFixture();
    expect(await issuesOf(updatePricingStructure(deps, admin, 0, { sources: [{ source: 'offer', mode: 'stop' }, { source: 'offer', mode: 'stack' }] }))).toEqual([
      { pointer: '/sources/1/source', message: 'names offer a second time: each source has one place in the order' },
    ]);
    expect((await issuesOf(updatePricingStructure(deps, admin, 0, { sources: [{ source: 'cost_plus', mode: 'stop' }] })))[0]!.pointer).toBe('/sources/0/source');
    expect(await issuesOf(updatePricingStructure(deps, admin, 0, { sources: [], version: 3 }))).toEqual([
      { pointer: '/sources', message: 'must name at least one price source' },
      { pointer: '/version', message: 'is set by the server and cannot be written' },
    ]);
    await expect(updatePricingStructure(deps, alice, 0, { unitPriceDecimals: 2 })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
