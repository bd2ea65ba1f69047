import { defineLifecycle, type ActionOf, type Lifecycle } from '../shared/lifecycle.ts';
import { normalizeMoney, type Money } from '../shared/money.ts';
import { normalizePhone } from '../shared/contact-means.ts';
import { EU_COUNTRIES } from '../shared/reference-data.ts';
import { checkIban, checkVatNumber } from '../shared/tax-ids.ts';
import type { FieldIssue } from '../shared/errors.ts';
import type { AddressFields, Communication, ContactFields, CustomerFields, CustomerState } from './schemas.ts';

/** The customer record as stored: the client's fields plus what the server owns. */
export interface Customer extends CustomerFields {
  readonly id: string;
  /** Aggregate version: bumped by any change to the customer, its addresses or its contacts. */
  readonly version: number;
  readonly state: CustomerState;
  readonly stateReason?: string;
  /** Open receivables; maintained by invoicing and payments, read-only here. */
  readonly outstanding: Money;
  readonly addressCount: number;
  readonly contactCount: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What the server owns on an address or a contact. */
interface ChildRecord {
  readonly id: string;
  readonly customerId: string;
  readonly version: number;
  /** Set once the address or contact was turned into a customer of its own (CUS-14). */
  readonly convertedToCustomerId?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface Address extends AddressFields, ChildRecord {}

export interface Contact extends ContactFields, ChildRecord {}

export interface CustomerAggregate {
  readonly customer: Customer;
  readonly addresses: readonly Address[];
  readonly contacts: readonly Contact[];
}

export const MAX_ADDRESSES = 200;
export const MAX_CONTACTS = 1000;

/** prospect → qualified → active ⇄ blocked; prospects and qualified leads can be abandoned and reopened. */
export const CUSTOMER_LIFECYCLE = defineLifecycle({
  resource: 'customer',
  initial: 'prospect',
  actions: {
    qualify: { from: ['prospect'], to: 'qualified', reason: 'optional' },
    activate: { from: ['prospect', 'qualified'], to: 'active', reason: 'optional' },
    block: { from: ['active'], to: 'blocked', reason: 'required' },
    unblock: { from: ['blocked'], to: 'active', reason: 'optional' },
    abandon: { from: ['prospect', 'qualified'], to: 'abandoned', reason: 'required' },
    reopen: { from: ['abandoned'], to: 'prospect', reason: 'optional' },
  },
}) satisfies Lifecycle<CustomerState, string>;

export type StateAction = ActionOf<typeof CUSTOMER_LIFECYCLE>;

/**
 * Checks that need more than the shape, and brings values to their canonical form:
 * VAT numbers and IBANs compacted and verified, phones in E.164, amounts to the currency's decimals.
 */
export function checkCustomerFields(fields: CustomerFields, base = ''): { value: CustomerFields; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const value: CustomerFields = { ...fields };

  if (fields.vatNumber !== undefined) {
    const vat = checkVatNumber(fields.vatNumber);
    if ('issue' in vat) issues.push({ pointer: `${base}/vatNumber`, message: vat.issue });
    else value.vatNumber = vat.value;
  }
  if (fields.intraEuTradeDeclaration) {
    const vatCountry = value.vatNumber ? checkVatNumber(value.vatNumber) : null;
    if (!vatCountry || 'issue' in vatCountry || !EU_COUNTRIES.has(vatCountry.countryCode)) {
      issues.push({ pointer: `${base}/intraEuTradeDeclaration`, message: 'needs an EU VAT number on the customer' });
    }
  }
  if (fields.bankAccounts) {
    value.bankAccounts = fields.bankAccounts.map((account, i) => {
      const iban = checkIban(account.iban);
      if ('issue' in iban) {
        issues.push({ pointer: `${base}/bankAccounts/${i}/iban`, message: iban.issue });
        return account;
      }
      return { ...account, iban: iban.value };
    });
  }
  if (fields.credit?.limit) {
    issues.push(...sameCurrency(fields.credit.limit, fields.currency, `${base}/credit/limit/currency`));
    value.credit = { ...fields.credit, limit: normalizeMoney(fields.credit.limit) };
  }
  if (fields.transport?.freeShippingThreshold) {
    issues.push(...sameCurrency(fields.transport.freeShippingThreshold, fields.currency, `${base}/transport/freeShippingThreshold/currency`));
    value.transport = { ...fields.transport, freeShippingThreshold: normalizeMoney(fields.transport.freeShippingThreshold) };
  }
  if (fields.commitments) {
    value.commitments = fields.commitments.map((commitment, i) => {
      issues.push(...sameCurrency(commitment.amount, fields.currency, `${base}/commitments/${i}/amount/currency`));
      return { ...commitment, amount: normalizeMoney(commitment.amount) };
    });
  }
  if (fields.communication) {
    value.communication = normalizeCommunication(fields.communication, fields.countryCode, `${base}/communication`, issues);
  }
  return { value, issues };
}

export function checkContactFields(
  fields: ContactFields,
  country: string | undefined,
  base = '',
): { value: ContactFields; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const value = fields.communication
    ? { ...fields, communication: normalizeCommunication(fields.communication, country, `${base}/communication`, issues) }
    : fields;
  return { value, issues };
}

/** Phone numbers in E.164 so that the mobile app can call and text them; national forms read with the given country. */
function normalizeCommunication(
  communication: Communication,
  country: string | undefined,
  base: string,
  issues: FieldIssue[],
): Communication {
  const result: Communication = { ...communication };
  for (const field of ['phone', 'mobile', 'fax'] as const) {
    const raw = communication[field];
    if (raw === undefined) continue;
    const phone = normalizePhone(raw, country);
    if ('issue' in phone) issues.push({ pointer: `${base}/${field}`, message: phone.issue });
    else result[field] = phone.e164;
  }
  return result;
}

function sameCurrency(money: Money, currency: string, pointer: string): FieldIssue[] {
  return money.currency === currency ? [] : [{ pointer, message: `must be the customer's currency, ${currency}` }];
}

export function contactDisplayName(contact: Pick<ContactFields, 'firstName' | 'lastName'>): string {
  return [contact.firstName, contact.lastName].filter(Boolean).join(' ');
}
