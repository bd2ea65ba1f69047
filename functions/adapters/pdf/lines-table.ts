import type { PrintColumn } from '../../../domain/printing/print-template.ts';
import type { PrintableLine } from '../../../domain/printing/printable-document.ts';
import type { Face } from './fonts.ts';
import { formatPercent, formatQuantity } from '../../../domain/printing/format.ts';
import { CONTENT_WIDTH, ensureRoom, PAGE, pen, SIZES, textOn, typeface, type PrintContext } from './print-context.ts';

/**
 * The lines table, laid out row by row (pdfkit's table() neither repeats its header nor knows about our footer):
 * every row is measured first, a row that does not fit goes to the next page under a repeated header, a section
 * title keeps with the row after it, and a row taller than a whole page is split through its long text.
 */
export function drawLinesTable(ctx: PrintContext): void {
  const columns = layoutColumns(ctx.template.columns);
  const rows = ctx.document.lines.map((line) => measure(ctx, rowOf(ctx, line, columns)));
  const header = measure(ctx, headerRow(ctx, columns));
  // The header never stays alone at the bottom of a page.
  ensureRoom(ctx, header.height + Math.min(rows[0]?.height ?? 0, freshPageRoom(ctx, header)));
  let y = drawRow(ctx, header, ctx.doc.y);
  const newPage = () => {
    ctx.doc.addPage();
    return drawRow(ctx, header, ctx.doc.page.margins.top);
  };
  for (let i = 0; i < rows.length; i++) {
    let row = rows[i]!;
    const next = rows[i + 1];
    const needed = row.kind === 'section' && next !== undefined ? row.height + Math.min(next.height, freshPageRoom(ctx, header)) : row.height;
    if (y + needed > ctx.doc.page.maxY()) {
      if (row.height <= freshPageRoom(ctx, header)) y = newPage();
      // Taller than a page: it fills the rest of this one, then whole pages.
      while (y + row.height > ctx.doc.page.maxY()) {
        const [head, tail] = split(ctx, row, ctx.doc.page.maxY() - y, y === ctx.doc.page.margins.top + header.height);
        if (head !== undefined) drawRow(ctx, head, y);
        y = newPage();
        row = tail;
      }
    }
    y = drawRow(ctx, row, y);
  }
  ctx.doc.x = PAGE.left;
  ctx.doc.y = y;
}

interface ColumnSpec {
  /** Points; the description takes what the others leave. */
  readonly width?: number;
  readonly align: 'left' | 'right';
}

const COLUMN_SPECS: Readonly<Record<PrintColumn, ColumnSpec>> = {
  code: { width: 58, align: 'left' },
  customerCode: { width: 58, align: 'left' },
  description: { align: 'left' },
  quantity: { width: 38, align: 'right' },
  unit: { width: 34, align: 'left' },
  unitPrice: { width: 62, align: 'right' },
  discount: { width: 46, align: 'right' },
  amount: { width: 68, align: 'right' },
  vatRate: { width: 32, align: 'right' },
};

interface Column extends ColumnSpec {
  readonly name: PrintColumn;
  readonly x: number;
  readonly width: number;
}

function layoutColumns(names: readonly PrintColumn[]): Column[] {
  const fixed = names.reduce((sum, name) => sum + (COLUMN_SPECS[name].width ?? 0), 0);
  let x = PAGE.left;
  return names.map((name) => {
    const width = COLUMN_SPECS[name].width ?? CONTENT_WIDTH - fixed;
    const column = { ...COLUMN_SPECS[name], name, x, width };
    x += width;
    return column;
  });
}

type ItemLine = Extract<PrintableLine, { kind: 'item' }>;

function cellText(ctx: PrintContext, column: PrintColumn, line: ItemLine): string {
  const language = ctx.document.language;
  switch (column) {
    case 'code':
      return line.code ?? '';
    case 'customerCode':
      return line.customerCode ?? '';
    case 'description':
      return line.description;
    case 'quantity':
      return formatQuantity(line.quantity, language);
    case 'unit':
      return line.unit ?? '';
    case 'unitPrice':
      return ctx.amount(line.unitPrice);
    case 'discount':
      // One per line: successive discounts, each taken off what the previous left.
      return line.discounts.map((rate) => formatPercent(rate, language)).join('\n');
    case 'amount':
      return ctx.amount(line.amount);
    case 'vatRate':
      return formatPercent(line.vatRate, language);
  }
}

interface Cell {
  readonly text: string;
  readonly x: number;
  readonly width: number;
  readonly align: 'left' | 'right';
}

interface Row {
  readonly kind: 'header' | PrintableLine['kind'];
  readonly cells: readonly Cell[];
  /** The cell whose text may run over pages: the description, or the text of a section or a comment. */
  readonly flowing: number;
  readonly height: number;
}

const PADDING = { x: 4, y: 3.5 } as const;
const LINE_GAP = 1;

const STYLES: Readonly<Record<Row['kind'], { readonly face: Face; readonly size: number }>> = {
  header: { face: 'bold', size: 7.5 },
  section: { face: 'bold', size: SIZES.body },
  comment: { face: 'italic', size: SIZES.table },
  item: { face: 'regular', size: SIZES.table },
};

function headerRow(ctx: PrintContext, columns: readonly Column[]): Omit<Row, 'height'> {
  return {
    kind: 'header',
    cells: columns.map((column) => ({ text: ctx.labels.columns[column.name], x: column.x, width: column.width, align: column.align })),
    flowing: columns.findIndex((column) => column.name === 'description'),
  };
}

function rowOf(ctx: PrintContext, line: PrintableLine, columns: readonly Column[]): Omit<Row, 'height'> {
  if (line.kind !== 'item') {
    return { kind: line.kind, cells: [{ text: line.kind === 'section' ? line.title : line.text, x: PAGE.left, width: CONTENT_WIDTH, align: 'left' }], flowing: 0 };
  }
  return {
    kind: 'item',
    cells: columns.map((column) => ({ text: cellText(ctx, column.name, line), x: column.x, width: column.width, align: column.align })),
    flowing: columns.findIndex((column) => column.name === 'description'),
  };
}

function textOptions(cell: Cell): PDFKit.Mixins.TextOptions {
  return { width: cell.width - 2 * PADDING.x, align: cell.align, lineGap: LINE_GAP };
}

function textHeight(ctx: PrintContext, kind: Row['kind'], cell: Cell, text = cell.text): number {
  if (text === '') return 0;
  typeface(ctx, STYLES[kind].face, STYLES[kind].size);
  return ctx.doc.heightOfString(text, textOptions(cell));
}

function measure(ctx: PrintContext, row: Omit<Row, 'height'>): Row {
  const height = Math.max(...row.cells.map((cell) => textHeight(ctx, row.kind, cell))) + 2 * PADDING.y;
  return { ...row, height };
}

/** The height a row may take on a new page, under the repeated header. */
function freshPageRoom(ctx: PrintContext, header: Row): number {
  return ctx.doc.page.maxY() - ctx.doc.page.margins.top - header.height;
}

/**
 * The row cut through its flowing text where `room` ends: the head (undefined when not even a line fits) keeps
 * every cell, the tail only the rest of that text. The cut falls between words, found by bisection; on a fresh page
 * it takes at least a word, so that a word longer than a page still moves on.
 */
function split(ctx: PrintContext, row: Row, room: number, freshPage: boolean): [Row | undefined, Row] {
  const cell = row.cells[row.flowing]!;
  const words = cell.text.split(/(?<=\s)/);
  const fits = (count: number) => textHeight(ctx, row.kind, cell, words.slice(0, count).join('').trimEnd()) + 2 * PADDING.y <= room;
  let [low, high] = [freshPage ? 1 : 0, words.length];
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  const withText = (text: string, others: 'keep' | 'blank') =>
    measure(ctx, { ...row, cells: row.cells.map((other, i) => (i === row.flowing ? { ...other, text } : others === 'keep' ? other : { ...other, text: '' })) });
  const tail = withText(words.slice(low).join(''), 'blank');
  return [low === 0 ? undefined : withText(words.slice(0, low).join('').trimEnd(), 'keep'), tail];
}

/** Draws the row with its top at `y`; returns the y under it. */
function drawRow(ctx: PrintContext, row: Row, y: number): number {
  const { doc, template } = ctx;
  const { colors } = template;
  const style = STYLES[row.kind];
  if (row.kind === 'header') doc.save().rect(PAGE.left, y, CONTENT_WIDTH, row.height).fill(colors.primary).restore();
  if (row.kind === 'section') doc.save().rect(PAGE.left, y, CONTENT_WIDTH, row.height).fillOpacity(0.08).fill(colors.primary).restore();
  const color = row.kind === 'header' ? textOn(colors.primary) : row.kind === 'section' ? colors.primary : row.kind === 'comment' ? colors.muted : colors.text;
  for (const cell of row.cells) {
    if (cell.text === '') continue;
    pen(ctx, style.face, style.size, color).text(cell.text, cell.x + PADDING.x, y + PADDING.y, textOptions(cell));
  }
  const bottom = y + row.height;
  if (row.kind === 'item') {
    doc.save().moveTo(PAGE.left, bottom).lineTo(PAGE.right, bottom).lineWidth(0.4).strokeOpacity(0.35).stroke(colors.muted).restore();
  }
  return bottom;
}
