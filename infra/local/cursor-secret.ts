import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const SECRET_FILE = 'cursor-secret';

/**
 * The local stand-in for the stack's generated Secrets Manager secret: made once and kept under `.data/`, so that
 * cursors handed out before a restart of `npm start` still resume. `CURSOR_SECRET` in the environment wins over it.
 */
export async function loadOrCreateCursorSecret(dataDir: string): Promise<string> {
  const path = join(dataDir, SECRET_FILE);
  await mkdir(dataDir, { recursive: true });
  try {
    // `wx` creates the file or fails if it exists: when two processes start at once, both end up with the first one's.
    await writeFile(path, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return (await readFile(path, 'utf8')).trim();
}
