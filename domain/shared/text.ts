/** Letters that Unicode does not decompose into a base letter and a mark, spelled as people type them without the key. */
const FOLDED_LETTERS: Record<string, string> = { æ: 'ae', œ: 'oe', ß: 'ss', ø: 'o', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i', ħ: 'h', ŧ: 't' };
const FOLDABLE = new RegExp(`[${Object.keys(FOLDED_LETTERS).join('')}]`, 'g');

/**
 * Folds case and accents so that "Éléonore" and "eleonore", "Œuvre" and "oeuvre" sort and search the same. Control
 * characters count as spaces, so that nothing in a key sorts below NAME_ORDER_SEPARATOR.
 */
export function searchKey(text: string): string {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(FOLDABLE, (letter) => FOLDED_LETTERS[letter]!)
    .replace(/[\s\p{Cc}]+/gu, ' ')
    .trim();
  return withinBytes(folded, SEARCH_KEY_MAX_BYTES);
}

/**
 * Folding can multiply a name's length (NFKD spells "ﷺ" in 18 letters) and UTF-8 counts up to 4 bytes a
 * character: a key is cut here so that with an id it stays far below DynamoDB's 1,024-byte sort keys. Names
 * alike in their first 400 bytes then sort by id and match the same prefixes, which nobody will notice.
 */
export const SEARCH_KEY_MAX_BYTES = 400;

/** The longest start of `text` whose UTF-8 encoding fits in `maxBytes`, cut between code points. */
export function withinBytes(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    bytes += utf8Length(char.codePointAt(0)!);
    if (bytes > maxBytes) return text.slice(0, end);
    end += char.length;
  }
  return text;
}

/** Bytes of a code point in UTF-8 (a lone surrogate, written as U+FFFD, takes 3). */
export function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** Below every character of a searchKey (spaces included), so that a name sorts before its longer namesakes. */
const NAME_ORDER_SEPARATOR = '\u0001';

/**
 * The key that orders a list by name as a person expects: case and accents folded, "Dupont" before "Dupont Fils" and
 * "Dupont-Martin" (a `#` separator would sort after the space), then by id for namesakes. Compared by code points, as
 * DynamoDB compares sort keys (by their UTF-8 bytes, the same order).
 */
export function nameOrderKey(name: string, id: string): string {
  return `${searchKey(name)}${NAME_ORDER_SEPARATOR}${id}`;
}
