import { Cron } from 'croner';
import { SCHEDULES, type ScheduleDefinition } from '../schedules.ts';
import type { LogLine } from './log.ts';
import type { ScheduleRoutes } from './schedule-routes.ts';

/**
 * `npm start`'s clock (DESIGN §6): fires each schedule at its cron times in its time zone, as EventBridge Scheduler
 * does in AWS, through the same run as `npm run schedule`. croner reads the cron: it knows time zones and daylight
 * saving, which a hand-written matcher would get wrong twice a year.
 */
export interface ScheduleClock {
  stop(): void;
}

/**
 * An EventBridge cron (minutes hours day-of-month month day-of-week year) as croner's five fields: `?` is `*`, and
 * EventBridge numbers the days of the week from 1 (Sunday) where croner does from 0. A year other than `*` is refused.
 */
export function cronerPattern(cron: string): string {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 6) throw new Error(`"${cron}" is not an EventBridge cron expression (six fields)`);
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields as [string, string, string, string, string, string];
  if (year !== '*') throw new Error(`The local clock runs schedules of every year, not "${year}"`);
  const weekday = dayOfWeek.replace(/\b([1-7])\b/g, (day) => String(Number(day) - 1));
  return [minutes, hours, dayOfMonth, month, weekday].map((field) => (field === '?' ? '*' : field)).join(' ');
}

export function startScheduleClock(routes: ScheduleRoutes, log: LogLine, schedules: readonly ScheduleDefinition[] = SCHEDULES): ScheduleClock {
  const jobs = schedules.map(
    (schedule) =>
      new Cron(cronerPattern(schedule.cron), { timezone: schedule.timeZone, protect: true }, async () => {
        const reply = await routes.run(schedule.name);
        log({ level: reply.statusCode < 300 ? 'info' : 'error', message: `schedule ${schedule.name} ran`, status: reply.statusCode, body: reply.body });
      }),
  );
  return {
    stop: () => jobs.forEach((job) => job.stop()),
  };
}
