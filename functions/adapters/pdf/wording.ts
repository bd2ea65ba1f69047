import type { PrintableDocument, PrintableTerms } from '../../../domain/printing/printable-document.ts';
import { formatPercent } from '../../../domain/printing/format.ts';
import { labelled, type Labels } from './labels.ts';

/** The sentences the renderer composes from the document's terms and the seller's identity. */

/** `N° Q-2027-000123 · révision 2`: the revision from the second version on. */
export function numberText(document: PrintableDocument, labels: Labels): string {
  const revision = document.version >= 2 ? ` · ${labels.revision} ${document.version}` : '';
  return `${labels.number} ${document.number}${revision}`;
}

type PaymentTerms = NonNullable<PrintableTerms['payment']>;

/** fr `30 jours fin de mois, par virement. Escompte de 2 % pour paiement sous 10 jours.`; en alike. */
export function paymentTermsText(payment: PaymentTerms, labels: Labels, language: PrintableDocument['language']): string {
  const delay =
    payment.netDays === 0
      ? payment.endOfMonth
        ? labels.endOfMonth
        : labels.paymentOnReceipt
      : [labels.days(payment.netDays), payment.endOfMonth ? labels.endOfMonth : undefined].filter(Boolean).join(' ');
  const terms = `${delay}, ${labels.paymentMethods[payment.method]}.`;
  const discount = payment.earlyPaymentDiscount;
  return discount ? `${terms} ${capitalized(labels.earlyPaymentDiscount(formatPercent(discount.rate, language), discount.withinDays))}.` : terms;
}

/** `DAP Lyon (Incoterms® 2020)`. */
export function deliveryTermsText(delivery: NonNullable<PrintableTerms['delivery']>): string {
  return `${[delivery.incoterm, delivery.place].filter(Boolean).join(' ')} (Incoterms® 2020)`;
}

/**
 * The mentions French law requires on a commercial document, for every page's footer: the seller's identity and
 * registration, its bank details, and — for a French seller — the late-payment penalties and whether paying early
 * earns a discount.
 */
export function legalMentions(document: PrintableDocument, labels: Labels): string[] {
  const { seller, language } = document;
  const siren = seller.siren && groupedBy(seller.siren, 3);
  const registration = siren && (seller.registrationCity ? `${labels.rcs} ${seller.registrationCity} ${siren}` : `${labels.siren} ${siren}`);
  const identity = [seller.name, seller.legalForm, registration, seller.vatNumber && `${labelled(labels.vatNumber, language)}${seller.vatNumber}`];
  const bank = [seller.iban && `IBAN ${groupedBy(seller.iban.replace(/\s/g, ''), 4)}`, seller.bic && `BIC ${seller.bic}`];
  const law =
    seller.countryCode === 'FR'
      ? [labels.latePaymentPenalties, document.terms.payment?.earlyPaymentDiscount ? undefined : labels.noEarlyPaymentDiscount].filter(Boolean).join(' ')
      : '';
  return [identity, bank].map((parts) => parts.filter(Boolean).join(' · ')).concat(law).filter((line) => line !== '');
}

/** Groups of `size` characters joined by no-break spaces, so that a number never breaks across lines. */
function groupedBy(value: string, size: number): string {
  return value.match(new RegExp(`.{1,${size}}`, 'g'))!.join('\u00a0');
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
