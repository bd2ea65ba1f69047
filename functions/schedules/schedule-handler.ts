import middy, { type MiddlewareObj } from '@middy/core';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import * as z from 'zod';

/**
 * What EventBridge Scheduler sends a target (infra/schedules.ts `targetInput` builds it, for CDK and the local runtime
 * alike): the schedule's name, the time the run was scheduled for (`<aws.scheduler.scheduled-time>`), the time zone
 * of the schedule's cron, and the schedule's own input, if any.
 */
export interface ScheduledRunEvent {
  readonly schedule: string;
  readonly scheduledTime: string;
  readonly timeZone: string;
  readonly input?: unknown;
}

/** A run as a schedule's job receives it. */
export interface ScheduledRun<Input> {
  readonly schedule: string;
  /** The same across the retries of one run: the run's idempotency key. */
  readonly scheduledTime: Date;
  /** The scheduled time's calendar day where the schedule's cron is read (YYYY-MM-DD): a daily job's "today". */
  readonly day: string;
  readonly input: Input;
}

const timeZone = z.string().refine((name) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as "Europe/Paris"');

/** The calendar day of `at` in `timeZone`, as an ISO date. */
export function dayIn(timeZone: string, at: Date): string {
  const parts = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** A target given an input it cannot read: a deployment mistake, which no retry mends. */
export class InvalidScheduledRunError extends Error {
  override name = 'InvalidScheduledRunError';
}

/** The input schema of a schedule that takes none (infra/schedules.ts: no `input`). */
export const NO_INPUT = z.undefined().optional();

function runParser<Input>(input: z.ZodType<Input>): (event: unknown) => ScheduledRun<Input> {
  const schema = z.strictObject({ schedule: z.string().min(1), scheduledTime: z.iso.datetime({ offset: true }), timeZone, input });
  return (event) => {
    const parsed = schema.safeParse(event);
    if (!parsed.success) throw new InvalidScheduledRunError(`The scheduled run's input is invalid: ${z.prettifyError(parsed.error)}`);
    const scheduledTime = new Date(parsed.data.scheduledTime);
    return { schedule: parsed.data.schedule, scheduledTime, day: dayIn(parsed.data.timeZone, scheduledTime), input: parsed.data.input };
  };
}

/** One line says how the run ended; the keys the run added to the logger go with it. */
function runLog(logger: Logger): MiddlewareObj<unknown, unknown, Error, Context, { startedAt?: number }> {
  const durationMs = (internal: { startedAt?: number }) => Date.now() - Number(internal.startedAt);
  return {
    before(request) {
      request.internal.startedAt = Date.now();
    },
    after(request) {
      logger.info('scheduled run finished', { durationMs: durationMs(request.internal) });
      logger.resetKeys();
    },
    onError(request) {
      // Left unhandled: the invocation fails, Lambda retries it (Scheduler invokes asynchronously), then dead-letters it.
      logger.error('scheduled run failed', { durationMs: durationMs(request.internal), error: request.error ?? undefined, event: request.event });
      logger.resetKeys();
    },
  };
}

/**
 * The Lambda handler of one schedule's target: its input parsed (zod), every log line keyed with the schedule and
 * the scheduled time, the job run, any error rethrown. The job is a use case call, idempotent on the scheduled
 * time, which a retried invocation repeats.
 */
export function scheduleTarget<Input, Result>(logger: Logger, input: z.ZodType<Input>, job: (run: ScheduledRun<Input>) => Promise<Result>) {
  const parse = runParser(input);
  return middy<unknown, Result, Error, Context>()
    .use(runLog(logger))
    .handler(async (event) => {
      const run = parse(event);
      logger.appendKeys({ schedule: run.schedule, scheduledTime: run.scheduledTime.toISOString(), day: run.day });
      return job(run);
    });
}
