/**
 * The printing context's public entry (DESIGN §9): the documents' settings (the seller, the templates) and the shape
 * of a document as printed, which the quotes (and later orders and invoices) fill and the PDF renderer lays out.
 */
export { getDocumentSettings, sellerIdentity, type DocumentSettingsRecord, type PrintingDeps } from './document-settings.ts';
export type { PrintTemplate } from './print-template.ts';
export type { PartyBlock, PrintableDocument, PrintableLine, PrintLanguage } from './printable-document.ts';
export { formatAmount, formatDate } from './format.ts';
