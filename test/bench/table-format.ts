/**
 * Plain-text tables for the benchmark report: readable in a terminal and in a CI log, pasteable into an
 * issue. Numbers are right-aligned so that their magnitudes line up; text columns are left-aligned.
 */
export type Cell = string | number;

export interface TableOptions {
  /** Columns to right-align, by index; by default every column whose cells all look like numbers. */
  readonly alignRight?: readonly number[];
}

/** `12`, `-1.5`, `3.2×`, `40.1%`: figures, possibly with their unit sign. */
const NUMERIC = /^-?[\d.,]+[×%]?$/;

export function formatTable(header: readonly string[], rows: readonly (readonly Cell[])[], options: TableOptions = {}): string {
  const text = rows.map((row) => row.map(String));
  const widths = header.map((title, column) => Math.max(title.length, ...text.map((row) => (row[column] ?? '').length)));
  const numericColumns = header.map((_, column) => column).filter((column) => text.length > 0 && text.every((row) => NUMERIC.test(row[column] ?? '')));
  const right = new Set(options.alignRight ?? numericColumns);
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => (right.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd();
  return [line(header), widths.map((width) => '─'.repeat(width)).join('  '), ...text.map(line)].join('\n');
}

export function section(title: string): string {
  return `\n${title}\n${'═'.repeat(title.length)}`;
}

export function kilobytes(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}

export function milliseconds(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(value >= 10 ? 1 : 2);
}

export function ratio(value: number): string {
  return `${value >= 10 ? value.toFixed(0) : value.toFixed(1)}×`;
}
