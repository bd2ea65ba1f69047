import * as z from 'zod';
import { note, text } from '../shared/validation.ts';

/**
 * How sales documents look: a template stored as configuration (managed through the API) that the PDF renderer
 * applies to a PrintableDocument. It decides the look and the visible columns, never a figure or a legal mention.
 */

/** The fonts the renderer ships (functions/adapters/pdf/fonts/). */
export const PRINT_FONTS = ['dejavu-sans', 'dejavu-serif'] as const;

/** The columns a lines table may show, in the order a template lists them. */
export const PRINT_COLUMNS = ['code', 'customerCode', 'description', 'quantity', 'unit', 'unitPrice', 'discount', 'amount', 'vatRate'] as const;
export type PrintColumn = (typeof PRINT_COLUMNS)[number];

/** Without them a line cannot be read: what it is and what it costs. */
const REQUIRED_COLUMNS: readonly PrintColumn[] = ['description', 'amount'];

export const MAX_LOGO_BYTES = 200_000;

/** The first bytes of each accepted image format: the logo must be what its content type says. */
const MAGIC_BYTES = {
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
} as const;
type LogoContentType = keyof typeof MAGIC_BYTES;
const FORMAT_NAMES: Readonly<Record<LogoContentType, string>> = { 'image/png': 'PNG', 'image/jpeg': 'JPEG' };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The size once decoded, from the length and the padding: no need to decode 200 kB to know it. */
function decodedLength(base64: string): number {
  return (base64.length / 4) * 3 - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);
}

function startsWith(base64: string, magic: readonly number[]): boolean {
  // 12 characters decode to 9 bytes, more than the longest signature.
  const head = atob(base64.slice(0, 12));
  return magic.every((byte, i) => head.charCodeAt(i) === byte);
}

const logoSchema = z
  .strictObject({
    contentType: z.enum(Object.keys(MAGIC_BYTES) as [LogoContentType, ...LogoContentType[]], { message: 'must be "image/png" or "image/jpeg"' }),
    data: z
      .string()
      .min(1, 'must not be empty')
      .regex(BASE64, { message: 'must be base64 (RFC 4648, with padding, without line breaks)', abort: true })
      .refine((data) => decodedLength(data) <= MAX_LOGO_BYTES, { message: `must be at most ${MAX_LOGO_BYTES / 1000} kB once decoded`, abort: true }),
  })
  .superRefine((logo, ctx) => {
    if (!startsWith(logo.data, MAGIC_BYTES[logo.contentType])) {
      ctx.addIssue({ code: 'custom', path: ['data'], message: `does not hold a ${FORMAT_NAMES[logo.contentType]} image: its first bytes are not the ${FORMAT_NAMES[logo.contentType]} signature` });
    }
  });

const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written #rrggbb, such as "#1f4e79"');

const columnsSchema = z
  .array(z.enum(PRINT_COLUMNS, { message: `must be one of ${PRINT_COLUMNS.join(', ')}` }))
  .superRefine((columns, ctx) => {
    columns.forEach((column, i) => {
      if (columns.indexOf(column) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `repeats the column ${column}` });
    });
    for (const required of REQUIRED_COLUMNS) {
      if (!columns.includes(required)) ctx.addIssue({ code: 'custom', message: `must include the ${required} column` });
    }
  });

export const printTemplateSchema = z.strictObject({
  name: text(100),
  logo: logoSchema.optional(),
  colors: z.strictObject({
    /** Titles, the table header's background, rules. */
    primary: color,
    text: color,
    /** Labels, the footer. */
    muted: color,
  }),
  font: z.enum(PRINT_FONTS, { message: `must be one of ${PRINT_FONTS.join(', ')}` }),
  columns: columnsSchema,
  /** Under the seller's identity in the page header (a slogan, certifications). */
  headerText: note(500).optional(),
  /** Above the legal mentions of every page. */
  footerText: note(500).optional(),
  /** General terms of sale printed after the document's own terms. */
  terms: note(4000).optional(),
  /** The "Bon pour accord" block (date, name, signature) a customer signs a quote in. */
  showSignatureBlock: z.boolean().default(true),
});

export type PrintTemplate = z.output<typeof printTemplateSchema>;
export type PrintFont = PrintTemplate['font'];

export const DEFAULT_PRINT_TEMPLATE: PrintTemplate = {
  name: 'Standard',
  colors: { primary: '#1f4e79', text: '#1a1a1a', muted: '#6b7280' },
  font: 'dejavu-sans',
  columns: ['code', 'description', 'quantity', 'unit', 'unitPrice', 'discount', 'amount', 'vatRate'],
  showSignatureBlock: true,
};
