import { Dec } from './money.ts';

/**
 * The difference between two versions of a document (DESIGN §9), line by line by stable line id: what was added,
 * removed, and changed, with the quantity, unit price and amount deltas as exact decimals. Lines without figures
 * (sections, comments) compare by their text.
 */
export interface DiffableLine {
  readonly id: string;
  /** What the line says (a product's code and name, a section's title), to tell a reader which line it is. */
  readonly label: string;
  readonly quantity?: string;
  readonly unitPrice?: string;
  readonly amount?: string;
  /** Everything else that makes the line what it is (its inputs): a line whose fingerprint moved changed. */
  readonly fingerprint: string;
}

export interface LineFigures {
  readonly quantity?: string;
  readonly unitPrice?: string;
  readonly amount?: string;
}

export interface ChangedLine {
  readonly id: string;
  readonly label: string;
  readonly from: LineFigures & { readonly position: number };
  readonly to: LineFigures & { readonly position: number };
  /** `to − from`, for the figures both versions have. */
  readonly delta: LineFigures;
  /** The line moved but is otherwise the same. */
  readonly movedOnly: boolean;
}

export interface LineDiff {
  readonly added: readonly (DiffableLine & { readonly position: number })[];
  readonly removed: readonly (DiffableLine & { readonly position: number })[];
  readonly changed: readonly ChangedLine[];
  readonly unchanged: number;
}

const figures = (line: DiffableLine): LineFigures => ({
  ...(line.quantity === undefined ? {} : { quantity: line.quantity }),
  ...(line.unitPrice === undefined ? {} : { unitPrice: line.unitPrice }),
  ...(line.amount === undefined ? {} : { amount: line.amount }),
});

/** `b − a` as a decimal string at the larger scale of the two ("300.00" to "500.00" is "200.00"), when both are given. */
export function decimalDelta(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || b === undefined) return undefined;
  // The written scale: decimal.js drops trailing zeros.
  const scale = (value: string) => value.split('.')[1]?.length ?? 0;
  return new Dec(b).minus(a).toFixed(Math.max(scale(a), scale(b)));
}

export function diffLines(from: readonly DiffableLine[], to: readonly DiffableLine[]): LineDiff {
  const before = new Map(from.map((line, position) => [line.id, { line, position }]));
  const after = new Map(to.map((line, position) => [line.id, { line, position }]));
  const added = to.flatMap((line, position) => (before.has(line.id) ? [] : [{ ...line, position }]));
  const removed = from.flatMap((line, position) => (after.has(line.id) ? [] : [{ ...line, position }]));
  const changed: ChangedLine[] = [];
  let unchanged = 0;
  for (const [id, { line: b, position }] of after) {
    const a = before.get(id);
    if (!a) continue;
    const same = a.line.fingerprint === b.fingerprint && a.line.quantity === b.quantity && a.line.unitPrice === b.unitPrice && a.line.amount === b.amount;
    // Lines shift when one is added above them: only a move relative to the lines both versions keep counts.
    const moved = relativeOrder(from, after, id) !== relativeOrder(to, before, id);
    if (same && !moved) {
      unchanged += 1;
      continue;
    }
    const delta: Record<string, string> = {};
    for (const field of ['quantity', 'unitPrice', 'amount'] as const) {
      const value = decimalDelta(a.line[field], b[field]);
      if (value !== undefined) delta[field] = value;
    }
    changed.push({ id, label: b.label, from: { ...figures(a.line), position: a.position }, to: { ...figures(b), position }, delta, movedOnly: same });
  }
  return { added, removed, changed, unchanged };
}

/** The line's rank among the lines the other version also has. */
function relativeOrder(lines: readonly DiffableLine[], other: ReadonlyMap<string, unknown>, id: string): number {
  return lines.filter((line) => other.has(line.id)).findIndex((line) => line.id === id);
}
