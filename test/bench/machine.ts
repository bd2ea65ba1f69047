import { execFile } from 'node:child_process';
import { availableParallelism, cpus, release, totalmem, type } from 'node:os';
import { promisify } from 'node:util';
import { version as esbuildVersion } from 'esbuild';

export interface MachineFact {
  readonly name: string;
  readonly value: string;
}

/** What the figures depend on, printed first so that two reports can be compared knowingly. */
export async function machineFacts(): Promise<MachineFact[]> {
  const cpu = cpus()[0];
  return [
    { name: 'Node', value: `${process.version} (V8 ${process.versions.v8}) at ${process.execPath}` },
    { name: 'CPU', value: `${cpu?.model ?? 'unknown'}${cpu?.speed ? ` @ ${cpu.speed} MHz` : ''}` },
    { name: 'Cores', value: `${availableParallelism()} available (${cpus().length} logical)` },
    { name: 'Memory', value: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB` },
    { name: 'OS', value: `${type()} ${release()}` },
    { name: 'esbuild', value: esbuildVersion },
    { name: 'Java (DynamoDB Local)', value: await javaVersion() },
  ];
}

async function javaVersion(): Promise<string> {
  try {
    // `java -version` writes to stderr; its first line names the build.
    const { stderr } = await promisify(execFile)('java', ['-version']);
    return stderr.split('\n')[0]?.trim() ?? 'unknown';
  } catch {
    return 'not found';
  }
}
