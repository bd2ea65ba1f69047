import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/dynamodb-local.ts'],
    // aws-sdk-client-mock patches clients per module graph: keep files isolated (DESIGN §3).
    isolate: true,
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT' },
  },
});
