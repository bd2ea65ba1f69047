import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The spec lints clean with the very CLI and configuration of `npm run lint:openapi` (Redocly's
 * `recommended` rules, plus redocly.yaml): no errors and no warnings. The CLI runs as a child process
 * because its rule set lives in the CLI bundle; the @redocly/openapi-core package in node_modules is an
 * older major (openapi-typescript's), whose rules differ.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin/cli.js');

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer?: string }[] }[];
}

it('redocly.yaml turns telemetry off (else lint stalls on machines without internet)', () => {
  const config = parse(readFileSync(join(root, 'redocly.yaml'), 'utf8')) as { telemetry?: unknown };
  expect(config.telemetry).toBe('off');
});

it('openapi/openapi.yaml lints without errors or warnings', async () => {
  // The exit code is ignored on purpose: it is non-zero on errors, and the report tells more.
  const { stdout } = await promisify(execFile)(process.execPath, [cli, 'lint', 'openapi/openapi.yaml', '--format=json'], { cwd: root }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  const report = JSON.parse(stdout) as LintReport;
  const problems = report.problems.map((problem) => `${problem.severity} ${problem.ruleId} at ${problem.location[0]?.pointer ?? '?'}: ${problem.message}`);
  expect(problems, 'npm run lint:openapi reports problems').toEqual([]);
  expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
}, 60_000);
