import { formatDate } from '../../../domain/printing/format.ts';
import { drawParagraphs, heightOf, type Paragraph } from './paragraphs.ts';
import { CONTENT_WIDTH, PAGE, pen, SIZES, type PrintContext } from './print-context.ts';
import { legalMentions, numberText } from './wording.ts';

/**
 * What every page carries, drawn once the content is laid out and the page count known: the footer (the template's
 * text, the legal mentions, "Page n / N") and, from page 2, a running header naming the document.
 */

const GAP_ABOVE_FOOTER = 14;

function footerParagraphs(ctx: PrintContext): Paragraph[] {
  const { template } = ctx;
  const texts = [...(template.footerText ? [template.footerText] : []), ...legalMentions(ctx.document, ctx.labels)];
  return texts.map((text) => ({ text, face: 'regular', size: SIZES.footer, color: template.colors.muted }));
}

/** Page number line included. */
function footerHeight(ctx: PrintContext): number {
  return heightOf(ctx, footerParagraphs(ctx), { width: CONTENT_WIDTH }) + SIZES.footer + 4;
}

/** The bottom margin of every page: the content stops above the footer. */
export function bottomMargin(ctx: PrintContext): number {
  return PAGE.bottomEdge + footerHeight(ctx) + GAP_ABOVE_FOOTER;
}

export function drawPageFurniture(ctx: PrintContext): void {
  const { doc } = ctx;
  const { start, count } = doc.bufferedPageRange();
  const paragraphs = footerParagraphs(ctx);
  const footerTop = PAGE.height - PAGE.bottomEdge - footerHeight(ctx);
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    // Writing in the bottom margin would otherwise make pdfkit open a new page.
    doc.page.margins.bottom = 0;
    drawFooter(ctx, paragraphs, footerTop, index - start + 1, count);
    if (index > start) drawRunningHeader(ctx);
  }
}

function drawFooter(ctx: PrintContext, paragraphs: readonly Paragraph[], top: number, page: number, pages: number): void {
  const { doc, template } = ctx;
  doc.save().moveTo(PAGE.left, top - 5).lineTo(PAGE.right, top - 5).lineWidth(0.4).stroke(template.colors.muted).restore();
  const y = drawParagraphs(ctx, paragraphs, PAGE.left, top, { width: CONTENT_WIDTH, align: 'center' });
  pen(ctx, 'bold', SIZES.footer, template.colors.muted).text(ctx.labels.page(page, pages), PAGE.left, y + 3, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
}

const RUNNING_HEADER_Y = 32;

/** Which document a loose page belongs to: its title, number and recipient, and its date. */
function drawRunningHeader(ctx: PrintContext): void {
  const { doc, document, labels, template } = ctx;
  const title = `${labels.title[document.kind]} ${numberText(document, labels)} — ${document.recipient.name}`;
  pen(ctx, 'bold', SIZES.small, template.colors.muted).text(title, PAGE.left, RUNNING_HEADER_Y, { width: CONTENT_WIDTH * 0.75, lineBreak: false, ellipsis: true });
  pen(ctx, 'regular', SIZES.small, template.colors.muted).text(formatDate(document.issueDate, document.language), PAGE.left, RUNNING_HEADER_Y, {
    width: CONTENT_WIDTH,
    align: 'right',
    lineBreak: false,
  });
  const rule = RUNNING_HEADER_Y + SIZES.small + 6;
  doc.save().moveTo(PAGE.left, rule).lineTo(PAGE.right, rule).lineWidth(0.4).stroke(template.colors.muted).restore();
}
