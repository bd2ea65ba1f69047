import { globSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Projects keep the suite fast as it grows (DESIGN §8); `--project <name>` runs one of them (`'unit*'` both unit ones).
 * - unit, contract, infra: what needs no DynamoDB (test/unit, test/contract, test/infra). No isolation: a worker
 *   loads the module graph once for all its files, which change no global state. Forks, not threads: CDK bundling
 *   hands its own stdio to esbuild, which a worker thread cannot.
 * - unit-isolated: the files that patch AWS SDK clients with aws-sdk-client-mock, found by their import. The patch
 *   stays on the client's prototype, so each of these files gets a module graph of its own.
 * - integration, api, fuzz: against one DynamoDB Local for the whole run (test/support/dynamodb-local.ts), each file
 *   on a table of its own. Each file keeps its own process: the local system sets the environment that the
 *   composition root reads once, at its first handler, and the fuzz harness patches the SDK clients' prototypes.
 */
const WITHOUT_DYNAMODB = ['unit', 'contract', 'infra'];
const filesOf = (directory: string) => [`test/${directory}/**/*.test.ts`];
const MOCKS_AWS_CLIENTS = globSync(WITHOUT_DYNAMODB.flatMap(filesOf)).filter((file) => readFileSync(file, 'utf8').includes("from 'aws-sdk-client-mock'"));

/**
 * The projects, heaviest first. Vitest's own order runs project after project by name, and on a fresh clone it
 * has no durations to go by, only file sizes: the two fuzz shards (over a minute each, as long as everything else
 * together on two cores) ran last, with one core idle at the end. Within a project Vitest's order stays.
 */
const HEAVIEST_FIRST = ['fuzz', 'api', 'integration', 'infra', 'contract', 'unit-isolated', 'unit'];
class HeaviestProjectsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => HEAVIEST_FIRST.indexOf(file.project.name);
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

const withoutDynamoDb = (name: string): TestProjectInlineConfiguration => ({
  test: { name, include: filesOf(name), exclude: MOCKS_AWS_CLIENTS, pool: 'forks', isolate: false },
});
const onDynamoDbLocal = (name: string): TestProjectInlineConfiguration => ({
  test: { name, include: filesOf(name), globalSetup: ['test/support/dynamodb-local.ts'], pool: 'forks', isolate: true },
});

export default defineConfig({
  test: {
    projects: [
      ...WITHOUT_DYNAMODB.map(withoutDynamoDb),
      { test: { name: 'unit-isolated', include: MOCKS_AWS_CLIENTS, pool: 'forks', isolate: true } },
      ...['integration', 'api', 'fuzz'].map(onDynamoDbLocal),
    ],
    sequence: { sequencer: HeaviestProjectsFirst },
    // Vitest keeps a core for its main process by default (1 worker on 2 cores), which idles while files run.
    maxWorkers: availableParallelism(),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT' },
  },
});
