import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateDevKey, signDevToken } from '../../infra/local/dev-auth.ts';
import { findFreePort } from '../../infra/local/free-port.ts';

const dataDir = await mkdtemp(join(tmpdir(), 'comptoir-restart-'));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** `npm start` as a user runs it: its own process, its data under COMPTOIR_DATA_DIR. */
async function startServer(port: number) {
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'infra/local/main.ts'], {
    env: { ...process.env, PORT: String(port), COMPTOIR_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Comptoir is running')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${output}`)));
  });
  return {
    async stop() {
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      return code as number;
    },
  };
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
