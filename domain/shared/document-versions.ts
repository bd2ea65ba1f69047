import { contentHash } from './content-hash.ts';

/**
 * Documents (quotes, orders, deliveries, invoices) are immutable versions (DESIGN §5). A version is a header part and
 * its lines; the document's header names its current version by number and content hash. An edit either makes the
 * next version (earlier ones stay readable, unchanged) or, while the document is a draft, replaces the current
 * version's content in place under the same number. Either way the lines are written first, then one transaction
 * flips the header: nobody reads a half-written version.
 */
export interface VersionRef {
  readonly number: number;
  readonly contentHash: string;
}

export interface CurrentVersion extends VersionRef {
  readonly lineCount: number;
  /**
   * The lines' own hash: their items are stored under it, content-addressed, so that versions with the same lines
   * share them, a retried write rewrites the same items, and two writers racing for the next version never overwrite
   * each other's lines. An edit of the header alone hashes the version again without reading its lines.
   */
  readonly linesHash: string;
}

/** A version pinned by a business action (sent, accepted, converted): the number and hash the action saw. */
export interface PinnedVersion extends VersionRef {
  readonly at: string;
  readonly by: string;
}

/** Up to this many lines per document version (DESIGN §5). */
export const MAX_DOCUMENT_LINES = 5000;

/** The version's content hash: its header hashed with its lines' hash (`hashLines`). */
export function hashVersion<H>(header: H, linesHash: string): string {
  return contentHash({ header, lines: linesHash });
}

export function hashLines<L>(lines: readonly L[]): string {
  return contentHash(lines);
}

/**
 * Where an edit's content goes: nowhere when it hashes as the current version (a repeated PATCH writes nothing), the
 * current number when the document may be edited in place, else the next number.
 */
export function placeRevision(current: CurrentVersion | undefined, hash: string, inPlace: boolean): { readonly number: number; readonly unchanged: boolean } {
  if (!current) return { number: 1, unchanged: false };
  if (current.contentHash === hash) return { number: current.number, unchanged: true };
  return { number: inPlace ? current.number : current.number + 1, unchanged: false };
}

/** Whether a pinned version is the one a reader holds (a link to version n of a document that is now at n + 1 is not). */
export function isPinned(pinned: VersionRef | undefined, version: VersionRef): boolean {
  return pinned !== undefined && pinned.number === version.number && pinned.contentHash === version.contentHash;
}
