import { Dec } from '../shared/money.ts';
import { EU_COUNTRIES } from '../shared/reference-data.ts';
import { PricingConfigurationError } from './errors.ts';
import type { CustomerView, FiscalPositionKind } from './model.ts';
import { fraction, type CurrencyRounding } from './rounding.ts';
import type { VatBreakdown } from './result.ts';

/**
 * VAT (EN 16931): the fiscal position of the document decides whether the product's rate applies; tax is computed
 * once per rate, on the summed bases of that rate, and rounded once.
 */
export interface FiscalPosition {
  readonly kind: FiscalPositionKind;
  readonly explanation: string;
}

/**
 * Domestic when the goods stay in the company's country; intra-EU to a business with an EU VAT number → reverse
 * charge at 0 %; out of the EU (or out of a non-EU company's country) → export at 0 %; intra-EU to a customer
 * without a VAT number is taxed as domestic. A fiscal position set on the customer overrides all of this.
 */
export function fiscalPosition(companyCountry: string, customer: CustomerView | undefined, deliveryCountry: string | undefined): FiscalPosition {
  if (customer?.fiscalPosition) return { kind: customer.fiscalPosition, explanation: `${customer.fiscalPosition}, as set on the customer` };
  const destination = deliveryCountry ?? customer?.countryCode ?? companyCountry;
  const whence = deliveryCountry ? 'delivery' : customer ? "customer's country, no delivery country given" : 'no customer and no delivery country: the company’s country';
  const to = `${destination} (${whence})`;
  if (destination === companyCountry) return { kind: 'domestic', explanation: `domestic: from ${companyCountry} to ${to}` };
  if (!EU_COUNTRIES.has(companyCountry) || !EU_COUNTRIES.has(destination)) {
    return { kind: 'export', explanation: `export: from ${companyCountry} to ${to}, outside the ${EU_COUNTRIES.has(companyCountry) ? 'EU' : 'company’s country'}: 0 %` };
  }
  const vatCountry = customer?.vatNumber ? vatNumberCountry(customer.vatNumber) : undefined;
  if (vatCountry && EU_COUNTRIES.has(vatCountry)) {
    return { kind: 'intra_eu_reverse_charge', explanation: `intra-EU: from ${companyCountry} to ${to}, business customer with VAT number ${customer!.vatNumber}: reverse charge, 0 %` };
  }
  return { kind: 'domestic', explanation: `intra-EU from ${companyCountry} to ${to}, but the customer has no EU VAT number: taxed as domestic` };
}

/** Greece's VAT numbers start with EL. */
function vatNumberCountry(vatNumber: string): string {
  const prefix = vatNumber.slice(0, 2).toUpperCase();
  return prefix === 'EL' ? 'GR' : prefix;
}

/** The rate (percent) of a VAT category under the fiscal position. */
export function vatRate(category: string, position: FiscalPosition, rates: Readonly<Record<string, string>>): string {
  if (position.kind !== 'domestic') return '0';
  const rate = rates[category];
  if (rate === undefined) throw new PricingConfigurationError(`No VAT rate is configured for the VAT category ${category}`);
  return new Dec(rate).toFixed();
}

/** One line per rate: the summed bases, and the tax on that sum rounded once; highest rate first. */
export function vatBreakdown(bases: readonly { rate: string; amount: Dec }[], money: CurrencyRounding): VatBreakdown[] {
  const byRate = new Map<string, Dec>();
  for (const { rate, amount } of bases) byRate.set(rate, (byRate.get(rate) ?? new Dec(0)).plus(amount));
  return [...byRate.entries()]
    .sort(([a], [b]) => new Dec(b).comparedTo(a))
    .map(([rate, base]) => {
      const tax = money.text(base.times(fraction(rate)));
      const baseText = money.text(base);
      return { rate, base: baseText, tax, calculation: `${baseText} × ${rate} % = ${tax}` };
    });
}
