import type { ScheduledRunEvent } from '../functions/schedules/schedule-handler.ts';

/**
 * The schedules (DESIGN §6): read by CDK (infra/constructs/schedules.ts: a Lambda and an EventBridge Scheduler
 * schedule each) and by the local runtime (`npm run schedule -- <name>`, `POST /_local/schedules/<name>`).
 */
export interface ScheduleDefinition {
  /** kebab-case; part of the deployed schedule's name. */
  readonly name: string;
  readonly description: string;
  /** The six fields of an EventBridge Scheduler cron expression: minutes hours day-of-month month day-of-week year. */
  readonly cron: string;
  /** Where the cron is read: the company's time, daylight saving included (EventBridge rules know only UTC). */
  readonly timeZone: 'Europe/Paris';
  /** The handler module, from the repository root, exporting `handler` (functions/schedules/schedule-handler.ts). */
  readonly target: `functions/schedules/${string}.ts`;
  /** Passed to the target as the run's `input`, parsed by the schema the target declares. */
  readonly input?: Readonly<Record<string, unknown>>;
}

export const SCHEDULES: readonly ScheduleDefinition[] = [
  {
    name: 'quote-expiry',
    description: 'QUO-2: expires the draft and sent quotes whose validity ended before the day, every day at 00:15 in Paris',
    cron: '15 0 * * ? *',
    timeZone: 'Europe/Paris',
    target: 'functions/schedules/quote-expiry.ts',
  },
];

export class UnknownScheduleError extends Error {
  override name = 'UnknownScheduleError';
}

export function scheduleNamed(name: string): ScheduleDefinition {
  const schedule = SCHEDULES.find((candidate) => candidate.name === name);
  if (!schedule) throw new UnknownScheduleError(`No schedule is named "${name}"; the schedules are: ${SCHEDULES.map((candidate) => candidate.name).join(', ')}`);
  return schedule;
}

/**
 * What the target receives for a run scheduled at `scheduledTime`: in AWS, Scheduler's `<aws.scheduler.scheduled-time>`
 * placeholder, which it replaces at each run (the same value across that run's retries); locally, the time asked for.
 */
export function targetInput(schedule: ScheduleDefinition, scheduledTime: string): ScheduledRunEvent {
  return { schedule: schedule.name, scheduledTime, timeZone: schedule.timeZone, ...(schedule.input === undefined ? {} : { input: schedule.input }) };
}
