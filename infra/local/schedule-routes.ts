import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { SCHEDULES, scheduleNamed, targetInput, UnknownScheduleError, type ScheduleDefinition } from '../schedules.ts';
import { lambdaContext } from './api-gateway-event.ts';
import { jsonReply, problemReply, type LocalReply } from './replies.ts';
import { PROJECT_ROOT } from './paths.ts';

/**
 * The schedules, locally (DESIGN §6): local-only routes of the local server that run a schedule's target now, or as
 * of `?at=` (an ISO time with its offset), as EventBridge Scheduler would at that scheduled time. `npm run schedule`
 * calls them. `GET /_local/schedules` lists the schedules.
 */
export const SCHEDULES_PATH = '/_local/schedules';

type ScheduleTarget = (event: unknown, context: Context) => Promise<unknown>;

/** What a run answers: the schedule, the scheduled time it ran as of, and what its target returned. */
export interface ScheduleRunResult {
  readonly schedule: string;
  readonly scheduledTime: string;
  readonly result: unknown;
}

export interface ScheduleRoutes {
  /** The answer to a request on the schedules' routes, or undefined for any other route. */
  reply(method: string, url: URL): Promise<LocalReply | undefined>;
  /** Runs a schedule as of `at` (now when absent), as the routes and the local clock do. */
  run(name: string, at?: string): Promise<LocalReply>;
}

const atSchema = z.iso.datetime({ offset: true, message: 'must be an ISO time with its offset, such as 2027-01-05T00:15:00+01:00' });

/** The scheduled time of a run asked for `at` (now when absent), in UTC as Scheduler sends it; or what is wrong with `at`. */
export function scheduledTimeAt(at: string | undefined): { scheduledTime: string } | { invalid: string } {
  if (at === undefined) return { scheduledTime: new Date().toISOString() };
  const parsed = atSchema.safeParse(at);
  return parsed.success ? { scheduledTime: new Date(parsed.data).toISOString() } : { invalid: parsed.error.issues[0]!.message };
}

/** The target's module, imported once like a warm Lambda container's. */
async function importTarget(schedule: ScheduleDefinition): Promise<ScheduleTarget> {
  const module = (await import(pathToFileURL(join(PROJECT_ROOT, schedule.target)).href)) as { handler?: ScheduleTarget };
  if (typeof module.handler !== 'function') throw new Error(`${schedule.target} does not export a handler function`);
  return module.handler;
}

export function createScheduleRoutes(): ScheduleRoutes {
  async function run(name: string, at: string | undefined): Promise<LocalReply> {
    let schedule: ScheduleDefinition;
    try {
      schedule = scheduleNamed(name);
    } catch (error) {
      if (error instanceof UnknownScheduleError) return problemReply(404, 'route_not_found', error.message);
      throw error;
    }
    const time = scheduledTimeAt(at);
    if ('invalid' in time) return problemReply(400, 'validation_failed', `at ${time.invalid}`);
    const { scheduledTime } = time;
    const target = await importTarget(schedule);
    try {
      const result = await target(targetInput(schedule, scheduledTime), lambdaContext(`schedule-${schedule.name}`));
      return jsonReply(200, { schedule: schedule.name, scheduledTime, result } satisfies ScheduleRunResult);
    } catch (error) {
      // The target logged it; in AWS, Lambda would retry the run, then dead-letter it. Locally the caller sees why.
      return problemReply(500, 'internal_error', `The ${schedule.name} run as of ${scheduledTime} failed: ${(error as Error).message}`);
    }
  }

  return {
    run,
    async reply(method, url) {
      if (url.pathname === SCHEDULES_PATH || url.pathname === `${SCHEDULES_PATH}/`) {
        if (method !== 'GET') return problemReply(405, 'method_not_allowed', `${SCHEDULES_PATH} lists the schedules (GET); POST ${SCHEDULES_PATH}/<name> runs one`);
        return jsonReply(200, { items: SCHEDULES.map(({ name, description, cron, timeZone }) => ({ name, description, cron, timeZone })) });
      }
      if (!url.pathname.startsWith(`${SCHEDULES_PATH}/`)) return undefined;
      if (method !== 'POST') return problemReply(405, 'method_not_allowed', `A schedule runs with POST ${SCHEDULES_PATH}/<name>[?at=<ISO time>]`);
      return run(decodeURIComponent(url.pathname.slice(SCHEDULES_PATH.length + 1)), url.searchParams.get('at') ?? undefined);
    },
  };
}
