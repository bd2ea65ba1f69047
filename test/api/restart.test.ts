import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateDevKey, signDevToken } from '../../infra/local/dev-auth.ts';
import { findFreePort } from '../../infra/local/free-port.ts';

const dataDir = await mkdtemp(join(tmpdir(), 'comptoir-restart-'));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/**
 * The local system in its own process, its data under COMPTOIR_DATA_DIR: either the command of the `start` script
 * (`node --import tsx infra/local/main.ts`), or `npm start` itself, in its own process group as a terminal runs a job.
 */
async function startServer(port: number, how: 'node' | 'npm' = 'node', dataDirOfServer = dataDir) {
  const [command, args] = how === 'npm' ? ['npm', ['start']] : [process.execPath, ['--import', 'tsx', 'infra/local/main.ts']];
  const child = spawn(command, args, {
    env: { ...process.env, PORT: String(port), COMPTOIR_DATA_DIR: dataDirOfServer },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: how === 'npm',
  });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  child.stdout.on('data', (chunk) => (output += chunk));
  const exited = once(child, 'exit');
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => {
      if (output.includes('Comptoir is running')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${output}`)));
  });
  return {
    pid: child.pid!,
    output: () => output,
    /**
     * Sends the signal to the process, or to its whole group as Ctrl-C does; resolves to its exit code. Ctrl-C's
     * signal also reaches the system a second time when npm forwards it, at once or a little later: `echoed` sends
     * npm that second one explicitly, 100 ms later, where the two would otherwise often merge into one.
     */
    async stop(signal: NodeJS.Signals = 'SIGTERM', to: 'process' | 'group' | 'echoed' = 'process') {
      process.kill(to === 'process' ? child.pid! : -child.pid!, signal);
      if (to === 'echoed') {
        setTimeout(() => {
          try {
            process.kill(child.pid!, signal);
          } catch {
            // npm exited already: the echo had nobody to reach.
          }
        }, 100);
      }
      const [code] = await exited;
      return code as number | null;
    },
  };
}

/** The processes below `pid` (children, grandchildren…), read from /proc. */
async function descendants(pid: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    // The command name may hold spaces and parentheses: the parent pid is the second field after the last `)`.
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid) parents.set(Number(entry), ppid);
  }
  const below = (parent: number): number[] => [...parents].filter(([, ppid]) => ppid === parent).flatMap(([child]) => [child, ...below(child)]);
  return below(pid);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start keeps its data across restarts', () => {
  it('reads back after a restart what was written before it, and stops cleanly on SIGTERM', async () => {
    const port = await findFreePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const token = await signDevToken(await loadOrCreateDevKey(dataDir), { role: 'manager', sub: 'restart' });
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };

    const first = await startServer(port);
    const created = await fetch(`${baseUrl}/customers`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Persistent', addresses: [{ line1: '1 quai', city: 'Nantes', countryCode: 'FR' }], contacts: [{ lastName: 'Durable' }] }),
    }).then((r) => r.json() as Promise<{ id: string }>);
    await fetch(`${baseUrl}/customers`, { method: 'POST', headers, body: JSON.stringify({ name: 'Persistent too' }) });
    const page = (await fetch(`${baseUrl}/customers?limit=1`, { headers }).then((r) => r.json())) as { nextCursor: string };
    expect(await first.stop()).toBe(0);

    const second = await startServer(port);
    try {
      const response = await fetch(`${baseUrl}/customers/${created.id}`, { headers });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(created);
      // The cursor key is kept under the data dir too: a cursor handed out before the restart still resumes.
      const next = await fetch(`${baseUrl}/customers?limit=1&cursor=${page.nextCursor}`, { headers });
      expect(next.status).toBe(200);
      expect(((await next.json()) as { items: { name: string }[] }).items.map((c) => c.name)).toEqual(['Persistent too']);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });
});

describe('npm start stops everything it started, Java included', () => {
  it.each([
    ['a plain kill of the npm pid (a job in the background)', 'SIGTERM', 'process'],
    ['Ctrl-C, which signals the whole process group', 'SIGINT', 'group'],
    ['Ctrl-C, with the signal npm forwards arriving after the terminal’s', 'SIGINT', 'echoed'],
  ] as const)('on %s', async (_, signal, to) => {
    // A data directory of its own: one system runs per directory, and a server an earlier test left would hold the shared one.
    const server = await startServer(await findFreePort(), 'npm', await mkdtemp(join(dataDir, 'stop-')));
    const started = await descendants(server.pid);
    const commands = await Promise.all(started.map((pid) => readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')));
    expect(commands.some((command) => command.startsWith('java'))).toBe(true);

    await server.stop(signal, to);
    // npm may exit before what it started has stopped: wait for the system's own shutdown, Java's included.
    const deadline = Date.now() + 15_000;
    while (started.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(started.filter(alive)).toEqual([]);
    // With the echo, npm may end its script itself (seen under load): nothing survives, but no clean stop is promised.
    if (to !== 'echoed') expect(server.output()).toContain('Comptoir stopped.');
  });
});
