/** Letters that Unicode does not decompose into a base letter and a mark, spelled as people type them without the key. */
const FOLDED_LETTERS: Record<string, string> = { æ: 'ae', œ: 'oe', ß: 'ss', ø: 'o', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i', ħ: 'h', ŧ: 't' };
const FOLDABLE = new RegExp(`[${Object.keys(FOLDED_LETTERS).join('')}]`, 'g');

/**
 * Folds case and accents so that "Éléonore" and "eleonore", "Œuvre" and "oeuvre" sort and search the same. Control
 * characters count as spaces, so that nothing in a key sorts below NAME_ORDER_SEPARATOR.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(FOLDABLE, (letter) => FOLDED_LETTERS[letter]!)
    .replace(/[\s\p{Cc}]+/gu, ' ')
    .trim();
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
