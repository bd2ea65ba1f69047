import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** The AES-256 key cursors are sealed with; resolved once per container (it may come from Secrets Manager). */
export type CursorKey = () => Promise<Buffer>;

const FORMAT = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/**
 * The cursor key derived from a secret string (Secrets Manager's generated password, or the local one under `.data/`):
 * HKDF-SHA-256 turns any long random string into exactly the 32 uniform bytes AES-256 needs, and the label keeps the
 * key for this one use.
 */
export function cursorKeyFrom(secret: string): Buffer {
  if (secret.length < 32) throw new Error('The cursor secret must be at least 32 characters');
  return Buffer.from(hkdfSync('sha256', secret, '', 'comptoir list cursor v1', KEY_BYTES));
}

/**
 * Seals a resume position with AES-256-GCM under a random IV: the client sees opaque bytes (no key names, no partition
 * layout) and cannot change a single bit unnoticed. `context` names the list the cursor belongs to (its index and key
 * condition) as additional authenticated data, so a cursor of another list fails authentication.
 */
export function sealCursor(key: Buffer, values: readonly string[], context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.of(FORMAT), iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The values sealed in `cursor` for `context`, or undefined for anything else: tampered, truncated, foreign, of another list. */
export function openCursor(key: Buffer, cursor: string, context: string): unknown {
  const bytes = Buffer.from(cursor, 'base64url');
  // base64url decoding skips foreign characters: only a canonical encoding is one of ours.
  if (bytes.toString('base64url') !== cursor || bytes.length <= 1 + IV_BYTES + TAG_BYTES || bytes[0] !== FORMAT) return undefined;
  const iv = bytes.subarray(1, 1 + IV_BYTES);
  const tag = bytes.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(bytes.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
    return JSON.parse(plain.toString('utf8'));
  } catch {
    return undefined;
  }
}
