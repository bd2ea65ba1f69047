import type { PrintColumn } from '../../../domain/printing/print-template.ts';
import type { PrintableKind, PrintLanguage, PrintableTerms } from '../../../domain/printing/printable-document.ts';

type PaymentMethod = NonNullable<PrintableTerms['payment']>['method'];

/** Every word the renderer prints, per language. French puts a no-break space before a colon (see `labelled`). */
export interface Labels {
  readonly title: Readonly<Record<PrintableKind, string>>;
  readonly number: string;
  readonly revision: string;
  readonly date: string;
  readonly validUntil: string;
  readonly agent: string;
  readonly recipient: string;
  readonly deliveryAddress: string;
  readonly attention: (person: string) => string;
  readonly customerCode: string;
  readonly vatNumber: string;
  readonly phone: string;
  readonly columns: Readonly<Record<PrintColumn, string>>;
  readonly linesTotal: string;
  readonly transport: string;
  readonly transportWaived: string;
  readonly net: string;
  readonly tax: string;
  readonly gross: string;
  readonly vatBreakdown: { readonly rate: string; readonly base: string; readonly tax: string };
  readonly terms: string;
  readonly payment: string;
  readonly paymentOnReceipt: string;
  readonly days: (count: number) => string;
  readonly endOfMonth: string;
  readonly paymentMethods: Readonly<Record<PaymentMethod, string>>;
  readonly earlyPaymentDiscount: (rate: string, days: number) => string;
  readonly delivery: string;
  readonly validity: (date: string) => string;
  readonly notes: string;
  readonly generalTerms: string;
  readonly signature: { readonly title: string; readonly date: string; readonly name: string; readonly signature: string };
  readonly siren: string;
  readonly rcs: string;
  readonly latePaymentPenalties: string;
  readonly noEarlyPaymentDiscount: string;
  readonly page: (page: number, pages: number) => string;
}

const FR: Labels = {
  title: { quote: 'Devis' },
  number: 'N°',
  revision: 'révision',
  date: 'Date',
  validUntil: 'Valable jusqu’au',
  agent: 'Votre contact',
  recipient: 'Destinataire',
  deliveryAddress: 'Adresse de livraison',
  attention: (person) => `À l’attention de ${person}`,
  customerCode: 'Code client',
  vatNumber: 'N° TVA',
  phone: 'Tél.',
  columns: {
    code: 'Code',
    customerCode: 'Votre réf.',
    description: 'Désignation',
    quantity: 'Qté',
    unit: 'Unité',
    unitPrice: 'P.U. HT',
    discount: 'Remise',
    amount: 'Montant HT',
    vatRate: 'TVA',
  },
  linesTotal: 'Total des lignes HT',
  transport: 'Transport',
  transportWaived: 'offert',
  net: 'Total HT',
  tax: 'TVA',
  gross: 'Total TTC',
  vatBreakdown: { rate: 'Taux de TVA', base: 'Base HT', tax: 'Montant TVA' },
  terms: 'Conditions',
  payment: 'Règlement',
  paymentOnReceipt: 'à réception',
  days: (count) => `${count} jour${count > 1 ? 's' : ''}`,
  endOfMonth: 'fin de mois',
  paymentMethods: {
    bank_transfer: 'par virement',
    direct_debit: 'par prélèvement',
    check: 'par chèque',
    card: 'par carte bancaire',
    cash: 'en espèces',
    bill_of_exchange: 'par lettre de change',
  },
  earlyPaymentDiscount: (rate, days) => `escompte de ${rate} pour paiement sous ${days} jour${days > 1 ? 's' : ''}`,
  delivery: 'Livraison',
  validity: (date) => `Offre valable jusqu’au ${date}.`,
  notes: 'Remarques',
  generalTerms: 'Conditions générales',
  signature: { title: 'Bon pour accord', date: 'Date', name: 'Nom et qualité', signature: 'Signature et cachet' },
  siren: 'SIREN',
  rcs: 'RCS',
  latePaymentPenalties:
    'En cas de retard de paiement, pénalités au taux de trois fois le taux d’intérêt légal et indemnité forfaitaire pour frais de recouvrement de 40 € (art. L441-10 du Code de commerce).',
  noEarlyPaymentDiscount: 'Pas d’escompte pour paiement anticipé.',
  page: (page, pages) => `Page ${page} / ${pages}`,
};

const EN: Labels = {
  title: { quote: 'Quotation' },
  number: 'No.',
  revision: 'revision',
  date: 'Date',
  validUntil: 'Valid until',
  agent: 'Your contact',
  recipient: 'Customer',
  deliveryAddress: 'Delivery address',
  attention: (person) => `For the attention of ${person}`,
  customerCode: 'Customer code',
  vatNumber: 'VAT no.',
  phone: 'Tel.',
  columns: {
    code: 'Code',
    customerCode: 'Your ref.',
    description: 'Description',
    quantity: 'Qty',
    unit: 'Unit',
    unitPrice: 'Unit price',
    discount: 'Discount',
    amount: 'Amount',
    vatRate: 'VAT',
  },
  linesTotal: 'Lines total',
  transport: 'Transport',
  transportWaived: 'free of charge',
  net: 'Total excl. VAT',
  tax: 'VAT',
  gross: 'Total incl. VAT',
  vatBreakdown: { rate: 'VAT rate', base: 'Taxable amount', tax: 'VAT amount' },
  terms: 'Terms',
  payment: 'Payment',
  paymentOnReceipt: 'on receipt',
  days: (count) => `${count} day${count > 1 ? 's' : ''}`,
  endOfMonth: 'end of month',
  paymentMethods: {
    bank_transfer: 'by bank transfer',
    direct_debit: 'by direct debit',
    check: 'by cheque',
    card: 'by card',
    cash: 'in cash',
    bill_of_exchange: 'by bill of exchange',
  },
  earlyPaymentDiscount: (rate, days) => `${rate} discount for payment within ${days} day${days > 1 ? 's' : ''}`,
  delivery: 'Delivery',
  validity: (date) => `This quotation is valid until ${date}.`,
  notes: 'Notes',
  generalTerms: 'General terms',
  signature: { title: 'Agreed and accepted', date: 'Date', name: 'Name and position', signature: 'Signature and company stamp' },
  siren: 'SIREN',
  rcs: 'RCS',
  latePaymentPenalties:
    'Late payment: penalties at three times the French legal interest rate and a fixed recovery fee of €40 (art. L441-10 of the French Commercial Code).',
  noEarlyPaymentDiscount: 'No discount for early payment.',
  page: (page, pages) => `Page ${page} / ${pages}`,
};

export const LABELS: Readonly<Record<PrintLanguage, Labels>> = { fr: FR, en: EN };

/** `Date : ` in French (no-break space before the colon), `Date: ` in English. */
export function labelled(label: string, language: PrintLanguage): string {
  return language === 'fr' ? `${label}\u00a0: ` : `${label}: `;
}
