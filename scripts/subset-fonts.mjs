// Writes the Latin subsets of DejaVu that the PDF renderer embeds (functions/adapters/pdf/fonts/), from the
// dejavu-fonts-ttf package. Run it again after changing the characters or the faces: `node scripts/subset-fonts.mjs`.
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import subsetFont from 'subset-font';

const require = createRequire(import.meta.url);
const SOURCE = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const TARGET = fileURLToPath(new URL('../functions/adapters/pdf/fonts/', import.meta.url));

/** The faces the templates offer (regular, bold, and the italic of comment rows), named as the renderer loads them. */
const FACES = [
  'DejaVuSans.ttf',
  'DejaVuSans-Bold.ttf',
  'DejaVuSans-Oblique.ttf',
  'DejaVuSerif.ttf',
  'DejaVuSerif-Bold.ttf',
  'DejaVuSerif-Italic.ttf',
];

const range = (first, last) => Array.from({ length: last - first + 1 }, (_, i) => String.fromCodePoint(first + i)).join('');

/**
 * Basic Latin, Latin-1 Supplement (no-break space included), Latin Extended-A, the euro sign, typographic quotes and
 * dashes, the ellipsis and the bullet, and the narrow no-break space French number formatting groups digits with.
 */
const CHARACTERS = [range(0x20, 0x7e), range(0xa0, 0xff), range(0x100, 0x17f), '€‘’“”–—…•\u202f'].join('');

for (const face of FACES) {
  const subset = await subsetFont(await readFile(join(SOURCE, face)), CHARACTERS, { targetFormat: 'sfnt', noHinting: true });
  await writeFile(join(TARGET, face), subset);
  console.log(`${face}: ${subset.length} bytes`);
}
