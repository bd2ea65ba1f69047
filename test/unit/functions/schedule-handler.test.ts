import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { dayIn, InvalidScheduledRunError, NO_INPUT, scheduleTarget, type ScheduledRun } from '../../../functions/schedules/schedule-handler.ts';
import { targetInput, type ScheduleDefinition } from '../../../infra/schedules.ts';

const context = { awsRequestId: 'req-1', functionName: 'comptoir-schedule-test' } as Context;
const nightly: ScheduleDefinition = { name: 'nightly', description: 'test', cron: '15 0 * * ? *', timeZone: 'Europe/Paris', target: 'functions/schedules/nightly.ts' };

/** The JSON lines a logger writes while `run` runs. */
async function logLinesOf(run: (logger: Logger) => Promise<unknown>): Promise<Array<Record<string, unknown>>> {
  const lines: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  const errors = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await run(new Logger({ serviceName: 'test', logLevel: 'INFO' })).catch(() => undefined);
  } finally {
    write.mockRestore();
    errors.mockRestore();
  }
  return lines.flatMap((chunk) => chunk.split('\n')).filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
}

afterEach(() => vi.restoreAllMocks());

describe('a schedule target', () => {
  const silent = new Logger({ logLevel: 'SILENT' });

  it('runs its job with the run Scheduler describes, and answers what the job answers', async () => {
    const job = vi.fn(async (run: ScheduledRun<undefined>) => ({ day: run.day }));
    const handler = scheduleTarget(silent, NO_INPUT, job);
    expect(await handler(targetInput(nightly, '2027-01-04T23:15:00Z'), context)).toEqual({ day: '2027-01-05' });
    expect(job).toHaveBeenCalledOnce();
    expect(job.mock.calls[0]![0]).toEqual({ schedule: 'nightly', scheduledTime: new Date('2027-01-04T23:15:00Z'), day: '2027-01-05', input: undefined });
  });

  it("takes as the run's day the scheduled time's date in the schedule's time zone, across midnight UTC and daylight saving", async () => {
    const dayOf = async (scheduledTime: string) => scheduleTarget(silent, NO_INPUT, async (run) => run.day)(targetInput(nightly, scheduledTime), context);
    expect(await dayOf('2027-01-04T22:59:59Z')).toBe('2027-01-04');
    expect(await dayOf('2027-01-04T23:00:00Z')).toBe('2027-01-05');
    expect(await dayOf('2027-07-04T21:59:59Z')).toBe('2027-07-04');
    expect(await dayOf('2027-07-04T22:15:00Z')).toBe('2027-07-05');
    expect(await dayOf('2027-01-05T00:15:00+01:00')).toBe('2027-01-05');
    expect(await dayOf('2026-12-31T23:30:00.000Z')).toBe('2027-01-01');
    expect(dayIn('UTC', new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });

  it('refuses an input it cannot read, before its job runs', async () => {
    const job = vi.fn(async () => 'ran');
    const handler = scheduleTarget(silent, NO_INPUT, job);
    const valid = targetInput(nightly, '2027-01-04T23:15:00Z');
    for (const event of [
      undefined,
      { ...valid, scheduledTime: undefined },
      { ...valid, scheduledTime: '2027-01-05T00:15:00' },
      { ...valid, scheduledTime: '<aws.scheduler.scheduled-time>' },
      { ...valid, timeZone: 'Europe/Atlantis' },
      { ...valid, schedule: '' },
      { ...valid, extra: true },
      { ...valid, input: { unexpected: true } },
    ]) {
      await expect(handler(event, context), JSON.stringify(event)).rejects.toThrow(InvalidScheduledRunError);
    }
    expect(job).not.toHaveBeenCalled();
  });

  it("passes the schedule's own input, parsed by the schema the target declares", async () => {
    const handler = scheduleTarget(silent, z.strictObject({ reminder: z.enum(['first', 'second']) }), async (run) => run.input.reminder);
    const withInput = (input: unknown) => targetInput({ ...nightly, input: input as Record<string, unknown> }, '2027-01-04T23:15:00Z');
    expect(await handler(withInput({ reminder: 'second' }), context)).toBe('second');
    await expect(handler(withInput({ reminder: 'third' }), context)).rejects.toThrow(/reminder/);
    await expect(handler(targetInput(nightly, '2027-01-04T23:15:00Z'), context)).rejects.toThrow(InvalidScheduledRunError);
  });

  it('rethrows what its job throws, so that the invocation fails and is retried', async () => {
    const failure = new Error('DynamoDB is unavailable');
    const handler = scheduleTarget(silent, NO_INPUT, async () => {
      throw failure;
    });
    await expect(handler(targetInput(nightly, '2027-01-04T23:15:00Z'), context)).rejects.toBe(failure);
  });

  it('keys every log line of a run with the schedule and the scheduled time, and no line after it', async () => {
    const lines = await logLinesOf(async (logger) => {
      const handler = scheduleTarget(logger, NO_INPUT, async () => logger.info('working'));
      await handler(targetInput(nightly, '2027-01-04T23:15:00Z'), context);
      logger.info('after the run');
    });
    expect(lines.map(({ message, schedule, scheduledTime, day }) => ({ message, schedule, scheduledTime, day }))).toEqual([
      { message: 'working', schedule: 'nightly', scheduledTime: '2027-01-04T23:15:00.000Z', day: '2027-01-05' },
      { message: 'scheduled run finished', schedule: 'nightly', scheduledTime: '2027-01-04T23:15:00.000Z', day: '2027-01-05' },
      { message: 'after the run', schedule: undefined, scheduledTime: undefined, day: undefined },
    ]);
  });

  it('logs a failed run with its error, and an unreadable input with the event it got', async () => {
    const lines = await logLinesOf(async (logger) => {
      const failing = scheduleTarget(logger, NO_INPUT, async () => {
        throw new Error('DynamoDB is unavailable');
      });
      await failing(targetInput(nightly, '2027-01-04T23:15:00Z'), context).catch(() => undefined);
      await failing({ schedule: 'nightly' }, context);
    });
    expect(lines).toMatchObject([
      { level: 'ERROR', message: 'scheduled run failed', schedule: 'nightly', scheduledTime: '2027-01-04T23:15:00.000Z', error: { message: 'DynamoDB is unavailable' } },
      { level: 'ERROR', message: 'scheduled run failed', error: { name: 'InvalidScheduledRunError' }, event: { schedule: 'nightly' } },
    ]);
    expect(lines[1]!.scheduledTime).toBeUndefined();
  });
});
