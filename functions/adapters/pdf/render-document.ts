import PDFDocument from 'pdfkit';
import type { PrintTemplate } from '../../../domain/printing/print-template.ts';
import type { PrintableDocument } from '../../../domain/printing/printable-document.ts';
import { drawClosingBlocks } from './closing-blocks.ts';
import { drawDocumentHeader } from './document-header.ts';
import { fontFiles } from './fonts.ts';
import { LABELS } from './labels.ts';
import { drawLinesTable } from './lines-table.ts';
import { bottomMargin, drawPageFurniture } from './page-furniture.ts';
import { PAGE, printContext } from './print-context.ts';
import { drawTotals } from './totals-block.ts';
import { numberText } from './wording.ts';

/**
 * A sales document as the customer reads and signs it, as PDF (A4). The same document and template give the same
 * bytes: the creation date is the issue date, and pdfkit derives the file id from it.
 */
export async function renderDocument(document: PrintableDocument, template: PrintTemplate): Promise<Uint8Array> {
  const labels = LABELS[document.language];
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    // By path, as every face is selected (print-context.ts): the default would be Helvetica, which a bundled Lambda
    // cannot load.
    font: fontFiles(template.font).regular,
    autoFirstPage: false,
    bufferPages: true,
    lang: document.language,
    displayTitle: true,
    // Read when the document is created, to derive the file id: a fixed date makes it deterministic too.
    info: {
      Title: `${labels.title[document.kind]} ${numberText(document, labels)}`,
      Author: document.seller.name,
      Producer: 'Comptoir',
      Creator: 'Comptoir',
      CreationDate: new Date(`${document.issueDate}T00:00:00Z`),
    },
  });
  const ctx = printContext(doc, document, template);
  // Every page, the first and those pdfkit adds as text flows, stops above the footer.
  doc.options.margins = { top: PAGE.continuationTop, bottom: bottomMargin(ctx), left: PAGE.left, right: PAGE.width - PAGE.right };
  doc.addPage();

  drawDocumentHeader(ctx);
  drawLinesTable(ctx);
  drawTotals(ctx);
  drawClosingBlocks(ctx);
  drawPageFurniture(ctx);
  return await collected(doc);
}

function collected(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.end();
  return done;
}
