import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimDataDir, DataDirInUseError, runningSystemUrl } from '../../../infra/local/system-file.ts';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'comptoir-system-file-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const systemFile = () => join(dataDir, 'local-system.json');
/** The pid of a process that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

describe('the claim on a data directory', () => {
  it('is held by one system at a time: a second one is refused, naming the first and where it listens', async () => {
    const claim = await claimDataDir(dataDir);
    await claim.announce('http://127.0.0.1:3000');
    const refused = await claimDataDir(dataDir).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DataDirInUseError);
    expect((refused as Error).message).toBe(`A local system already runs on ${dataDir} (pid ${process.pid}, http://127.0.0.1:3000): stop it, or set COMPTOIR_DATA_DIR to another directory.`);
    await claim.release();
    await (await claimDataDir(dataDir)).release();
  });

  it('is taken over from a process that died without releasing it', async () => {
    await writeFile(systemFile(), JSON.stringify({ pid: deadPid(), baseUrl: 'http://127.0.0.1:3000' }));
    expect(await runningSystemUrl(dataDir)).toBeUndefined();
    const claim = await claimDataDir(dataDir);
    expect(JSON.parse(await readFile(systemFile(), 'utf8'))).toEqual({ pid: process.pid });
    await claim.release();
  });

  it('is released only by its holder', async () => {
    const claim = await claimDataDir(dataDir);
    await writeFile(systemFile(), JSON.stringify({ pid: 1 }));
    await claim.release();
    expect(JSON.parse(await readFile(systemFile(), 'utf8'))).toEqual({ pid: 1 });
  });
});

describe('the running system of a data directory', () => {
  it('is none without a claim, and the announced URL with one', async () => {
    expect(await runningSystemUrl(dataDir)).toBeUndefined();
    const claim = await claimDataDir(dataDir);
    const url = runningSystemUrl(dataDir);
    await new Promise((resolve) => setTimeout(resolve, 250));
    await claim.announce('http://127.0.0.1:4321');
    // Asked while it was still starting: the answer waits for the announcement.
    expect(await url).toBe('http://127.0.0.1:4321');
    await claim.release();
    expect(await runningSystemUrl(dataDir)).toBeUndefined();
  });
});
