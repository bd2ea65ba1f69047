import type { OperationEntry } from '../support/openapi.ts';

/**
 * The resources that exist right now, as the path parameters that name them: learnt from the `Location`
 * of every successful create (whatever the operation, so a new context feeds it with no change here), and
 * forgotten when a DELETE of them succeeds. A record holds every parameter of the template it came from,
 * so composite keys (`/vat-rates/{countryCode}/{category}/{validFrom}`) stay together.
 */
export class LiveResources {
  private records: Record<string, string>[] = [];
  private readonly templates: { segments: string[] }[];

  constructor(operations: readonly OperationEntry[]) {
    this.templates = [...new Set(operations.map((entry) => entry.path))].map((path) => ({ segments: path.split('/') }));
  }

  /** Learns the parameters of a `Location` path (`/customers/cus_…/addresses/adr_…`). */
  learn(location: string | null | undefined): void {
    if (!location) return;
    const segments = location.split('?')[0]!.split('/');
    for (const template of this.templates) {
      const record = matchTemplate(template.segments, segments);
      if (record && Object.keys(record).length > 0 && !this.records.some((known) => sameRecord(known, record))) this.records.push(record);
    }
  }

  /** Forgets the resource a successful DELETE removed, and everything under it. */
  forget(parameters: Record<string, string>): void {
    this.records = this.records.filter((record) => !Object.entries(parameters).every(([name, value]) => record[name] === value));
  }

  /** The records that name every one of `names`, as just those names. */
  candidates(names: readonly string[]): Record<string, string>[] {
    const seen = new Set<string>();
    return this.records.flatMap((record) => {
      if (!names.every((name) => record[name] !== undefined)) return [];
      const projected = Object.fromEntries(names.map((name) => [name, record[name]!]));
      const key = JSON.stringify(projected);
      if (seen.has(key)) return [];
      seen.add(key);
      return [projected];
    });
  }

  /** Every value known for each parameter name, for query filters that take the same ids. */
  valuesByName(): Map<string, string[]> {
    const values = new Map<string, string[]>();
    for (const record of this.records) {
      for (const [name, value] of Object.entries(record)) {
        const list = values.get(name) ?? [];
        if (!list.includes(value)) list.push(value);
        values.set(name, list);
      }
    }
    return values;
  }
}

function matchTemplate(template: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (template.length !== segments.length) return undefined;
  const record: Record<string, string> = {};
  for (const [index, part] of template.entries()) {
    const parameter = /^\{(.+)\}$/.exec(part)?.[1];
    const actual = decodeURIComponent(segments[index]!);
    if (parameter) record[parameter] = actual;
    else if (part !== actual) return undefined;
  }
  return record;
}

function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
