import { parseArgs } from 'node:util';
import { JavaUnavailableError } from './java.ts';
import { runtimeLog } from './log.ts';
import { defaultDataDir } from './paths.ts';
import { SCHEDULES_PATH, scheduledTimeAt, type ScheduleRunResult } from './schedule-routes.ts';
import { SCHEDULES, scheduleNamed, UnknownScheduleError } from '../schedules.ts';
import { startLocalSystem } from './system.ts';
import { DataDirInUseError, runningSystemUrl } from './system-file.ts';

const USAGE = `Usage: npm run schedule -- <name> [--at <ISO time>]

Runs one schedule's target now, or as EventBridge Scheduler would at the scheduled time --at (with its offset), on the
local data (.data/, or $COMPTOIR_DATA_DIR): through the running \`npm start\` if there is one, else on a local system
of its own for the run.
  schedules: ${SCHEDULES.map((schedule) => `${schedule.name} (${schedule.cron}, ${schedule.timeZone})`).join(', ')}

Example: npm run schedule -- quote-expiry --at 2027-01-05T00:15:00+01:00`;

class UsageError extends Error {}

function parseRequest(argv: string[]): { name: string; at?: string } | undefined {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { at: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.values.help) return undefined;
  const [name, ...extra] = parsed.positionals;
  if (!name) throw new UsageError('Name the schedule to run');
  if (extra.length > 0) throw new UsageError(`One schedule at a time, not ${parsed.positionals.join(', ')}`);
  try {
    scheduleNamed(name);
  } catch (error) {
    if (error instanceof UnknownScheduleError) throw new UsageError(error.message);
    throw error;
  }
  const time = scheduledTimeAt(parsed.values.at);
  if ('invalid' in time) throw new UsageError(`--at ${time.invalid}`);
  return { name, ...(parsed.values.at === undefined ? {} : { at: parsed.values.at }) };
}

/** Runs the schedule through the local system at `baseUrl`: its answer, or its problem's detail as an error. */
async function runThrough(baseUrl: string, request: { name: string; at?: string }): Promise<ScheduleRunResult> {
  const query = request.at === undefined ? '' : `?${new URLSearchParams({ at: request.at })}`;
  const response = await fetch(`${baseUrl}${SCHEDULES_PATH}/${encodeURIComponent(request.name)}${query}`, { method: 'POST' });
  const body = (await response.json()) as ScheduleRunResult & { detail?: string };
  if (!response.ok) throw new Error(body.detail ?? `The local system answered ${response.status}`);
  return body;
}

/** Through the running `npm start`, else on a system of its own on the same data for the run (never a second one there). */
async function run(request: { name: string; at?: string }): Promise<{ outcome: ScheduleRunResult; where: string }> {
  const dataDir = defaultDataDir();
  const through = async (baseUrl: string) => ({ outcome: await runThrough(baseUrl, request), where: `through the local system at ${baseUrl}` });
  const running = await runningSystemUrl(dataDir);
  if (running) return through(running);
  let system;
  try {
    system = await startLocalSystem({ dataDir, log: runtimeLog('WARN') });
  } catch (error) {
    // An `npm start` began meanwhile: it is the one to ask.
    const started = error instanceof DataDirInUseError ? await runningSystemUrl(dataDir) : undefined;
    if (!started) throw error;
    return through(started);
  }
  try {
    return { outcome: await runThrough(system.baseUrl, request), where: `on ${dataDir}, no local system running` };
  } finally {
    await system.stop();
  }
}

try {
  const request = parseRequest(process.argv.slice(2));
  if (request) {
    const { outcome, where } = await run(request);
    process.stdout.write(`${outcome.schedule} ran as of ${outcome.scheduledTime}, ${where}:\n${JSON.stringify(outcome.result, null, 2)}\n`);
  } else {
    process.stdout.write(`${USAGE}\n`);
  }
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`${error instanceof JavaUnavailableError ? error.message : `The run failed: ${(error as Error).message}`}\n`);
    process.exitCode = 1;
  }
}
