import { parseArgs } from 'node:util';
import { DEFAULT_TOKEN_TTL_SECONDS, DEV_ROLES, isDevRole, loadOrCreateDevKey, signDevToken } from './dev-auth.ts';
import { defaultDataDir } from './paths.ts';

const USAGE = `Usage: npm run -s token -- --role <${DEV_ROLES.join('|')}> [--sub <id>] [--ttl <seconds>]

Prints a bearer token for the local API (signed with the dev key under .data/, or $COMPTOIR_DATA_DIR).
  --role  admin, manager and agent are user-pool groups; integration is a client-credentials client
  --sub   the user id (or client id for integration); defaults to local-<role>
  --ttl   lifetime in seconds; defaults to ${DEFAULT_TOKEN_TTL_SECONDS} (12 h)

Example: TOKEN=$(npm run -s token -- --role admin)`;

class UsageError extends Error {}

function parseRequest(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { role: { type: 'string' }, sub: { type: 'string' }, ttl: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { role, sub, ttl, help } = parsed.values;
  if (help) return undefined;
  if (!role) throw new UsageError('--role is required');
  if (!isDevRole(role)) throw new UsageError(`--role must be one of ${DEV_ROLES.join(', ')}`);
  const ttlSeconds = ttl === undefined ? DEFAULT_TOKEN_TTL_SECONDS : Number(ttl);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) throw new UsageError('--ttl must be a positive whole number of seconds');
  if (sub !== undefined && sub.trim() === '') throw new UsageError('--sub must not be empty');
  return { role, sub: sub ?? `local-${role}`, ttlSeconds };
}

try {
  const request = parseRequest(process.argv.slice(2));
  if (request) {
    const key = await loadOrCreateDevKey(defaultDataDir());
    process.stdout.write(`${await signDevToken(key, request)}\n`);
  } else {
    process.stdout.write(`${USAGE}\n`);
  }
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`${error.message}\n\n${USAGE}\n`);
  process.exitCode = 2;
}
