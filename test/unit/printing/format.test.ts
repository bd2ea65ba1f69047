import { describe, expect, it } from 'vitest';
import { countryName, formatAmount, formatDate, formatDeduction, formatPercent, formatQuantity } from '../../../domain/printing/format.ts';

const NARROW_NBSP = '\u202f';
const NBSP = '\u00a0';

describe('the numbers of a printed document', () => {
  it('groups amounts with a narrow no-break space and puts the euro after a no-break space in French', () => {
    expect(formatAmount('1234.56', 'EUR', 'fr')).toBe(`1${NARROW_NBSP}234,56${NBSP}€`);
    expect(formatAmount('-1234567.5', 'EUR', 'fr')).toBe(`-1${NARROW_NBSP}234${NARROW_NBSP}567,50${NBSP}€`);
    expect(formatAmount('12', 'EUR', 'fr')).toBe(`12,00${NBSP}€`);
  });

  it('puts the euro first and groups with commas in English', () => {
    expect(formatAmount('1234.56', 'EUR', 'en')).toBe('€1,234.56');
    expect(formatAmount('-1234567.5', 'EUR', 'en')).toBe('-€1,234,567.50');
    expect(formatAmount('999', 'EUR', 'en')).toBe('€999.00');
  });

  it('keeps every digit of amounts a float would round, and the extra decimals of a fine unit price', () => {
    expect(formatAmount('99999999999999999.99', 'EUR', 'en')).toBe('€99,999,999,999,999,999.99');
    expect(formatAmount('0.012300', 'EUR', 'fr')).toBe(`0,0123${NBSP}€`);
    expect(formatAmount('2.175', 'EUR', 'en')).toBe('€2.175');
  });

  it("follows the currency's minor unit and symbol", () => {
    expect(formatAmount('1234', 'JPY', 'en')).toBe('JP¥1,234');
    expect(formatAmount('1234.5', 'CHF', 'fr')).toBe(`1${NARROW_NBSP}234,50${NBSP}CHF`);
  });

  it('prints a deduction with a minus sign, whether the domain gave it positive or negative', () => {
    expect(formatDeduction('316.23', 'EUR', 'fr')).toBe(`-316,23${NBSP}€`);
    expect(formatDeduction('-316.23', 'EUR', 'en')).toBe('-€316.23');
  });

  it('trims the trailing zeros of quantities and keeps their other decimals', () => {
    expect(formatQuantity('2.500', 'fr')).toBe('2,5');
    expect(formatQuantity('1500.000', 'fr')).toBe(`1${NARROW_NBSP}500`);
    expect(formatQuantity('0.125', 'en')).toBe('0.125');
    expect(formatQuantity('1500', 'en')).toBe('1,500');
  });

  it('writes percentages as the locale does', () => {
    expect(formatPercent('20.00', 'fr')).toBe(`20${NBSP}%`);
    expect(formatPercent('5.5', 'fr')).toBe(`5,5${NBSP}%`);
    expect(formatPercent('5.5', 'en')).toBe('5.5%');
  });

  it('refuses what is not a decimal rather than print something else', () => {
    for (const bad of ['1e3', '1,5', '', ' 1', 'NaN']) expect(() => formatAmount(bad, 'EUR', 'fr')).toThrow(TypeError);
  });

  it('writes dates and countries in words', () => {
    expect(formatDate('2027-03-01', 'fr')).toBe('1er mars 2027');
    expect(formatDate('2027-12-31', 'fr')).toBe('31 décembre 2027');
    expect(formatDate('2027-03-01', 'en')).toBe('1 March 2027');
    expect(countryName('BE', 'fr')).toBe('Belgique');
    expect(countryName('DE', 'en')).toBe('Germany');
  });
});
