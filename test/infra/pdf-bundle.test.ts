import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FONT_DIRECTORY } from '../../functions/adapters/pdf/fonts.ts';
import { NodeFunction } from '../../infra/constructs/node-function.ts';
import { REPOSITORY_ROOT } from '../../infra/stacks/stateless-stack.ts';
import { TEST_ENV } from './fixtures/comptoir-stack.ts';

/** A printing Lambda and one that does not print, bundled by esbuild as `cdk synth` does, into a temporary cloud assembly. */
let assembly: string;
let printing: string;
let other: string;

beforeAll(() => {
  const app = new App();
  const stack = new Stack(app, 'Printing', { env: TEST_ENV });
  const lambda = (id: string, entry: string, printsDocuments: boolean) =>
    new NodeFunction(stack, id, {
      entry: fileURLToPath(new URL(entry, import.meta.url)),
      projectRoot: REPOSITORY_ROOT,
      description: id,
      serviceName: id,
      memorySize: 1024,
      timeout: Duration.seconds(10),
      environment: {},
      removalPolicy: RemovalPolicy.DESTROY,
      printsDocuments,
    }).function;
  const printingFunction = lambda('Printing', './fixtures/print-handler.ts', true);
  const otherFunction = lambda('Other', './fixtures/http-handler.ts', false);
  assembly = app.synth().directory;
  const assetDirectory = (fn: NodejsFunction) => join(assembly, (fn.node.findChild('Code') as Asset).assetPath);
  printing = assetDirectory(printingFunction);
  other = assetDirectory(otherFunction);
}, 120_000);

afterAll(() => rmSync(assembly, { recursive: true, force: true }));

const fontsOf = (directory: string) => readdirSync(directory).filter((name) => name.endsWith('.ttf')).sort();

describe('the bundle of a Lambda that prints', () => {
  it('carries every font the renderer ships, next to index.mjs, and a Lambda that does not print carries none', () => {
    const shipped = fontsOf(FONT_DIRECTORY);
    expect(shipped.length).toBeGreaterThanOrEqual(6);
    expect(fontsOf(join(printing, 'fonts'))).toEqual(shipped);
    for (const font of shipped) expect(statSync(join(printing, 'fonts', font)).size).toBe(statSync(join(FONT_DIRECTORY, font)).size);
    expect(existsSync(join(other, 'fonts'))).toBe(false);
  });

  it('renders a PDF from its own directory, outside the repository, with no node_modules to fall back on', () => {
    const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(join(printing, 'index.mjs')).href)}); console.log(JSON.stringify(await handler()));`;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: printing, encoding: 'utf8' });
    const result = JSON.parse(output) as { bytes: number; header: string };
    expect(printing.startsWith(REPOSITORY_ROOT)).toBe(false);
    expect(result.header).toBe('%PDF-');
    expect(result.bytes).toBeGreaterThan(10_000);
  });
});
