import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Asset } from 'aws-cdk-lib/aws-s3-assets';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { beforeAll, describe, expect, it } from 'vitest';
import { repositorySources, type StatelessStack } from '../../infra/stacks/stateless-stack.ts';
import { testStacks } from './fixtures/comptoir-stack.ts';

/** The real handlers, bundled by esbuild as `cdk synth` does (the other infra tests skip bundling to stay fast). */
let stack: StatelessStack;
let assemblyDirectory: string;

beforeAll(() => {
  const test = testStacks({ bundle: true, sources: repositorySources() });
  stack = test.stateless;
  assemblyDirectory = test.app.synth().directory;
}, 120_000);

function bundleOf(lambda: NodejsFunction): { code: string; directory: string } {
  const directory = join(assemblyDirectory, (lambda.node.findChild('Code') as Asset).assetPath);
  return { directory, code: readFileSync(join(directory, 'index.mjs'), 'utf8') };
}

const lambdas = () => [...stack.httpFunctions.all, stack.relay.publisher, stack.mailNotifications.consumer, ...stack.consumers.functions.map(({ lambda }) => lambda), ...stack.schedules.deployed.map(({ target }) => target)];

describe('each Lambda bundle', () => {
  it('is an ES module that defines require for its CommonJS dependencies', () => {
    for (const lambda of lambdas()) {
      const { code } = bundleOf(lambda);
      const where = lambda.node.path;
      expect(code.startsWith("import { createRequire } from 'node:module';const require = createRequire(import.meta.url);"), where).toBe(true);
      expect(/export\s*\{[^}]*\bhandler\s*[,}]/.test(code), `${where} exports handler`).toBe(true);
    }
  });

  it('carries its source map and bundles the AWS SDK instead of importing the runtime\'s', () => {
    for (const lambda of lambdas()) {
      const { code, directory } = bundleOf(lambda);
      expect(existsSync(join(directory, 'index.mjs.map')), lambda.node.path).toBe(true);
      expect(/from\s*["']@aws-sdk\//.test(code), `${lambda.node.path} imports @aws-sdk`).toBe(false);
    }
  });
});
