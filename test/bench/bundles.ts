import { readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { SCHEDULES } from '../../infra/schedules.ts';

export const PROJECT_ROOT = join(import.meta.dirname, '..', '..');

/**
 * The esbuild options of `infra/constructs/node-function.ts` (NodejsFunction's `bundling`), as the CLI
 * arguments CDK derives from them: ESM, node24, minified, `module` before `main`, the banner that gives
 * CommonJS dependencies a `require`, a source map without sources, and no externals (the AWS SDK is bundled).
 * Copied rather than imported because the construct keeps them private; `bundlingDrift` flags a divergence.
 */
export const CDK_BANNER = "import { createRequire } from 'node:module';const require = createRequire(import.meta.url);";
const CDK_LIKE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  mainFields: ['module', 'main'],
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  banner: { js: CDK_BANNER },
  external: [],
} as const;

const NODE_FUNCTION_SOURCE = join(PROJECT_ROOT, 'infra', 'constructs', 'node-function.ts');
const EMPTY_HANDLER = "export const handler = async () => ({ statusCode: 200, body: '' });\n";

export interface LambdaEntry {
  readonly name: string;
  /** Absolute path of the entry module. */
  readonly entry: string;
}

export interface Bundle extends LambdaEntry {
  /** The bundled `index.mjs`, which a Lambda loads as its handler module. */
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly metafile: Metafile;
}

/** Every Lambda the stack deploys: one per bounded context, the domain-event publisher, the mail notifications consumer and the schedules' targets. */
export async function lambdaEntries(): Promise<LambdaEntry[]> {
  const httpDir = join(PROJECT_ROOT, 'functions', 'http');
  const contexts = (await readdir(httpDir, { withFileTypes: true }))
    .filter((dirent) => dirent.isDirectory() && existsSync(join(httpDir, dirent.name, 'index.ts')))
    .map((dirent) => dirent.name)
    .sort();
  return [
    ...contexts.map((context) => ({ name: `http/${context}`, entry: join(httpDir, context, 'index.ts') })),
    { name: 'events/publish-domain-events', entry: join(PROJECT_ROOT, 'functions', 'events', 'publish-domain-events.ts') },
    { name: 'events/mail-notifications', entry: join(PROJECT_ROOT, 'functions', 'events', 'mail-notifications.ts') },
    ...SCHEDULES.map((schedule) => ({ name: `schedules/${schedule.name}`, entry: join(PROJECT_ROOT, schedule.target) })),
  ];
}

/** The smallest possible handler, bundled the same way: the baseline every ratio is taken against. */
export async function emptyHandlerEntry(workDir: string): Promise<LambdaEntry> {
  const entry = join(workDir, 'empty-handler.ts');
  await writeFile(entry, EMPTY_HANDLER);
  return { name: 'empty handler (baseline)', entry };
}

export async function bundleLikeCdk(entry: LambdaEntry, outDir: string): Promise<Bundle> {
  const file = join(outDir, 'index.mjs');
  const result = await build({
    ...CDK_LIKE_OPTIONS,
    mainFields: [...CDK_LIKE_OPTIONS.mainFields],
    external: [...CDK_LIKE_OPTIONS.external],
    entryPoints: [entry.entry],
    outfile: file,
    // CDK runs esbuild from the project root: tsconfig.json and node_modules resolve from there.
    absWorkingDir: PROJECT_ROOT,
    metafile: true,
    logLevel: 'error',
  });
  const code = await readFile(file);
  return { ...entry, file, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, metafile: result.metafile };
}

/** Empty when the options above still match the construct's source; otherwise what to re-check. */
export async function bundlingDrift(): Promise<string[]> {
  const source = await readFile(NODE_FUNCTION_SOURCE, 'utf8');
  const expected = [CDK_BANNER, "format: OutputFormat.ESM", "target: 'node24'", "mainFields: ['module', 'main']", 'minify: true', 'externalModules: []'];
  return expected.filter((fragment) => !source.includes(fragment)).map((fragment) => `${relative(PROJECT_ROOT, NODE_FUNCTION_SOURCE)} no longer contains ${fragment}`);
}

export interface Weight {
  readonly name: string;
  /** Bytes this input contributes to the minified output (not its size on disk). */
  readonly bytes: number;
}

/** The heaviest input files of a bundle, by their share of the minified output. */
export function heaviestInputs(bundle: Bundle, count: number): Weight[] {
  return inputsOf(bundle)
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, count);
}

/** The same, summed per npm package (the project's own sources count as one). */
export function heaviestPackages(bundle: Bundle, count: number): Weight[] {
  const byPackage = new Map<string, number>();
  for (const input of inputsOf(bundle)) {
    const name = packageOf(input.name);
    byPackage.set(name, (byPackage.get(name) ?? 0) + input.bytes);
  }
  return [...byPackage]
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, count);
}

function inputsOf(bundle: Bundle): Weight[] {
  const output = Object.values(bundle.metafile.outputs).find((candidate) => candidate.entryPoint !== undefined);
  if (!output) throw new Error(`No entry point output in the metafile of ${bundle.name}`);
  return Object.entries(output.inputs).map(([name, input]) => ({ name, bytes: input.bytesInOutput }));
}

/** `node_modules/@scope/name/…` → `@scope/name`; nested node_modules count as their innermost package. */
function packageOf(inputPath: string): string {
  const marker = 'node_modules/';
  const at = inputPath.lastIndexOf(marker);
  if (at < 0) return '(project sources)';
  const [first, second] = inputPath.slice(at + marker.length).split('/');
  return first?.startsWith('@') ? `${first}/${second}` : (first ?? inputPath);
}
