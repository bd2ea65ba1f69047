import type { Face } from './fonts.ts';
import { pen, typeface, type PrintContext } from './print-context.ts';

/** A paragraph of a block: its text, face, size and colour (the template's text colour by default). */
export interface Paragraph {
  readonly text: string;
  readonly face: Face;
  readonly size: number;
  readonly color?: string;
  /** Space above it. */
  readonly gap?: number;
}

const LINE_GAP = 1;

export interface ParagraphOptions {
  readonly width: number;
  readonly align?: 'left' | 'center' | 'right';
}

function optionsOf(options: ParagraphOptions): PDFKit.Mixins.TextOptions {
  return { width: options.width, align: options.align ?? 'left', lineGap: LINE_GAP };
}

/** The height the paragraphs take at that width, to know whether a block fits before drawing it. */
export function heightOf(ctx: PrintContext, paragraphs: readonly Paragraph[], options: ParagraphOptions): number {
  return paragraphs.reduce((height, paragraph) => {
    typeface(ctx, paragraph.face, paragraph.size);
    return height + (paragraph.gap ?? 0) + ctx.doc.heightOfString(paragraph.text, optionsOf(options));
  }, 0);
}

/** Draws the paragraphs one under the other from (x, y); returns the y under the last. */
export function drawParagraphs(ctx: PrintContext, paragraphs: readonly Paragraph[], x: number, y: number, options: ParagraphOptions): number {
  let cursor = y;
  for (const paragraph of paragraphs) {
    cursor += paragraph.gap ?? 0;
    pen(ctx, paragraph.face, paragraph.size, paragraph.color).text(paragraph.text, x, cursor, optionsOf(options));
    cursor = ctx.doc.y;
  }
  return cursor;
}
