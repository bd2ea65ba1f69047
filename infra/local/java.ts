import { execFile } from 'node:child_process';
import { join } from 'node:path';

const MINIMUM_JAVA_VERSION = 17;

const INSTALL_HINT =
  'DynamoDB Local needs Java 17 or later. Install one, e.g. `apt-get install openjdk-17-jre-headless` ' +
  '(Debian/Ubuntu) or `brew install openjdk@17` (macOS), or set JAVA_HOME to an existing Java 17+.';

export class JavaUnavailableError extends Error {
  override name = 'JavaUnavailableError';
}

/** The `java` to run: JAVA_HOME's when set (what Java tooling conventionally honours), else the PATH's. */
export function javaExecutable(): string {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

/** Reads the major version from `java -version` output: `"17.0.15"` → 17, legacy `"1.8.0_402"` → 8. */
export function parseJavaMajorVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

/** Fails fast, with how to fix it, when Java is missing or too old; resolves to the executable to use. */
export async function requireJava(): Promise<string> {
  const java = javaExecutable();
  const output = await new Promise<string>((resolveOutput, reject) => {
    execFile(java, ['-version'], { timeout: 10_000 }, (error, stdout, stderr) => {
      if (error) reject(new JavaUnavailableError(`Cannot run \`${java} -version\` (${error.message}). ${INSTALL_HINT}`));
      else resolveOutput(`${stderr}${stdout}`);
    });
  });
  const major = parseJavaMajorVersion(output);
  if (major === undefined || major < MINIMUM_JAVA_VERSION) {
    const found = major === undefined ? 'an unrecognised version' : `Java ${major}`;
    throw new JavaUnavailableError(`Found ${found} at \`${java}\`. ${INSTALL_HINT}`);
  }
  return java;
}
