import { formatDate } from '../../../domain/printing/format.ts';
import { labelled } from './labels.ts';
import { drawParagraphs, heightOf, type Paragraph } from './paragraphs.ts';
import { CONTENT_WIDTH, ensureRoom, PAGE, pen, RIGHT_COLUMN, SIZES, type PrintContext } from './print-context.ts';
import { deliveryTermsText, paymentTermsText } from './wording.ts';

/** After the totals: the document's terms, the notes, the signature block, then the template's general terms. */
export function drawClosingBlocks(ctx: PrintContext): void {
  drawTerms(ctx);
  if (ctx.document.notes) drawSection(ctx, ctx.labels.notes, [{ text: ctx.document.notes, face: 'regular', size: SIZES.body }]);
  if (ctx.template.showSignatureBlock) drawSignatureBlock(ctx);
  if (ctx.template.terms) drawSection(ctx, ctx.labels.generalTerms, [{ text: ctx.template.terms, face: 'regular', size: SIZES.small }]);
}

function drawTerms(ctx: PrintContext): void {
  const { document, labels } = ctx;
  const { language, terms, validUntil } = document;
  const sentences = [
    terms.payment && `${labelled(labels.payment, language)}${paymentTermsText(terms.payment, labels, language)}`,
    terms.delivery && `${labelled(labels.delivery, language)}${deliveryTermsText(terms.delivery)}`,
    validUntil && labels.validity(formatDate(validUntil, language)),
  ].filter((sentence): sentence is string => Boolean(sentence));
  if (sentences.length > 0) drawSection(ctx, labels.terms, sentences.map((text) => ({ text, face: 'regular', size: SIZES.body })));
}

/** A heading and its paragraphs; the heading never stays alone at the bottom of a page. */
function drawSection(ctx: PrintContext, heading: string, paragraphs: readonly Paragraph[]): void {
  const title: Paragraph = { text: heading, face: 'bold', size: SIZES.heading, color: ctx.template.colors.primary };
  const firstLines = Math.min(heightOf(ctx, paragraphs, { width: CONTENT_WIDTH }), 3 * SIZES.body * 1.3);
  ctx.doc.y += 12;
  ensureRoom(ctx, heightOf(ctx, [title], { width: CONTENT_WIDTH }) + 3 + firstLines);
  const y = drawParagraphs(ctx, [title], PAGE.left, ctx.doc.y, { width: CONTENT_WIDTH });
  // Long texts (general terms) flow over pages by themselves.
  drawParagraphs(ctx, paragraphs, PAGE.left, y + 3, { width: CONTENT_WIDTH });
}

const SIGNATURE_HEIGHT = 118;

/** "Bon pour accord": where the customer dates, names and signs the accepted quote, kept whole on one page. */
function drawSignatureBlock(ctx: PrintContext): void {
  const { doc, labels, template, document } = ctx;
  const { x, width } = RIGHT_COLUMN;
  ctx.doc.y += 16;
  ensureRoom(ctx, SIGNATURE_HEIGHT);
  const top = doc.y;
  doc.save().roundedRect(x, top, width, SIGNATURE_HEIGHT, 3).lineWidth(0.8).strokeColor(template.colors.primary).stroke().restore();
  pen(ctx, 'bold', SIZES.heading, template.colors.primary).text(labels.signature.title, x + 8, top + 7, { width: width - 16, lineBreak: false });
  const fields = [labels.signature.date, labels.signature.name, labels.signature.signature];
  fields.forEach((field, i) => {
    const y = top + 26 + i * 16;
    const label = labelled(field, document.language).trimEnd();
    pen(ctx, 'regular', SIZES.body, template.colors.muted).text(label, x + 8, y, { lineBreak: false });
    // Dotted lines to write on, but for the signature, which gets the box's free space.
    if (i < fields.length - 1) {
      const from = x + 8 + doc.widthOfString(label) + 4;
      doc.save().moveTo(from, y + SIZES.body).lineTo(x + width - 8, y + SIZES.body).lineWidth(0.5).dash(1, { space: 2 }).stroke(template.colors.muted).restore();
    }
  });
  doc.x = PAGE.left;
  doc.y = top + SIGNATURE_HEIGHT;
}
