import { formatAmount, formatDate, type DocumentSettingsRecord } from '../printing/index.ts';
import type { MailAttachment, Mailbox, OutgoingMail } from '../shared/mail.ts';
import type { Sender } from './printable.ts';
import type { Quote } from './quote.ts';

/**
 * The e-mail that sends a quote (QUO-5): plain text and HTML saying the same, the PDF attached, the link to view and
 * accept this version online, answers going to the sender. In the quote's language.
 */
const WORDING = {
  fr: {
    subject: (number: string, seller: string) => `Devis ${number} — ${seller}`,
    greeting: (name?: string) => (name ? `Bonjour ${name},` : 'Bonjour,'),
    body: (number: string, version: number) => `Veuillez trouver ci-joint notre devis ${number}${version > 1 ? ` (révision ${version})` : ''}.`,
    total: (amount: string, validUntil: string) => `Montant TTC : ${amount}. Offre valable jusqu’au ${validUntil}.`,
    link: 'Consulter et accepter le devis en ligne :',
    closing: 'Cordialement,',
  },
  en: {
    subject: (number: string, seller: string) => `Quotation ${number} from ${seller}`,
    greeting: (name?: string) => (name ? `Dear ${name},` : 'Hello,'),
    body: (number: string, version: number) => `Please find attached our quotation ${number}${version > 1 ? ` (revision ${version})` : ''}.`,
    total: (amount: string, validUntil: string) => `Total including VAT: ${amount}. Valid until ${validUntil}.`,
    link: 'View and accept the quotation online:',
    closing: 'Kind regards,',
  },
} as const;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

export function quoteMail(input: {
  readonly quote: Quote;
  readonly to: readonly Mailbox[];
  readonly cc: readonly Mailbox[];
  readonly message?: string;
  readonly link: string;
  readonly pdf: MailAttachment;
  readonly settings: DocumentSettingsRecord;
  readonly sender: Sender;
}): OutgoingMail {
  const { quote, settings, sender } = input;
  const words = WORDING[quote.content.language];
  const seller = settings.company.name;
  const { language } = quote.content;
  const total = formatAmount(quote.content.pricing.totals.gross, quote.content.currency, language);
  const paragraphs = [
    words.greeting(quote.content.prospect?.person ?? input.to[0]?.name),
    words.body(quote.number, quote.current.number),
    ...(input.message ? [input.message] : []),
    words.total(total, formatDate(quote.content.validUntil, language)),
  ];
  const signature = [words.closing, sender.name ?? seller, ...(sender.name ? [seller] : [])];
  const text = [...paragraphs, `${words.link}\n${input.link}`, signature.join('\n')].join('\n\n');
  const html = [
    ...paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`),
    `<p>${escapeHtml(words.link)}<br><a href="${escapeHtml(input.link)}">${escapeHtml(input.link)}</a></p>`,
    `<p>${signature.map(escapeHtml).join('<br>')}</p>`,
  ].join('\n');
  return {
    fromName: seller,
    to: input.to,
    cc: input.cc,
    ...(sender.email ? { replyTo: { ...(sender.name ? { name: sender.name } : {}), address: sender.email } } : {}),
    subject: words.subject(quote.number, seller),
    text,
    html: `<!doctype html>\n<html lang="${quote.content.language}"><body>\n${html}\n</body></html>`,
    attachments: [input.pdf],
  };
}
