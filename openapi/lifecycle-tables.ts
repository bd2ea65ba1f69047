import { readFileSync, writeFileSync } from 'node:fs';
import { PRODUCT_LIFECYCLE } from '../domain/catalog/product.ts';
import { CUSTOMER_LIFECYCLE } from '../domain/customers/customer.ts';
import { QUOTE_LIFECYCLE } from '../domain/quotes/quote.ts';
import { lifecycleTable, type Lifecycle } from '../domain/shared/lifecycle.ts';

/**
 * The lifecycle tables of the contract come from the lifecycles the use cases apply (DESIGN §9): each table stands
 * in the description of the tag of its context. `npm run generate` writes them; a contract test checks they are fresh.
 */
export const LIFECYCLE_TAGS: readonly { readonly tag: string; readonly lifecycle: Lifecycle<string, string> }[] = [
  { tag: 'customers', lifecycle: CUSTOMER_LIFECYCLE },
  { tag: 'catalog', lifecycle: PRODUCT_LIFECYCLE },
  { tag: 'quotes', lifecycle: QUOTE_LIFECYCLE },
];

const SPEC = new URL('openapi.yaml', import.meta.url);
const HEADER = '| Action | From | To | `reason` |';
const FOOTER = 'Any other transition is a **409**';

/** The spec's text with each tag's lifecycle table (and the sentence after it) replaced by the one generated from it. */
export function withLifecycleTables(spec: string, tags = LIFECYCLE_TAGS): string {
  const lines = spec.split('\n');
  for (const { tag, lifecycle } of tags) {
    const tagLine = lines.indexOf(`  - name: ${tag}`);
    if (tagLine < 0) throw new Error(`openapi.yaml has no tag ${tag}`);
    const start = lines.findIndex((line, index) => index > tagLine && line.trim() === HEADER);
    const next = lines.findIndex((line, index) => index > tagLine && line.startsWith('  - name: '));
    if (start < 0 || (next >= 0 && start > next)) throw new Error(`the description of tag ${tag} has no table starting with ${HEADER}`);
    const indent = lines[start]!.slice(0, lines[start]!.indexOf('|'));
    const end = lines.findIndex((line, index) => index > start && line.trim().startsWith(FOOTER));
    if (end < 0) throw new Error(`the table of tag ${tag} is not followed by a line starting with ${FOOTER}`);
    const block = `${lifecycleTable(lifecycle)}\n\n${FOOTER} \`invalid_state_transition\`. New ${lifecycle.resource}s start as \`${lifecycle.initial}\`.`;
    lines.splice(start, end - start + 1, ...block.split('\n').map((row) => (row ? indent + row : '')));
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const current = readFileSync(SPEC, 'utf8');
  const next = withLifecycleTables(current);
  if (next !== current) writeFileSync(SPEC, next);
  console.log(next === current ? 'lifecycle tables: up to date' : 'lifecycle tables: written to openapi/openapi.yaml');
}
