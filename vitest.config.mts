import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Test files of pure domain logic (`lambdas/core`, tested with tables): no SDK, no clock, no
 * environment, nothing patched. They run without a fresh process and module graph per file, which
 * was most of their cost (103 files: 27 CPU s isolated, 4 s shared). biome.json keeps their imports
 * to `lambdas/core` and `lambdas/sample`, and `test/shared-process-setup.ts` fails a file that leaves the
 * process's shared state (environment, globals, built-ins, prototypes, fake timers) changed.
 */
const PURE_TESTS = ['test/core/**/*.test.ts'];

/**
 * The adapters' tests (`test/aws`), the handlers' (`test/handlers`) and the stack's (`test/lib`):
 * many files whose own tests are short, so a process and module graph per file (the SDK's clients,
 * aws-cdk-lib) was most of their cost (test/aws, 46 files: 37 CPU s isolated, 15 s shared; 10 files
 * of test/lib: 42 s, 25 s), and `synthPreflight` shares each configuration's synthesis between the
 * files of a worker. They stub SDK clients on the SDK's shared prototypes and set the handlers'
 * environment, so every file restores both in afterAll; `test/shared-process-setup.ts` fails a file
 * that leaves a client stubbed, the environment changed, a shared synthesis added to, or any other
 * shared state changed. Not the bundled SDK's comparison: it loads the handler from the sources
 * fresh, with its own environment, as the reference its bundle is held to.
 */
const SHARED_TESTS = [
  'test/aws/**/*.test.ts',
  'test/handlers/**/*.test.ts',
  'test/lib/*.test.ts',
  'test/lib/bundling/!(bundled-sdk).test.ts',
];

/**
 * The state machines' tests (`test/workflows`), under the same guard, in processes of their own: each
 * file imported aws-cdk-lib, the SDK, the harness and every handler anew (20 files: 115 CPU s
 * isolated, 62 s shared; import 56 s and 10 s). Their own processes because the functions keep
 * what they read from their environment at cold start (a report store's bucket, settings), as in
 * Lambda: the handlers' tests, run after a state machine's, would meet the stack's values. Not the
 * two that capture embedded metrics: Powertools Metrics reads POWERTOOLS_METRICS_DISABLED when the
 * function's module creates it, so they need fresh modules.
 */
const WORKFLOW_TESTS = ['test/workflows/!(audit-metrics|watch-metrics).test.ts'];

/**
 * The CLI's tests (`test/cli`), under the same guard, in processes of their own for the same reason:
 * those that run the CLI in-process stub the SDK like the others (38 files: 66 CPU s isolated, 53 s
 * shared; import 23 s); those that spawn it are unaffected. Not the history export's: it points the
 * CLI's DynamoDB client at a local endpoint through AWS_ENDPOINT_URL_DYNAMODB, which the SDK reads
 * when the client is created, so it needs a CLI module no earlier file has run.
 */
const CLI_TESTS = ['test/cli/!(history-export).test.ts', 'test/cli/history-export-input.test.ts'];

/** What every project shares (a project that `extends` the root would run its global setup again). */
const shared = {
  testTimeout: 30_000,
  hookTimeout: 60_000,
  pool: 'forks',
  // vitest's default leaves one core to itself, which on two cores means one file at a time while
  // most test files wait on child processes or I/O: two workers there took 202 s instead of 314 s.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  // What the code under test logs is shown with the test that failed, and only then.
  silent: 'passed-only',
  env: {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    // The handlers' logger writes through the global console, which the test runner captures.
    POWERTOOLS_DEV: 'true',
    // aws-cdk-lib's built-in CloudFormation schema validation runs at every synth (a WebAssembly
    // engine started per test file: 7 s of the first synth, 1 s of each after it) and only ever
    // reports warnings, which no test reads; `cdk synth` of the app still runs it.
    CDK_VALIDATION: 'false',
  },
} as const;

export default defineConfig({
  test: {
    ...shared,
    // Runs once for the whole run, before every project.
    globalSetup: ['test/global-setup.ts'],
    projects: [
      {
        test: {
          ...shared,
          name: 'pure',
          include: PURE_TESTS,
          isolate: false,
          setupFiles: ['test/shared-process-setup.ts'],
        },
      },
      // A process serves the files of one project only (vitest runs the projects one after another).
      ...(
        [
          ['shared', SHARED_TESTS],
          ['workflows', WORKFLOW_TESTS],
          ['cli', CLI_TESTS],
        ] as const
      ).map(([name, include]) => ({
        test: {
          ...shared,
          name,
          include: [...include],
          isolate: false,
          // The guard's afterAll registered before the DNS guard's, so the DNS guard's runs first.
          setupFiles: ['test/shared-process-setup.ts', 'test/setup.ts'],
        },
      })),
      {
        test: {
          ...shared,
          name: 'isolated',
          include: ['test/**/*.test.ts'],
          exclude: [
            ...configDefaults.exclude,
            ...PURE_TESTS,
            ...SHARED_TESTS,
            ...WORKFLOW_TESTS,
            ...CLI_TESTS,
          ],
          setupFiles: ['test/setup.ts'],
        },
      },
    ],
  },
});
