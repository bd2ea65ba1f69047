import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../domain/shared/events.ts';
import { localBus } from '../../functions/composition.ts';
import { lambdaContext } from '../../infra/local/api-gateway-event.ts';
import { PROJECT_ROOT } from '../../infra/local/paths.ts';
import { scheduleNamed, targetInput } from '../../infra/schedules.ts';
import { startApi, type Api } from '../support/api.ts';

/**
 * The schedules against the local system (DESIGN §6), with the daily quote expiry (QUO-2): its target invoked as
 * Scheduler would, then through the local route `POST /_local/schedules/<name>`, then through `npm run schedule`.
 */

let api: Api;
const received: DomainEvent[] = [];
beforeAll(async () => {
  api = await startApi();
  localBus().subscribe('quote.expired', (event) => void received.push(event));
});
afterAll(() => api?.stop());

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

async function quoteValidUntil(validUntil: string): Promise<{ id: string; etag: string }> {
  const response = await api.request('POST', '/quotes', { body: { prospect: { company: 'Atelier Durand', countryCode: 'FR' }, validUntil, lines: [{ kind: 'comment', text: `valid until ${validUntil}` }] } });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return { id: response.body.id, etag: response.headers.get('etag')! };
}

const quote = async (id: string) => (await api.request('GET', `/quotes/${id}`)).body;

/** Waits for the relay (the stream poller), then a little more, so that a duplicate would have arrived too. */
async function expiredEventsOf(quoteId: string): Promise<DomainEvent[]> {
  const deadline = Date.now() + 15_000;
  while (!received.some((event) => event.subject === quoteId) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  return received.filter((event) => event.subject === quoteId);
}

function runRoute(name: string, at?: string) {
  return fetch(`${api.baseUrl}/_local/schedules/${name}${at === undefined ? '' : `?at=${encodeURIComponent(at)}`}`, { method: 'POST' });
}

describe('the quote expiry target', () => {
  it("expires the open quotes valid until before the run's day in Paris, once however often the run is retried", async () => {
    const validUntil = addDays(today(), 3);
    const ended = await quoteValidUntil(validUntil);
    const endsThatDay = await quoteValidUntil(addDays(validUntil, 1));
    const cancelled = await quoteValidUntil(validUntil);
    expect((await api.request('POST', `/quotes/${cancelled.id}/cancel`, { headers: { 'If-Match': cancelled.etag }, body: { reason: 'duplicate' } })).status).toBe(200);

    // Imported once the local system has set the environment the composition root reads.
    const { handler } = await import('../../functions/schedules/quote-expiry.ts');
    // 23:30 UTC is already the next day in Paris.
    const event = targetInput(scheduleNamed('quote-expiry'), `${validUntil}T23:30:00Z`);
    const first = await handler(event, lambdaContext('schedule-quote-expiry'));
    expect(first.expiredQuoteIds).toContain(ended.id);
    expect(first.expiredQuoteIds).not.toContain(endsThatDay.id);
    expect(first.expiredQuoteIds).not.toContain(cancelled.id);
    // Lambda's retry of the same run: the same scheduled time, the same day.
    expect(await handler(event, lambdaContext('schedule-quote-expiry'))).toEqual({ expiredQuoteIds: [] });

    const expired = await quote(ended.id);
    expect(expired).toMatchObject({ state: 'expired', version: 2, stateReason: `valid until ${validUntil}` });
    expect(expired.transitions).toEqual([{ action: 'expire', from: 'draft', to: 'expired', at: expect.any(String), by: 'schedule:quote-expiry', reason: `valid until ${validUntil}` }]);
    expect((await expiredEventsOf(ended.id)).map((event) => [event.type, event.actorId, (event.data as { version: number }).version])).toEqual([['quote.expired', 'schedule:quote-expiry', 2]]);
    expect(await quote(endsThatDay.id)).toMatchObject({ state: 'draft', version: 1 });
    expect(await quote(cancelled.id)).toMatchObject({ state: 'cancelled', version: 2 });
  });
});

describe('POST /_local/schedules/<name>', () => {
  it('runs the schedule as of `at`: the quote reads back expired with its transition, and a second run expires nothing more', async () => {
    const validUntil = addDays(today(), 5);
    const created = await quoteValidUntil(validUntil);
    const at = `${addDays(validUntil, 2)}T00:15:00+01:00`;

    const response = await runRoute('quote-expiry', at);
    expect(response.status).toBe(200);
    const run = (await response.json()) as { schedule: string; scheduledTime: string; result: { expiredQuoteIds: string[] } };
    expect(run).toMatchObject({ schedule: 'quote-expiry', scheduledTime: new Date(at).toISOString() });
    expect(run.result.expiredQuoteIds).toContain(created.id);

    const expired = await quote(created.id);
    expect(expired).toMatchObject({ state: 'expired', version: 2 });
    expect(expired.transitions.at(-1)).toMatchObject({ action: 'expire', from: 'draft', to: 'expired', by: 'schedule:quote-expiry' });

    const again = await runRoute('quote-expiry', at);
    expect(await again.json()).toMatchObject({ result: { expiredQuoteIds: [] } });
    expect(await quote(created.id)).toMatchObject({ state: 'expired', version: 2 });
  });

  it('runs it now without `at`', async () => {
    const before = Date.now();
    const response = await runRoute('quote-expiry');
    expect(response.status).toBe(200);
    const { scheduledTime } = (await response.json()) as { scheduledTime: string };
    expect(Date.parse(scheduledTime)).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(scheduledTime)).toBeLessThanOrEqual(Date.now());
  });

  it('names the schedules when asked for one that does not exist, and refuses an `at` without its offset', async () => {
    const unknown = await runRoute('quote-expiri');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'route_not_found', detail: 'No schedule is named "quote-expiri"; the schedules are: quote-expiry' });
    const local = await runRoute('quote-expiry', '2027-01-05T00:15:00');
    expect(local.status).toBe(400);
    expect(await local.json()).toMatchObject({ code: 'validation_failed', detail: expect.stringContaining('offset') });
    expect((await fetch(`${api.baseUrl}/_local/schedules/quote-expiry`)).status).toBe(405);
  });

  it('lists the schedules on GET /_local/schedules', async () => {
    const response = await fetch(`${api.baseUrl}/_local/schedules`);
    expect(await response.json()).toEqual({ items: [{ name: 'quote-expiry', description: expect.any(String), cron: '15 0 * * ? *', timeZone: 'Europe/Paris' }] });
  });
});

describe('npm run schedule', () => {
  const runCli = (args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'infra/local/run-schedule.ts', ...args], { cwd: PROJECT_ROOT, env: { ...process.env, COMPTOIR_DATA_DIR: api.dataDir } }).then(
      ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  it('asks the local system running on the data directory, and prints what ran and its result', async () => {
    const validUntil = addDays(today(), 7);
    const created = await quoteValidUntil(validUntil);
    const { code, stdout } = await runCli(['quote-expiry', '--at', `${addDays(validUntil, 1)}T08:00:00+01:00`]);
    expect(code).toBe(0);
    expect(stdout).toContain(`quote-expiry ran as of ${addDays(validUntil, 1)}T07:00:00.000Z, through the local system at ${api.baseUrl}:`);
    expect(stdout).toContain(created.id);
    expect(await quote(created.id)).toMatchObject({ state: 'expired' });
  });

  it('refuses an unknown schedule, naming the schedules, with a non-zero exit code', async () => {
    const { code, stderr } = await runCli(['quote-expiri']);
    expect(code).toBe(2);
    expect(stderr).toContain('No schedule is named "quote-expiri"; the schedules are: quote-expiry');
  });
});
