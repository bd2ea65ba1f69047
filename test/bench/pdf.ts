import { DEFAULT_PRINT_TEMPLATE } from '../../domain/printing/print-template.ts';
import { renderDocument } from '../../functions/adapters/pdf/render-document.ts';
import { sampleQuote } from '../support/printable-documents.ts';
import { median } from './stats.ts';

const WARM_UP_RUNS = 5;
const RUNS = 20;

/** The PDF renderer, warm: the median time to render the realistic two-page quote the tests look at. */
export async function benchPdf(): Promise<{ warmMsPerDocument: number; pages: number; bytes: number }> {
  const document = sampleQuote();
  let pdf: Uint8Array = new Uint8Array();
  for (let i = 0; i < WARM_UP_RUNS; i++) pdf = await renderDocument(document, DEFAULT_PRINT_TEMPLATE);
  const durations: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await renderDocument(document, DEFAULT_PRINT_TEMPLATE);
    durations.push(performance.now() - started);
  }
  // Page objects, not the page tree (`/Type /Pages`).
  const pages = Buffer.from(pdf).toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
  return { warmMsPerDocument: median(durations), pages, bytes: pdf.length };
}
