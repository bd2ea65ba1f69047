import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PrintFont } from '../../../domain/printing/print-template.ts';

/**
 * The fonts the renderer embeds: Latin subsets of DejaVu (scripts/subset-fonts.mjs). Relative to this module in the
 * sources, and to the bundle once esbuild has inlined this module there: the Lambda's bundling copies the directory
 * next to its index.mjs (infra/constructs/node-function.ts), so the same URL resolves in both.
 */
export const FONT_DIRECTORY = fileURLToPath(new URL('./fonts/', import.meta.url));

export type Face = 'regular' | 'bold' | 'italic';

const FILES: Readonly<Record<PrintFont, Readonly<Record<Face, string>>>> = {
  'dejavu-sans': { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', italic: 'DejaVuSans-Oblique.ttf' },
  'dejavu-serif': { regular: 'DejaVuSerif.ttf', bold: 'DejaVuSerif-Bold.ttf', italic: 'DejaVuSerif-Italic.ttf' },
};

/**
 * The file of each face of a font. The renderer selects faces by these paths (print-context.ts): pdfkit then opens
 * each file once per document, where a Buffer — or a registered name that shares its font with the default — is
 * opened again at every selection (seconds per document).
 */
export function fontFiles(font: PrintFont): Readonly<Record<Face, string>> {
  const files = FILES[font];
  return { regular: join(FONT_DIRECTORY, files.regular), bold: join(FONT_DIRECTORY, files.bold), italic: join(FONT_DIRECTORY, files.italic) };
}
