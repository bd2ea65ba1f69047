import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * One local system per data directory: two DynamoDB Local processes on one `-dbPath` would corrupt it. The system
 * that runs on a directory holds `local-system.json` there (its pid, then its URL once it listens), so that a second
 * one refuses to start and `npm run schedule` finds the running one to ask.
 */
const SYSTEM_FILE = 'local-system.json';

interface SystemFile {
  readonly pid: number;
  readonly baseUrl?: string;
}

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';

  constructor(readonly dataDir: string, readonly running: SystemFile) {
    super(`A local system already runs on ${dataDir} (pid ${running.pid}${running.baseUrl ? `, ${running.baseUrl}` : ''}): stop it, or set COMPTOIR_DATA_DIR to another directory.`);
  }
}

export interface DataDirClaim {
  /** Records where the system listens, for `npm run schedule`. */
  announce(baseUrl: string): Promise<void>;
  release(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readSystemFile(path: string): Promise<SystemFile | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as SystemFile;
  } catch (error) {
    // Missing, or caught between its creation and its first write: nobody holds it yet.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** Takes the data directory for this process, or fails with DataDirInUseError; the file of a dead process is taken over. */
export async function claimDataDir(dataDir: string): Promise<DataDirClaim> {
  const path = join(dataDir, SYSTEM_FILE);
  await mkdir(dataDir, { recursive: true });
  const own = { pid: process.pid };
  for (;;) {
    try {
      await writeFile(path, JSON.stringify(own), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    // Read again a moment later when it seems empty: another process may be between creating it and writing it.
    let holder = await readSystemFile(path);
    if (!holder) {
      await sleep(50);
      holder = await readSystemFile(path);
    }
    if (holder && isAlive(holder.pid)) throw new DataDirInUseError(dataDir, holder);
    // Left by a process that was killed: removed, then claimed again (against whoever else is trying).
    await rm(path, { force: true });
  }
  return {
    announce: (baseUrl) => writeFile(path, JSON.stringify({ ...own, baseUrl })),
    async release() {
      if ((await readSystemFile(path))?.pid === process.pid) await rm(path, { force: true });
    },
  };
}

const STARTING_TIMEOUT_MS = 60_000;

/** The URL of the local system running on `dataDir`, waiting for one that is still starting; undefined if none runs. */
export async function runningSystemUrl(dataDir: string): Promise<string | undefined> {
  const path = join(dataDir, SYSTEM_FILE);
  const deadline = Date.now() + STARTING_TIMEOUT_MS;
  for (;;) {
    const holder = await readSystemFile(path);
    if (!holder || !isAlive(holder.pid)) return undefined;
    if (holder.baseUrl) return holder.baseUrl;
    if (Date.now() > deadline) throw new Error(`The local system on ${dataDir} (pid ${holder.pid}) has not started listening within ${STARTING_TIMEOUT_MS / 1000} s`);
    await sleep(100);
  }
}
