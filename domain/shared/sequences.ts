/**
 * Readable document numbers per year (DESIGN §5): `Q-2027-000123`. The store increments the year's sequence item in
 * the transaction that creates the document, conditioned on the value it read, so two documents never share a number
 * (the loser of a race runs again on the next value).
 */
export interface Numbering {
  /** `Q` for quotes, `SO` for sales orders… */
  readonly prefix: string;
  /** Digits of the counter, zero-padded. */
  readonly width: number;
}

/** Years are counted where the company is: a quote made on 31 December at 23:30 UTC is already next year's in Paris. */
export const NUMBERING_TIME_ZONE = 'Europe/Paris';

export function numberingYear(at: Date, timeZone = NUMBERING_TIME_ZONE): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(at));
}

export function formatDocumentNumber(numbering: Numbering, year: number, counter: number): string {
  if (!Number.isSafeInteger(counter) || counter < 1) throw new RangeError(`A document counter starts at 1, not ${counter}`);
  const digits = String(counter);
  if (digits.length > numbering.width) throw new RangeError(`The ${numbering.prefix} sequence of ${year} is exhausted (${numbering.width} digits)`);
  return `${numbering.prefix}-${year}-${digits.padStart(numbering.width, '0')}`;
}

/** A year's sequence, as a document's creation reads and advances it. */
export interface SequenceAllocation {
  readonly name: string;
  readonly year: number;
  /** The last number given in that year (0 for none): the write is conditioned on it. */
  readonly last: number;
}
