import { App, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { ActEnvironment, WatchEnvironment } from '../../lambdas/handlers/watch/env';
import { BY_STEP_FUNCTIONS, PreflightFunction } from '../../lib/preflight-function';

/*
 * A function's environment prop is typed by its handler's schema. The `@ts-expect-error` lines are
 * checked by `npm run typecheck` (tsc over the tests): were a missing, misspelled or unknown variable
 * accepted, the directive would be unused and the type check would fail. The values the stack knows
 * at synth are also checked by the same schema when the construct is created.
 */

const ENTRY = 'lambdas/handlers/watch/evaluate.ts';

function stack(): Stack {
  // Bundling skipped: only the construct's own checks run.
  return new Stack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Test');
}

const base = { entry: ENTRY, description: 'test', invocation: BY_STEP_FUNCTIONS } as const;

/** Compiled, never run: each call must be refused by the type checker. */
function refusedAtCompileTime(scope: Stack): void {
  new PreflightFunction(scope, 'Missing', {
    ...base,
    environmentSchema: WatchEnvironment,
    // @ts-expect-error HISTORY_TABLE is missing
    environment: { REPORT_BUCKET: 'reports' },
  });
  new PreflightFunction(scope, 'Misspelled', {
    ...base,
    environmentSchema: WatchEnvironment,
    // @ts-expect-error HISTORY_TABEL is not a variable of the watch functions (HISTORY_TABLE is missing)
    environment: { REPORT_BUCKET: 'reports', HISTORY_TABEL: 'history' },
  });
  new PreflightFunction(scope, 'Unknown', {
    ...base,
    environmentSchema: WatchEnvironment,
    // @ts-expect-error ALERT_TOPIC_ARN is not read by the watch functions
    environment: { REPORT_BUCKET: 'reports', HISTORY_TABLE: 'history', ALERT_TOPIC_ARN: 'arn:aws:sns:x' },
  });
  new PreflightFunction(scope, 'OtherSchema', {
    ...base,
    environmentSchema: ActEnvironment,
    // @ts-expect-error the act function also needs HOME_ACCOUNT and HOME_REGION
    environment: { REPORT_BUCKET: 'reports', HISTORY_TABLE: 'history' },
  });
}

// Referenced, so the type checker keeps checking it.
void refusedAtCompileTime;

describe("a function's environment", () => {
  it('accepts exactly the variables its handler reads', () => {
    const fn = new PreflightFunction(stack(), 'Evaluate', {
      ...base,
      environmentSchema: WatchEnvironment,
      environment: { REPORT_BUCKET: 'reports', HISTORY_TABLE: 'history' },
    });
    expect(fn.functionName).toBeDefined();
  });

  it('refuses at synth a value known then that its handler would refuse at cold start', () => {
    expect(
      () =>
        new PreflightFunction(stack(), 'Act', {
          ...base,
          entry: 'lambdas/handlers/watch/act.ts',
          environmentSchema: ActEnvironment,
          environment: {
            REPORT_BUCKET: 'reports',
            HISTORY_TABLE: 'history',
            HOME_ACCOUNT: 'my-account',
            HOME_REGION: 'eu-west-1',
          },
        }),
    ).toThrow(
      'Function Act: environment variable HOME_ACCOUNT="my-account" is not what its handler (watch act) accepts',
    );
  });
});
