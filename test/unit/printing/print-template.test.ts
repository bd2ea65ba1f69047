import { describe, expect, it } from 'vitest';
import { DEFAULT_PRINT_TEMPLATE, MAX_LOGO_BYTES, printTemplateSchema } from '../../../domain/printing/print-template.ts';
import { ValidationError } from '../../../domain/shared/errors.ts';
import { parseWith } from '../../../domain/shared/validation.ts';
import { sampleLogo } from '../../support/png.ts';

const issuesOf = (input: unknown) => {
  try {
    parseWith(printTemplateSchema, input);
    return [];
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
};

const JPEG_START = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const withLogo = (contentType: string, data: string) => ({ ...DEFAULT_PRINT_TEMPLATE, logo: { contentType, data } });

describe('a print template', () => {
  it('parses a complete template, and the default, as they are; the signature block is shown unless said otherwise', () => {
    const complete = {
      name: 'Maison',
      logo: { contentType: 'image/png', data: sampleLogo().toString('base64') },
      colors: { primary: '#7A1F3D', text: '#222222', muted: '#7a7a7a' },
      font: 'dejavu-serif',
      columns: ['customerCode', 'description', 'quantity', 'amount'],
      headerText: 'Certifié ISO 9001',
      footerText: 'Merci de votre confiance.',
      terms: 'Article 1 — Objet.\nArticle 2 — Prix.',
      showSignatureBlock: false,
    };
    expect(parseWith(printTemplateSchema, complete)).toEqual(complete);
    expect(parseWith(printTemplateSchema, DEFAULT_PRINT_TEMPLATE)).toEqual(DEFAULT_PRINT_TEMPLATE);
    const { showSignatureBlock: _shown, ...withoutFlag } = DEFAULT_PRINT_TEMPLATE;
    expect(parseWith(printTemplateSchema, withoutFlag).showSignatureBlock).toBe(true);
    expect(parseWith(printTemplateSchema, withLogo('image/jpeg', JPEG_START.toString('base64'))).logo?.contentType).toBe('image/jpeg');
  });

  it('refuses colours that are not #rrggbb, naming each', () => {
    expect(issuesOf({ ...DEFAULT_PRINT_TEMPLATE, colors: { primary: 'navy', text: '#12345', muted: '#1234567' } })).toEqual(
      ['primary', 'text', 'muted'].map((name) => ({ pointer: `/colors/${name}`, message: 'must be a colour written #rrggbb, such as "#1f4e79"' })),
    );
  });

  it('refuses a repeated column, an unknown one, and a table without description or amount', () => {
    expect(issuesOf({ ...DEFAULT_PRINT_TEMPLATE, columns: ['description', 'code', 'amount', 'code'] })).toEqual([{ pointer: '/columns/3', message: 'repeats the column code' }]);
    expect(issuesOf({ ...DEFAULT_PRINT_TEMPLATE, columns: ['description', 'amount', 'margin'] })).toEqual([
      { pointer: '/columns/2', message: expect.stringContaining('must be one of code, customerCode, description') },
    ]);
    expect(issuesOf({ ...DEFAULT_PRINT_TEMPLATE, columns: ['code', 'quantity'] })).toEqual([
      { pointer: '/columns', message: 'must include the description column' },
      { pointer: '/columns', message: 'must include the amount column' },
    ]);
  });

  it('refuses a logo that is not base64, not the image its type says, of another type, or too large', () => {
    expect(issuesOf(withLogo('image/png', 'iVBO Rw0K'))).toEqual([{ pointer: '/logo/data', message: 'must be base64 (RFC 4648, with padding, without line breaks)' }]);
    expect(issuesOf(withLogo('image/png', 'iVBORw0KGgo'))).toEqual([{ pointer: '/logo/data', message: 'must be base64 (RFC 4648, with padding, without line breaks)' }]);
    expect(issuesOf(withLogo('image/png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64')))).toEqual([
      { pointer: '/logo/data', message: 'does not hold a PNG image: its first bytes are not the PNG signature' },
    ]);
    expect(issuesOf(withLogo('image/jpeg', sampleLogo().toString('base64')))).toEqual([
      { pointer: '/logo/data', message: 'does not hold a JPEG image: its first bytes are not the JPEG signature' },
    ]);
    expect(issuesOf(withLogo('image/gif', 'R0lGODlhAQABAAAAACw='))).toEqual([{ pointer: '/logo/contentType', message: 'must be "image/png" or "image/jpeg"' }]);
    const tooLarge = Buffer.concat([sampleLogo(), Buffer.alloc(MAX_LOGO_BYTES)]).toString('base64');
    expect(issuesOf(withLogo('image/png', tooLarge))).toEqual([{ pointer: '/logo/data', message: 'must be at most 200 kB once decoded' }]);
    const justSmallEnough = Buffer.concat([sampleLogo(), Buffer.alloc(MAX_LOGO_BYTES - sampleLogo().length)]).toString('base64');
    expect(issuesOf(withLogo('image/png', justSmallEnough))).toEqual([]);
  });

  it('refuses unknown fields, an unknown font, and texts over their bounds', () => {
    expect(issuesOf({ ...DEFAULT_PRINT_TEMPLATE, watermark: 'DRAFT', colors: { ...DEFAULT_PRINT_TEMPLATE.colors, accent: '#000000' } })).toEqual([
      { pointer: '/colors/accent', message: 'is not a known field' },
      { pointer: '/watermark', message: 'is not a known field' },
    ]);
    expect(issuesOf({ ...DEFAULT_PRINT_TEMPLATE, font: 'comic-sans' })).toEqual([{ pointer: '/font', message: 'must be one of dejavu-sans, dejavu-serif' }]);
    expect(issuesOf({ ...DEFAULT_PRINT_TEMPLATE, name: '', footerText: 'x'.repeat(501), terms: 'y'.repeat(4001) })).toEqual([
      { pointer: '/name', message: 'must not be empty' },
      { pointer: '/footerText', message: 'must be at most 500 characters' },
      { pointer: '/terms', message: 'must be at most 4000 characters' },
    ]);
  });
});
