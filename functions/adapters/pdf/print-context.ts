import type { PrintTemplate } from '../../../domain/printing/print-template.ts';
import type { PrintableDocument } from '../../../domain/printing/printable-document.ts';
import { fontFiles, type Face } from './fonts.ts';
import { formatAmount } from '../../../domain/printing/format.ts';
import { LABELS, type Labels } from './labels.ts';

/** A4 in points, and the frame every block of a page aligns on. */
export const PAGE = {
  width: 595.28,
  height: 841.89,
  left: 42,
  right: 595.28 - 42,
  /** Where content starts on the pages after the first, under the running header. */
  continuationTop: 62,
  firstPageTop: 36,
  /** From the bottom edge to the footer's last line. */
  bottomEdge: 26,
} as const;
export const CONTENT_WIDTH = PAGE.right - PAGE.left;
/** The right-hand column: the title block, the recipient, the totals, the signature. */
export const RIGHT_COLUMN = { x: 318, width: PAGE.right - 318 } as const;

export const SIZES = { title: 20, heading: 9.5, body: 8.5, table: 8, small: 7.5, footer: 6.5 } as const;

/** What every block of the renderer draws with. */
export interface PrintContext {
  readonly doc: PDFKit.PDFDocument;
  readonly document: PrintableDocument;
  readonly template: PrintTemplate;
  readonly labels: Labels;
  /** The file of each face: pdfkit caches a font by the name it is selected with, so the path is that name. */
  readonly fonts: Readonly<Record<Face, string>>;
  /** An amount of the document's currency, worded in its language. */
  readonly amount: (value: string) => string;
}

export function printContext(doc: PDFKit.PDFDocument, document: PrintableDocument, template: PrintTemplate): PrintContext {
  return {
    doc,
    document,
    template,
    labels: LABELS[document.language],
    fonts: fontFiles(template.font),
    amount: (value) => formatAmount(value, document.currency, document.language),
  };
}

/** Sets the face and the size, to measure or draw the text that follows. */
export function typeface(ctx: PrintContext, face: Face, size: number): PDFKit.PDFDocument {
  return ctx.doc.font(ctx.fonts[face]).fontSize(size);
}

/** Sets the face, the size and the colour for the text that follows. */
export function pen(ctx: PrintContext, face: Face, size: number, color: string = ctx.template.colors.text): PDFKit.PDFDocument {
  return typeface(ctx, face, size).fillColor(color);
}

/** Moves to a new page unless `height` fits above the footer. */
export function ensureRoom(ctx: PrintContext, height: number): void {
  if (ctx.doc.y + height > ctx.doc.page.maxY()) ctx.doc.addPage();
}

/** Black or white, whichever reads better on `background` (`#rrggbb`): the table header's text on the primary colour. */
export function textOn(background: string): string {
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(background.slice(at, at + 2), 16) / 255) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.6 ? '#000000' : '#ffffff';
}
