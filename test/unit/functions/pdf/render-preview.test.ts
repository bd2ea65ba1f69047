import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRINT_TEMPLATE } from '../../../../domain/printing/print-template.ts';
import { renderDocument } from '../../../../functions/adapters/pdf/render-document.ts';
import { sampleQuote } from '../../../support/printable-documents.ts';

/** Pages for a reviewer to look at, in test/output/ (git-ignored), drawn by poppler's pdftoppm. */
const OUTPUT = fileURLToPath(new URL('../../../output/', import.meta.url));

function pageToPng(pdf: Uint8Array, name: string, page: number): Buffer {
  mkdirSync(OUTPUT, { recursive: true });
  writeFileSync(join(OUTPUT, `${name}.pdf`), pdf);
  const base = join(OUTPUT, `${name}-page-${page}`);
  try {
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', String(page), '-l', String(page), '-singlefile', `${join(OUTPUT, name)}.pdf`, base]);
  } catch (error) {
    throw new Error('pdftoppm failed or is missing (apt-get install poppler-utils)', { cause: error });
  }
  return readFileSync(`${base}.png`);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A blank A4 page at 80 dpi compresses to a few kilobytes; a page of text and rules to far more. */
const NON_TRIVIAL_BYTES = 30_000;

describe('a quote drawn as an image', () => {
  it('renders page 1 of a two-page quote', async () => {
    const png = pageToPng(await renderDocument(sampleQuote(), DEFAULT_PRINT_TEMPLATE), 'quote', 1);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    // A4 at 80 dpi: 661.4 × 935.4 pixels, rounded as poppler does.
    expect(Math.abs(png.readUInt32BE(16) - 661.4)).toBeLessThan(1);
    expect(Math.abs(png.readUInt32BE(20) - 935.4)).toBeLessThan(1);
    expect(png.length).toBeGreaterThan(NON_TRIVIAL_BYTES);
  });

  it('renders page 2 of a long quote, under its running header and repeated table header', async () => {
    const png = pageToPng(await renderDocument(sampleQuote({ lines: 120, language: 'en' }), DEFAULT_PRINT_TEMPLATE), 'long-quote', 2);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.length).toBeGreaterThan(NON_TRIVIAL_BYTES);
  });
});
