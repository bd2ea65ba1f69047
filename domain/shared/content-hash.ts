import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * The fingerprint of a document version's content: SHA-256 of its canonical JSON (RFC 8785, JCS), so that the same
 * content hashes the same whatever the order its keys were built in. Sending, accepting and converting pin it: what
 * the customer accepted is provably what was sent.
 */
export function contentHash(content: unknown): string {
  const canonical = canonicalize(content);
  if (canonical === undefined) throw new TypeError('Only JSON values have a content hash');
  return `sha256:${createHash('sha256').update(canonical, 'utf8').digest('hex')}`;
}
