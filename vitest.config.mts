import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
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
  },
});
