import { describe, expect, it } from 'vitest';
import type { OutgoingMail } from '../../../domain/shared/mail.ts';
import { composeRawMail } from '../../../functions/adapters/mail/compose-raw-mail.ts';
import { quotedPrintableBytes, readHeaders } from '../../../infra/local/mime-headers.ts';

/** A made-up PDF with every byte value, so that a transfer encoding that mangled any byte would show. */
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 256 }, (_, byte) => byte)), Buffer.from('\n%%EOF\n')]);

const mail: OutgoingMail = {
  to: [{ name: 'Anne Dupont', address: 'anne@dupont.fr' }, { address: 'compta@dupont.fr' }],
  cc: [{ name: 'Léa Roux', address: 'lea@dupont.fr' }],
  replyTo: { name: 'Alice Martin', address: 'alice@comptoir.example' },
  subject: 'Votre devis n° D-2027-0001 — Boulangerie Dupont',
  text: 'Bonjour Anne,\r\nVeuillez trouver ci-joint notre devis. Éléments à vérifier avant le 15 mars.',
  html: '<p>Bonjour Anne,</p><p>Veuillez trouver ci-joint notre devis. <b>Éléments à vérifier</b> avant le 15 mars.</p>',
  attachments: [{ filename: 'Devis D-2027-0001.pdf', contentType: 'application/pdf', content: PDF }],
};
const from = { name: 'Comptoir — Devis', address: 'devis@comptoir.example' };
const date = new Date('2027-03-01T09:30:00.000Z');

interface Part {
  readonly headers: Map<string, string>;
  readonly body: string;
  readonly parts: readonly Part[];
}

/** The MIME tree, read by text: each multipart split on the boundary its Content-Type names. */
function parse(entity: string): Part {
  const split = entity.indexOf('\r\n\r\n');
  const headers = readHeaders(Buffer.from(entity.slice(0, split + 2), 'latin1'));
  const body = entity.slice(split + 4);
  const boundary = /boundary="([^"]+)"/.exec(headers.get('content-type') ?? '')?.[1];
  if (boundary === undefined) return { headers, body, parts: [] };
  const [, ...rest] = body.split(`--${boundary}\r\n`);
  expect(rest.length, `parts of ${boundary}`).toBeGreaterThan(0);
  const last = rest.at(-1)!;
  expect(last).toContain(`\r\n--${boundary}--`);
  const bodies = [...rest.slice(0, -1), last.slice(0, last.indexOf(`\r\n--${boundary}--`) + 2)];
  return { headers, body, parts: bodies.map((part) => parse(part.replace(/\r\n$/, ''))) };
}

describe('composeRawMail', async () => {
  const raw = await composeRawMail(mail, { from, date });
  const text = raw.toString('latin1');
  const root = parse(text);

  it('writes RFC 5322 lines: CRLF only, ASCII only, none longer than 998 characters', () => {
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect([...raw].every((byte) => byte < 0x80)).toBe(true);
    expect(Math.max(...text.split('\r\n').map((line) => line.length))).toBeLessThanOrEqual(998);
  });

  it('addresses the message from the sender\'s name, to the recipients, copying, replying to the agent', () => {
    expect(root.headers.get('from')).toBe('Comptoir — Devis <devis@comptoir.example>');
    expect(root.headers.get('to')).toBe('Anne Dupont <anne@dupont.fr>, compta@dupont.fr');
    expect(root.headers.get('cc')).toBe('Léa Roux <lea@dupont.fr>');
    expect(root.headers.get('reply-to')).toBe('Alice Martin <alice@comptoir.example>');
    expect(root.headers.has('bcc')).toBe(false);
    expect(root.headers.get('mime-version')).toBe('1.0');
    expect(root.headers.get('message-id')).toMatch(/^<[^@\s]+@comptoir\.example>$/);
  });

  it('encodes the subject and names as UTF-8 encoded words, which decode to the original text', () => {
    const subjectLines = /\r\nSubject: (.*(?:\r\n[ \t].*)*)/.exec(text)![1]!;
    expect(subjectLines).toMatch(/^=\?UTF-8\?Q\?[^?]+\?=(\r\n =\?UTF-8\?Q\?[^?]+\?=)*$/);
    expect(subjectLines).toContain('n=C2=B0');
    expect(root.headers.get('subject')).toBe(mail.subject);
    expect(text).toContain('Cc: =?UTF-8?Q?L=C3=A9a_Roux?= <lea@dupont.fr>');
  });

  it('dates the message by the clock it is given', () => {
    expect(root.headers.get('date')).toBe('Mon, 01 Mar 2027 09:30:00 +0000');
  });

  it('puts the text and HTML as alternatives, in UTF-8, beside the attachment', () => {
    expect(root.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary="/);
    const [alternatives, attachment] = root.parts;
    expect(root.parts).toHaveLength(2);
    expect(alternatives!.headers.get('content-type')).toMatch(/^multipart\/alternative; boundary="/);
    const [plain, html] = alternatives!.parts;
    expect(plain!.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(html!.headers.get('content-type')).toBe('text/html; charset=utf-8');
    for (const [part, original] of [[plain!, mail.text], [html!, mail.html]] as const) {
      expect(part.headers.get('content-transfer-encoding')).toBe('quoted-printable');
      expect(quotedPrintableBytes(part.body).toString('utf8')).toBe(original);
    }
    expect(attachment!.headers.get('content-type')).toBe('application/pdf; name="Devis D-2027-0001.pdf"');
  });

  it('attaches the PDF in base64, which decodes to the very bytes given', () => {
    const attachment = root.parts[1]!;
    expect(attachment.headers.get('content-disposition')).toBe('attachment; filename="Devis D-2027-0001.pdf"');
    expect(attachment.headers.get('content-transfer-encoding')).toBe('base64');
    expect(attachment.body).toMatch(/^[A-Za-z0-9+/=\r\n]+$/);
    expect(Buffer.from(attachment.body, 'base64').equals(PDF)).toBe(true);
  });

  it('leaves Cc and Reply-To out when the mail has none, and builds a message without attachments', async () => {
    const bare = await composeRawMail({ to: [{ address: 'anne@dupont.fr' }], subject: 'Relance', text: 'Bonjour', html: '<p>Bonjour</p>', attachments: [] }, { from, date });
    const headers = readHeaders(bare);
    expect([headers.has('cc'), headers.has('reply-to')]).toEqual([false, false]);
    expect(headers.get('content-type')).toMatch(/^multipart\/alternative; boundary="/);
  });
});
