/**
 * Just enough of RFC 5322 and RFC 2047 to show a message's headers: the outbox page lists each `.eml` by its To and
 * Subject, and tests read back what the composer wrote.
 */

/** The header block's fields, names in lower case, folded lines joined, encoded words decoded; first occurrence wins. */
export function readHeaders(message: Uint8Array): Map<string, string> {
  const text = Buffer.from(message).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const block = end === -1 ? text : text.slice(0, end);
  const headers = new Map<string, string>();
  for (const field of block.split(/\r?\n(?![ \t])/)) {
    const colon = field.indexOf(':');
    if (colon <= 0) continue;
    const name = field.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, decodeEncodedWords(field.slice(colon + 1).replace(/\r?\n[ \t]/g, ' ').trim()));
  }
  return headers;
}

/** `=?UTF-8?Q?L=C3=A9a?=` → `Léa`; the whitespace between two adjacent encoded words is dropped (RFC 2047 §6.2). */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_word, charset: string, encoding: string, encoded: string) => {
      const bytes = encoding.toUpperCase() === 'B' ? Buffer.from(encoded, 'base64') : quotedPrintableBytes(encoded.replaceAll('_', ' '));
      return new TextDecoder(charset).decode(bytes);
    });
}

/** Quoted-printable (RFC 2045 §6.7) to bytes: `=XX` escapes, soft line breaks removed. */
export function quotedPrintableBytes(text: string): Buffer {
  const unfolded = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < unfolded.length; i++) {
    const escaped = unfolded[i] === '=' ? /^[0-9A-Fa-f]{2}$/.exec(unfolded.slice(i + 1, i + 3)) : null;
    if (escaped) {
      bytes.push(parseInt(escaped[0], 16));
      i += 2;
    } else {
      bytes.push(unfolded.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}
