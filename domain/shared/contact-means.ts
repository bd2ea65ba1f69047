import { parsePhoneNumberWithError, type CountryCode } from 'libphonenumber-js';

/**
 * Phone numbers are stored in E.164 ("+33123456789") so that the mobile app can call or text them
 * whatever the way they were typed. National forms are read with the country they belong to.
 */
export function normalizePhone(input: string, defaultCountry?: string): { e164: string } | { issue: string } {
  try {
    const phone = parsePhoneNumberWithError(input, defaultCountry as CountryCode | undefined);
    if (!phone.isValid()) return { issue: `${input} is not a valid phone number${phone.country ? ` for ${phone.country}` : ''}` };
    return { e164: phone.number };
  } catch {
    return {
      issue: defaultCountry
        ? `${input} is not a phone number`
        : `${input} is not a phone number in international form (+33 1 23 45 67 89); give the country to read a national number`,
    };
  }
}

/** Form check only (RFC 5322 addr-spec, practical subset); deliverability is SES's concern. */
export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:]{2,}$/.test(value);
}
