import type { ApiReply } from './bench-system.ts';

/**
 * A realistic customer as a client creates it: tax and payment details, two addresses (head office and
 * delivery) and three contacts, phone numbers in local formats that the API normalizes.
 */
export const CUSTOMER_WITH_CHILDREN = {
  name: 'Boulangerie Dupont',
  countryCode: 'FR',
  vatNumber: 'FR40303265045',
  paymentTerms: { netDays: 30, endOfMonth: true, method: 'bank_transfer' },
  addresses: [
    { label: 'Siège', roles: ['invoiced_to', 'paid_by'], line1: '1 rue de la Paix', postalCode: '75002', city: 'Paris', countryCode: 'FR' },
    { label: 'Fournil', roles: ['delivered_to'], line1: '8 rue du Four', postalCode: '75006', city: 'Paris', countryCode: 'FR' },
  ],
  contacts: [
    { firstName: 'Anne', lastName: 'Dupont', jobTitle: 'Gérante', communication: { mobile: '06 12 34 56 78', email: 'anne@dupont.fr' } },
    { firstName: 'Marc', lastName: 'Petit', jobTitle: 'Comptable', communication: { phone: '01 23 45 67 89', email: 'compta@dupont.fr' } },
    { firstName: 'Léa', lastName: 'Roux', jobTitle: 'Responsable des achats' },
  ],
} as const;

/** The parts of a customer representation the benchmark follows. */
export interface CustomerView {
  readonly id: string;
  readonly version: number;
  readonly contacts: readonly { readonly id: string; readonly version: number }[];
}

export function customerView(reply: ApiReply): CustomerView {
  const body = reply.body as Partial<CustomerView> | undefined;
  if (typeof body?.id !== 'string' || typeof body.version !== 'number' || !Array.isArray(body.contacts)) {
    throw new Error(`Not a customer representation: ${JSON.stringify(reply.body)}`);
  }
  return body as CustomerView;
}

/** The `If-Match` that proves the client saw the given version. */
export const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
