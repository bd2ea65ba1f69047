export type Item = Record<string, unknown>;

export function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
