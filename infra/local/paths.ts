import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const DEFAULT_SPEC_PATH = resolve(PROJECT_ROOT, 'openapi/openapi.yaml');

/** Where the local runtime keeps its state (database files, signing key, e-mail outbox); gitignored. */
export function defaultDataDir(): string {
  return resolve(process.env.COMPTOIR_DATA_DIR ?? resolve(PROJECT_ROOT, '.data'));
}
