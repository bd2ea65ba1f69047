import { formatDeduction, formatPercent } from '../../../domain/printing/format.ts';
import { ensureRoom, PAGE, pen, RIGHT_COLUMN, SIZES, textOn, typeface, type PrintContext } from './print-context.ts';

/**
 * Under the lines: the VAT breakdown per rate on the left, the totals on the right (lines, document discounts,
 * transport, net, VAT, gross), kept together on one page.
 */
export function drawTotals(ctx: PrintContext): void {
  const totals = totalRows(ctx);
  const vatHeight = (ctx.document.vat.length + 1) * ROW_HEIGHT;
  const height = Math.max(totals.reduce((sum, row) => sum + rowHeight(ctx, row), 0), vatHeight);
  ctx.doc.y += 10;
  ensureRoom(ctx, height);
  const top = ctx.doc.y;
  drawVatBreakdown(ctx, top);
  drawTotalRows(ctx, totals, top);
  ctx.doc.x = PAGE.left;
  ctx.doc.y = top + height;
}

const ROW_HEIGHT = 14;
/** The gross total stands out in a band a little taller than the other rows. */
const GROSS_EXTRA = 4;

interface TotalRow {
  readonly label: string;
  readonly value: string;
  readonly emphasis: 'none' | 'subtotal' | 'gross';
}

function totalRows(ctx: PrintContext): TotalRow[] {
  const { document, labels, amount } = ctx;
  const { totals, transport } = document;
  const adjusted = document.documentDiscounts.length > 0 || transport !== undefined;
  return [
    ...(adjusted ? [{ label: labels.linesTotal, value: amount(totals.lines), emphasis: 'none' as const }] : []),
    ...document.documentDiscounts.map((discount) => ({
      label: discount.label,
      value: formatDeduction(discount.amount, document.currency, document.language),
      emphasis: 'none' as const,
    })),
    ...(transport ? [{ label: labels.transport, value: transport.waived ? labels.transportWaived : amount(transport.amount), emphasis: 'none' as const }] : []),
    { label: labels.net, value: amount(totals.net), emphasis: 'subtotal' },
    { label: labels.tax, value: amount(totals.tax), emphasis: 'none' },
    { label: labels.gross, value: amount(totals.gross), emphasis: 'gross' },
  ];
}

const LABEL_WIDTH = RIGHT_COLUMN.width * 0.58;
const faceOf = (row: TotalRow) => (row.emphasis === 'none' ? 'regular' : 'bold');

/** A long discount label wraps, and its row grows with it. */
function rowHeight(ctx: PrintContext, row: TotalRow): number {
  typeface(ctx, faceOf(row), SIZES.body);
  const height = Math.max(ROW_HEIGHT, ctx.doc.heightOfString(row.label, { width: LABEL_WIDTH - 6 }) + 5);
  return row.emphasis === 'gross' ? height + GROSS_EXTRA : height;
}

function drawTotalRows(ctx: PrintContext, rows: readonly TotalRow[], top: number): void {
  const { doc, template } = ctx;
  const { x, width } = RIGHT_COLUMN;
  let y = top;
  for (const row of rows) {
    const height = rowHeight(ctx, row);
    if (row.emphasis === 'gross') doc.save().rect(x, y, width, height).fill(template.colors.primary).restore();
    if (row.emphasis === 'subtotal') doc.save().moveTo(x, y).lineTo(x + width, y).lineWidth(0.6).stroke(template.colors.muted).restore();
    const color = row.emphasis === 'gross' ? textOn(template.colors.primary) : template.colors.text;
    const top = y + (row.emphasis === 'gross' ? 2 + GROSS_EXTRA / 2 : 2.5);
    pen(ctx, faceOf(row), SIZES.body, color).text(row.label, x + 6, top, { width: LABEL_WIDTH - 6 });
    doc.text(row.value, x + LABEL_WIDTH, top, { width: width - LABEL_WIDTH - 6, align: 'right', lineBreak: false });
    y += height;
  }
}

const VAT_COLUMNS = [
  { x: PAGE.left, width: 70, align: 'left' },
  { x: PAGE.left + 70, width: 90, align: 'right' },
  { x: PAGE.left + 160, width: 80, align: 'right' },
] as const;

function drawVatBreakdown(ctx: PrintContext, top: number): void {
  const { doc, document, labels, template, amount } = ctx;
  const header = [labels.vatBreakdown.rate, labels.vatBreakdown.base, labels.vatBreakdown.tax];
  const rows = document.vat.map((rate) => [formatPercent(rate.rate, document.language), amount(rate.base), amount(rate.tax)]);
  let y = top;
  for (const [i, cells] of [header, ...rows].entries()) {
    VAT_COLUMNS.forEach((column, c) => {
      const text = cells[c]!;
      if (i === 0) pen(ctx, 'bold', SIZES.small, template.colors.muted);
      else pen(ctx, 'regular', SIZES.body);
      doc.text(text, column.x, y + 3, { width: column.width, align: column.align, lineBreak: false });
    });
    y += ROW_HEIGHT;
    if (i === 0) doc.save().moveTo(PAGE.left, y - 1).lineTo(PAGE.left + 240, y - 1).lineWidth(0.4).stroke(template.colors.muted).restore();
  }
}
