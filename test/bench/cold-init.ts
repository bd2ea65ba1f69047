import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * What a Lambda container needs for the composition root to load; the JWKS is empty because nothing verifies
 * a token at import. Everything else of the parent's environment (tsx's loader, AWS profiles, log levels) is
 * left out, so each run loads the bundle as a fresh container would.
 */
export const COLD_INIT_ENV: Readonly<Record<string, string>> = {
  TABLE_NAME: 'comptoir',
  AUTH_ISSUER: 'https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_bench',
  AUTH_JWKS: '{"keys":[]}',
  AWS_REGION: 'eu-west-3',
};

export interface ColdInitOptions {
  /** NODE_OPTIONS as the deployed functions set it (`--enable-source-maps` makes Node read the map at load). */
  readonly nodeOptions?: string;
}

/**
 * One cold import of a bundle in a brand-new Node process (the running Node 24, not whatever `node` is on
 * PATH), timed from inside: what loading the handler module costs, without Node's own start-up, which is
 * the same for every bundle.
 */
export async function coldImportMs(bundleFile: string, options: ColdInitOptions = {}): Promise<number> {
  const url = JSON.stringify(pathToFileURL(bundleFile).href);
  const script = [
    'const started = performance.now();',
    `const module = await import(${url});`,
    'const elapsed = performance.now() - started;',
    "if (typeof module.handler !== 'function') throw new Error('the bundle exports no handler');",
    'process.stdout.write(String(elapsed));',
  ].join('\n');
  const env = { ...COLD_INIT_ENV, ...(options.nodeOptions ? { NODE_OPTIONS: options.nodeOptions } : {}) };
  const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', script], { env });
  const elapsed = Number(stdout);
  if (!Number.isFinite(elapsed)) throw new Error(`Unexpected output from the cold import of ${bundleFile}: ${stdout}`);
  return elapsed;
}

/**
 * `runs` cold imports of each variant, interleaved round-robin so that a burst of noise on the machine
 * (another process, a CPU frequency change) spreads over all variants instead of skewing one.
 */
export async function coldImportSamples<T>(variants: readonly T[], runs: number, importOnce: (variant: T) => Promise<number>): Promise<Map<T, number[]>> {
  const samples = new Map<T, number[]>(variants.map((variant) => [variant, []]));
  for (let round = 0; round < runs; round += 1) {
    for (const variant of variants) samples.get(variant)!.push(await importOnce(variant));
  }
  return samples;
}
