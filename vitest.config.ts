import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/dynamodb-local.ts'],
    // aws-sdk-client-mock patches clients per module graph: keep files isolated (DESIGN §3).
    isolate: true,
    pool: 'forks',
    // Vitest keeps a core for its main process by default (1 worker on 2 cores), which idles while files run.
    maxWorkers: availableParallelism(),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT' },
  },
});
