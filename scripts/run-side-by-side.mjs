// Runs the npm scripts named as arguments at the same time (the static checks of `npm test`, each of which keeps
// one core busy), prints each one's output whole, in the order given, and fails if any of them failed.
import { spawn } from 'node:child_process';

const runs = process.argv.slice(2).map(
  (script) =>
    new Promise((resolve) => {
      const child = spawn('npm', ['run', script], { stdio: ['ignore', 'pipe', 'pipe'] });
      const output = [];
      child.stdout.on('data', (chunk) => output.push(chunk));
      child.stderr.on('data', (chunk) => output.push(chunk));
      child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
      child.on('close', (code) => resolve({ script, ok: code === 0, output: Buffer.concat(output) }));
    }),
);

const failed = [];
for (const run of runs) {
  const { script, ok, output } = await run;
  process.stdout.write(output);
  if (!ok) failed.push(script);
}
if (failed.length > 0) {
  console.error(`\nFailed: ${failed.map((script) => `npm run ${script}`).join(', ')}`);
  process.exitCode = 1;
}
