import type { PartyBlock } from '../../../domain/printing/printable-document.ts';
import { countryName, formatDate } from '../../../domain/printing/format.ts';
import { labelled } from './labels.ts';
import { drawParagraphs, heightOf, type Paragraph } from './paragraphs.ts';
import { numberText } from './wording.ts';
import { PAGE, pen, RIGHT_COLUMN, SIZES, type PrintContext } from './print-context.ts';

/**
 * The top of the first page: the seller (logo, name, address, contact) on the left, the title, number, dates and
 * references on the right, then the recipient (right, where a window envelope shows it) and the delivery address.
 */
export function drawDocumentHeader(ctx: PrintContext): void {
  const sellerBottom = drawSeller(ctx, PAGE.firstPageTop);
  const titleBottom = drawTitleBlock(ctx, PAGE.firstPageTop);
  const partiesBottom = drawParties(ctx, Math.max(sellerBottom, titleBottom) + 16);
  ctx.doc.y = partiesBottom + 18;
}

const LOGO_BOX = { width: 170, height: 54 } as const;
const SELLER_WIDTH = RIGHT_COLUMN.x - PAGE.left - 24;

function drawSeller(ctx: PrintContext, top: number): number {
  const { doc, document, template, labels } = ctx;
  const { seller } = document;
  let y = top;
  if (template.logo !== undefined) {
    // Fitted into the box, proportions kept. Placed in the flow (no coordinates), pdfkit moves doc.y under the image
    // as drawn, where the text starts.
    doc.x = PAGE.left;
    doc.y = y;
    doc.image(Buffer.from(template.logo.data, 'base64'), { fit: [LOGO_BOX.width, LOGO_BOX.height] });
    y = doc.y + 8;
  }
  const contact = [seller.phone && `${labels.phone} ${seller.phone}`, seller.email, seller.website].filter(Boolean).join('\n');
  const paragraphs: Paragraph[] = [
    { text: seller.name, face: 'bold', size: 11 },
    { text: addressOf(ctx, seller.addressLines, seller.countryCode), face: 'regular', size: SIZES.body, gap: 2 },
    ...(contact ? [{ text: contact, face: 'regular' as const, size: SIZES.body }] : []),
    ...(template.headerText ? [{ text: template.headerText, face: 'italic' as const, size: SIZES.small, color: template.colors.muted, gap: 4 }] : []),
  ];
  return drawParagraphs(ctx, paragraphs, PAGE.left, y, { width: SELLER_WIDTH });
}

function drawTitleBlock(ctx: PrintContext, top: number): number {
  const { document, labels, template } = ctx;
  const language = document.language;
  let y = drawParagraphs(
    ctx,
    [
      { text: labels.title[document.kind], face: 'bold', size: SIZES.title, color: template.colors.primary },
      { text: numberText(document, labels), face: 'bold', size: 10, gap: 2 },
    ],
    RIGHT_COLUMN.x,
    top,
    { width: RIGHT_COLUMN.width, align: 'right' },
  );
  const agent = document.agent && [document.agent.name, document.agent.email, document.agent.phone].filter(Boolean).join('\n');
  const facts: [string, string | undefined][] = [
    [labels.date, formatDate(document.issueDate, language)],
    [labels.validUntil, document.validUntil && formatDate(document.validUntil, language)],
    ...document.references.map((reference): [string, string] => [reference.label, reference.value]),
    [labels.agent, agent],
  ];
  y += 6;
  for (const [label, value] of facts) {
    if (!value) continue;
    y = drawFact(ctx, label, value, y);
  }
  return y;
}

const FACT_LABEL_WIDTH = 92;

/** A label and its value on one row of the title block, the value wrapping in its own column. */
function drawFact(ctx: PrintContext, label: string, value: string, y: number): number {
  const valueX = RIGHT_COLUMN.x + FACT_LABEL_WIDTH;
  const valueWidth = RIGHT_COLUMN.width - FACT_LABEL_WIDTH;
  pen(ctx, 'regular', SIZES.body, ctx.template.colors.muted).text(labelled(label, ctx.document.language).trimEnd(), RIGHT_COLUMN.x, y, { width: FACT_LABEL_WIDTH - 6 });
  const labelBottom = ctx.doc.y;
  pen(ctx, 'regular', SIZES.body).text(value, valueX, y, { width: valueWidth, lineGap: 1 });
  return Math.max(labelBottom, ctx.doc.y) + 1;
}

const BOX_PADDING = 8;
const DELIVERY_BOX = { x: PAGE.left, width: RIGHT_COLUMN.x - PAGE.left - 24 } as const;

function drawParties(ctx: PrintContext, top: number): number {
  const { document, labels } = ctx;
  const recipient: Paragraph[] = [
    ...partyParagraphs(ctx, labels.recipient, document.recipient),
    ...[
      document.recipient.customerCode && `${labelled(labels.customerCode, document.language)}${document.recipient.customerCode}`,
      document.recipient.vatNumber && `${labelled(labels.vatNumber, document.language)}${document.recipient.vatNumber}`,
    ]
      .filter((line): line is string => Boolean(line))
      .map((text, i): Paragraph => ({ text, face: 'regular', size: SIZES.body, gap: i === 0 ? 4 : 0 })),
  ];
  const delivery = document.deliveryAddress && partyParagraphs(ctx, labels.deliveryAddress, document.deliveryAddress);
  const inner = (width: number) => ({ width: width - 2 * BOX_PADDING });
  const height = Math.max(heightOf(ctx, recipient, inner(RIGHT_COLUMN.width)), delivery ? heightOf(ctx, delivery, inner(DELIVERY_BOX.width)) : 0) + 2 * BOX_PADDING;
  drawBox(ctx, recipient, RIGHT_COLUMN.x, top, RIGHT_COLUMN.width, height);
  if (delivery) drawBox(ctx, delivery, DELIVERY_BOX.x, top, DELIVERY_BOX.width, height);
  return top + height;
}

function partyParagraphs(ctx: PrintContext, caption: string, party: PartyBlock): Paragraph[] {
  const { labels, template } = ctx;
  const contact = [party.phone && `${labels.phone} ${party.phone}`, party.email].filter(Boolean).join(' · ');
  return [
    { text: caption.toUpperCase(), face: 'bold', size: 6.5, color: template.colors.muted },
    { text: party.name, face: 'bold', size: 10, gap: 3 },
    ...(party.attention ? [{ text: labels.attention(party.attention), face: 'regular' as const, size: SIZES.body }] : []),
    { text: addressOf(ctx, party.addressLines, party.countryCode), face: 'regular', size: SIZES.body, gap: 1 },
    ...(contact ? [{ text: contact, face: 'regular' as const, size: SIZES.body }] : []),
  ];
}

/** The address lines, and the country's name on every address once the document crosses a border. */
function addressOf(ctx: PrintContext, lines: readonly string[], countryCode: string | undefined): string {
  const { document } = ctx;
  const abroad = [document.recipient.countryCode, document.deliveryAddress?.countryCode].some((code) => code !== undefined && code !== document.seller.countryCode);
  const country = countryCode !== undefined && abroad ? [countryName(countryCode, document.language).toUpperCase()] : [];
  return [...lines, ...country].join('\n');
}

function drawBox(ctx: PrintContext, paragraphs: readonly Paragraph[], x: number, y: number, width: number, height: number): void {
  ctx.doc.save().roundedRect(x, y, width, height, 3).lineWidth(0.6).strokeColor(ctx.template.colors.muted).strokeOpacity(0.5).stroke().restore();
  drawParagraphs(ctx, paragraphs, x + BOX_PADDING, y + BOX_PADDING, { width: width - 2 * BOX_PADDING });
}
