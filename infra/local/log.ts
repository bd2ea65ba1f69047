export type LogLine = (entry: Record<string, unknown>) => void;

const QUIET_LEVELS = new Set(['WARN', 'ERROR', 'CRITICAL', 'SILENT']);

/**
 * The local runtime's own log: one JSON line per entry on stdout, like a Lambda's in CloudWatch.
 * Info lines follow the handlers' POWERTOOLS_LOG_LEVEL (the tests set SILENT); errors always show,
 * since they are the only place a failed invocation's details appear.
 */
export function runtimeLog(level = process.env.POWERTOOLS_LOG_LEVEL?.toUpperCase()): LogLine {
  const quiet = level !== undefined && QUIET_LEVELS.has(level);
  return (entry) => {
    if (quiet && entry.level !== 'error') return;
    process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
  };
}
