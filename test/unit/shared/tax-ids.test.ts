import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkIban, checkVatNumber } from '../../../domain/shared/tax-ids.ts';

/** ISO 7064 mod 97-10 check digits, computed independently of the library under test. */
function ibanWithCheckDigits(country: string, bban: string): string {
  const digits = `${bban}${country}00`.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  const remainder = BigInt(digits) % 97n;
  return `${country}${String(98n - remainder).padStart(2, '0')}${bban}`;
}

/** French SIREN-based VAT key: (12 + 3 × (SIREN mod 97)) mod 97. */
function frenchVat(siren: number): string {
  const key = (12 + 3 * (siren % 97)) % 97;
  return `FR${String(key).padStart(2, '0')}${String(siren).padStart(9, '0')}`;
}

describe('tax and bank identifiers', () => {
  // French BBANs carry their own RIB key: 97 − (89·bank + 15·branch + 3·account) mod 97.
  const frenchBban = fc.tuple(fc.stringMatching(/^\d{5}$/), fc.stringMatching(/^\d{5}$/), fc.stringMatching(/^\d{11}$/)).map(([bank, branch, account]) => {
    const key = 97n - ((89n * BigInt(bank) + 15n * BigInt(branch) + 3n * BigInt(account)) % 97n);
    return bank + branch + account + String(key).padStart(2, '0');
  });
  const germanBban = fc.stringMatching(/^\d{18}$/);

  it('property: IBANs with correct check digits are accepted and compacted', () => {
    fc.assert(
      fc.property(fc.oneof(frenchBban.map((b) => ibanWithCheckDigits('FR', b)), germanBban.map((b) => ibanWithCheckDigits('DE', b))), (iban) => {
        const spaced = iban.replace(/(.{4})/g, '$1 ').trim().toLowerCase();
        expect(checkIban(spaced)).toEqual({ value: iban });
      }),
    );
  });

  it('property: changing any single digit of an IBAN is detected', () => {
    fc.assert(
      fc.property(germanBban, fc.integer({ min: 2, max: 21 }), fc.integer({ min: 1, max: 9 }), (bban, position, delta) => {
        const iban = ibanWithCheckDigits('DE', bban);
        const digit = (Number(iban[position]) + delta) % 10;
        const altered = iban.slice(0, position) + digit + iban.slice(position + 1);
        expect(checkIban(altered)).toHaveProperty('issue');
      }),
    );
  });

  it('property: French VAT numbers are accepted exactly when their key matches the SIREN', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100_000_000, max: 999_999_999 }), fc.integer({ min: 1, max: 96 }), (siren, shift) => {
        const valid = frenchVat(siren);
        expect(checkVatNumber(valid)).toEqual({ value: valid, countryCode: 'FR' });
        const key = (Number(valid.slice(2, 4)) + shift) % 97;
        const wrong = `FR${String(key).padStart(2, '0')}${valid.slice(4)}`;
        expect(checkVatNumber(wrong)).toHaveProperty('issue');
      }),
    );
  });

  it('names the reason a VAT number is refused', () => {
    expect(checkVatNumber('ZZ123')).toEqual({ issue: expect.stringContaining('supported country') });
    expect(checkVatNumber('FR123')).toEqual({ issue: expect.stringContaining('format of a France VAT number') });
    expect(checkVatNumber('DE 136 695 976')).toEqual({ value: 'DE136695976', countryCode: 'DE' });
  });
});
