import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateDevKey, signDevToken } from '../../../infra/local/dev-auth.ts';
import { PROJECT_ROOT } from '../../../infra/local/paths.ts';
import { startLocalSystem } from '../../../infra/local/system.ts';

const dataDir = await mkdtemp(join(tmpdir(), 'comptoir-run-schedule-'));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('npm run schedule without npm start', () => {
  // Two systems start one after the other, each with its Java, and the command loads through tsx: slow on a busy machine.
  it('runs on the data directory with a DynamoDB Local of its own, and leaves nothing running on it', async () => {
    // A quote stored by an earlier `npm start` on the directory, valid until a day now past.
    const savedEnvironment = { ...process.env };
    const system = await startLocalSystem({ port: 0, dataDir, log: () => {} });
    let quoteId: string;
    try {
      const token = await signDevToken(await loadOrCreateDevKey(dataDir), { role: 'admin', sub: 'run-schedule' });
      const response = await fetch(`${system.baseUrl}/quotes`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ prospect: { company: 'Atelier Durand' }, pricingDate: '2026-01-02', validUntil: '2026-01-31', lines: [] }),
      });
      expect(response.status).toBe(201);
      quoteId = ((await response.json()) as { id: string }).id;
    } finally {
      await system.stop();
      process.env = savedEnvironment;
    }

    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'infra/local/run-schedule.ts', 'quote-expiry', '--at', '2026-02-01T00:15:00+01:00'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, COMPTOIR_DATA_DIR: dataDir, POWERTOOLS_LOG_LEVEL: 'SILENT' },
    });
    expect(stdout).toBe(`quote-expiry ran as of 2026-01-31T23:15:00.000Z, on ${dataDir}, no local system running:\n${JSON.stringify({ expiredQuoteIds: [quoteId] }, null, 2)}\n`);
    expect(existsSync(join(dataDir, 'local-system.json'))).toBe(false);
  }, 120_000);
});
