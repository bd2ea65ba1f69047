import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import openapiTS, { COMMENT_HEADER, astToString, type OpenAPITSOptions } from 'openapi-typescript';

/**
 * openapi/generated/types.ts is committed so that code and reviews see the types; it must be what
 * `npm run generate` makes of the current spec. The types are regenerated here in memory, with the
 * options the npm script passes, so that this test follows the script when its flags change.
 */

const root = new URL('../../', import.meta.url);
const GENERATE = 'npm run generate';

/** The openapi-typescript options of the `generate` script: its boolean flags, in camelCase. */
function scriptOptions(): OpenAPITSOptions {
  const scripts = (JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const step = (scripts.generate ?? '').split('&&').find((part) => part.trim().startsWith('openapi-typescript')) ?? '';
  const [command, ...args] = step.trim().split(/\s+/);
  if (command !== 'openapi-typescript') throw new Error(`the generate script no longer runs openapi-typescript: update this test`);
  const options: Record<string, boolean> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-o' || arg === '--output') i++;
    else if (arg.startsWith('--')) {
      const next = args[i + 1];
      const explicit = next === 'true' || next === 'false';
      options[arg.slice(2).replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())] = explicit ? next === 'true' : true;
      if (explicit) i++;
    } else if (arg.startsWith('-')) {
      throw new Error(`the generate script passes ${arg}, which this test does not translate: update it`);
    }
  }
  return options;
}

it(`openapi/generated/types.ts is fresh (else: ${GENERATE})`, async () => {
  const fresh = COMMENT_HEADER + astToString(await openapiTS(new URL('openapi/openapi.yaml', root), { ...scriptOptions(), silent: true }));
  const committed = readFileSync(new URL('openapi/generated/types.ts', root), 'utf8');
  if (committed !== fresh) {
    const committedLines = committed.split('\n');
    const line = fresh.split('\n').findIndex((text, i) => text !== committedLines[i]);
    expect.fail(`openapi/generated/types.ts is stale (first difference at line ${line + 1}): run \`${GENERATE}\` and commit the result`);
  }
});
