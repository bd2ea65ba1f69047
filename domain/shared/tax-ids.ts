import { checkVAT, countries } from 'jsvat-next';
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';

/**
 * VAT numbers: format and check digits of the country named by the prefix (FR, DE, EL for Greece…),
 * by jsvat-next. Whether the number is registered is VIES's question, not ours.
 */
export function checkVatNumber(input: string): { value: string; countryCode: string } | { issue: string } {
  const compact = input.replace(/[\s.-]/g, '').toUpperCase();
  const result = checkVAT(compact, countries);
  if (!result.isSupportedCountry) return { issue: `${input} does not start with the prefix of a supported country (FR, DE, IT…)` };
  if (!result.isValidFormat) return { issue: `${input} does not have the format of a ${result.country?.name} VAT number` };
  if (!result.isValid) return { issue: `${input} fails the check digits of a ${result.country?.name} VAT number` };
  return { value: compact, countryCode: result.country!.isoCode.short };
}

/** IBAN: country format and ISO 7064 mod 97 checksum, by ibantools. Stored in electronic form. */
export function checkIban(input: string): { value: string } | { issue: string } {
  const compact = electronicFormatIBAN(input) ?? '';
  if (!isValidIBAN(compact)) return { issue: `${input} is not a valid IBAN (country format or checksum)` };
  return { value: compact };
}

export function isBic(value: string): boolean {
  return isValidBIC(value);
}
