import { JavaUnavailableError } from './java.ts';
import { defaultDataDir } from './paths.ts';
import { SCHEDULES_PATH } from './schedule-routes.ts';
import { OUTBOX_PATH } from './ses-outbox.ts';
import { startLocalSystem, type LocalSystem } from './system.ts';
import { DataDirInUseError } from './system-file.ts';

/** `npm start`: the whole back office on this machine, data persisted under `.data/`. */
const started = performance.now();
const port = Number(process.env.PORT ?? 3000);

let system: LocalSystem;
try {
  // COMPTOIR_SCHEDULE_CLOCK=off: schedules run only on demand (npm run schedule).
  system = await startLocalSystem({ port, dataDir: defaultDataDir(), scheduleClock: process.env.COMPTOIR_SCHEDULE_CLOCK !== 'off' });
} catch (error) {
  if (error instanceof JavaUnavailableError || error instanceof DataDirInUseError) console.error(error.message);
  else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') console.error(`Port ${port} is in use: stop what uses it or set PORT.`);
  else console.error(error);
  process.exit(1);
}

const readyMs = Math.round(performance.now() - started);
console.log(`
Comptoir is running locally (ready in ${(readyMs / 1000).toFixed(1)} s)
  API       ${system.baseUrl}
  Docs      ${system.baseUrl}/docs
  DynamoDB  ${system.dynamodbEndpoint} (data in ${defaultDataDir()})
  Outbox    ${system.baseUrl}${OUTBOX_PATH} (the e-mails sent: .eml files in ${system.outboxDir})
  Schedules ${system.baseUrl}${SCHEDULES_PATH} (run one: npm run schedule -- <name> [--at <ISO time>])
  Token     TOKEN=$(npm run -s token -- --role admin)    roles: admin, manager, agent, integration
            curl -H "Authorization: Bearer $TOKEN" ${system.baseUrl}/customers
Ctrl-C stops everything.
`);

/**
 * Ctrl-C signals the terminal's whole process group, and npm forwards the signal to its script as well: under npm
 * every Ctrl-C arrives twice, the forward within milliseconds or, on a loaded machine, seconds later. So one repeat
 * is expected under npm and none without it; a signal beyond that is a second Ctrl-C: the user is not waiting.
 */
const EXPECTED_REPEATS = process.env.npm_lifecycle_event === undefined ? 0 : 1;
let stopping = false;
let repeats = 0;
async function shutDown(signal: string): Promise<void> {
  if (stopping) {
    if (++repeats > EXPECTED_REPEATS) process.exit(1);
    return;
  }
  stopping = true;
  console.log(`${signal}: stopping`);
  await system.stop();
  console.log('Comptoir stopped.');
  process.exit(0);
}
process.on('SIGINT', (signal) => void shutDown(signal));
process.on('SIGTERM', (signal) => void shutDown(signal));
