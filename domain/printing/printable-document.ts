/**
 * A sales document as it is printed (a quote now; order acknowledgements and invoices later): every figure a decimal
 * string already computed by the domain, every party already chosen. The renderer only lays it out and words it in
 * the document's language; it computes nothing, so the PDF can never disagree with the API.
 */
export type PrintLanguage = 'fr' | 'en';

export type PrintableKind = 'quote';

export interface PrintableDocument {
  readonly kind: PrintableKind;
  readonly language: PrintLanguage;
  /** `Q-2027-000123`. */
  readonly number: string;
  /** The document version printed (a quote's revision), shown next to the number from 2 on. */
  readonly version: number;
  /** ISO date. */
  readonly issueDate: string;
  /** ISO date: a quote's validity. */
  readonly validUntil?: string;
  readonly currency: string;
  readonly seller: SellerIdentity;
  /** Who the document is addressed to: the customer's invoiced-to (else ordered-by) address, or the prospect. */
  readonly recipient: PartyBlock;
  /** Shown when the goods go elsewhere than the recipient's address. */
  readonly deliveryAddress?: PartyBlock;
  readonly agent?: { readonly name: string; readonly email?: string; readonly phone?: string };
  /** Extra labelled references under the title (the customer's PO number…). */
  readonly references: readonly { readonly label: string; readonly value: string }[];
  readonly lines: readonly PrintableLine[];
  readonly documentDiscounts: readonly { readonly label: string; readonly amount: string }[];
  /** Absent when no transport is charged or waived. */
  readonly transport?: { readonly amount: string; readonly waived: boolean };
  readonly vat: readonly { readonly rate: string; readonly base: string; readonly tax: string }[];
  readonly totals: { readonly lines: string; readonly documentDiscounts: string; readonly transport: string; readonly net: string; readonly tax: string; readonly gross: string };
  readonly terms: PrintableTerms;
  /** Notes for the customer, as typed. */
  readonly notes?: string;
}

export type PrintableLine =
  | { readonly kind: 'section'; readonly title: string }
  | { readonly kind: 'comment'; readonly text: string }
  | {
      readonly kind: 'item';
      /** Our product code; absent on a free-text line. */
      readonly code?: string;
      /** The customer's own code for the product (its reference). */
      readonly customerCode?: string;
      readonly description: string;
      readonly quantity: string;
      readonly unit?: string;
      /** Per unit of `quantity`, before the line's discounts. */
      readonly unitPrice: string;
      /** The line's percentages off, in order ("10", "5"). */
      readonly discounts: readonly string[];
      /** Net of the line's discounts, before document discounts and VAT. */
      readonly amount: string;
      readonly vatRate: string;
    };

export interface PrintableTerms {
  readonly payment?: {
    readonly netDays: number;
    readonly endOfMonth: boolean;
    readonly method: 'bank_transfer' | 'direct_debit' | 'check' | 'card' | 'cash' | 'bill_of_exchange';
    readonly earlyPaymentDiscount?: { readonly rate: string; readonly withinDays: number };
  };
  /** Incoterms 2020 code and its named place. */
  readonly delivery?: { readonly incoterm: string; readonly place?: string };
}

/** The seller, from the company profile: what French law requires on a commercial document. */
export interface SellerIdentity {
  readonly name: string;
  /** "SAS au capital de 50 000 €". */
  readonly legalForm?: string;
  readonly addressLines: readonly string[];
  readonly countryCode: string;
  /** 9 digits; with `registrationCity`, the RCS mention. */
  readonly siren?: string;
  readonly registrationCity?: string;
  readonly vatNumber?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly website?: string;
  readonly iban?: string;
  readonly bic?: string;
}

export interface PartyBlock {
  readonly name: string;
  /** The person the document is for ("Mme Claire Martin"). */
  readonly attention?: string;
  readonly addressLines: readonly string[];
  readonly countryCode?: string;
  readonly vatNumber?: string;
  readonly customerCode?: string;
  readonly email?: string;
  readonly phone?: string;
}
