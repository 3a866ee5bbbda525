import { Duration } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { retryTransient } from '../workflow-steps';

/** State names, so that two machines (the audit and the fan-out's children) can each have the steps. */
export interface CheckStepNames {
  readonly map: string;
  readonly task: string;
  readonly failed: string;
}

export const AUDIT_CHECK_STEPS: CheckStepNames = {
  map: 'Run checks',
  task: 'Run check',
  failed: 'Record failed check',
};

/**
 * The checks of one run: a bounded inline Map over `$.audit.tasks` (one item per check and region,
 * account-wide checks once), one Lambda task each, retried on transient Lambda errors and on a
 * timeout once; a task that still fails is caught into `{checkId, task, taskError}`, which the report
 * step turns into an ERROR, never a pass. Results (pointers to S3) land in `$.results`.
 */
export function checkSteps(
  scope: Construct,
  checkFunction: lambda.IFunction,
  concurrency: number,
  names: CheckStepNames = AUDIT_CHECK_STEPS,
): sfn.Map {
  const runCheck = retryTransient(
    new tasks.LambdaInvoke(scope, names.task, {
      lambdaFunction: checkFunction,
      payloadResponseOnly: true,
      taskTimeout: sfn.Timeout.duration(Duration.minutes(6)),
    }),
  );
  runCheck.addRetry({ errors: ['States.Timeout'], maxAttempts: 1, interval: Duration.seconds(5) });
  runCheck.addCatch(
    new sfn.Pass(scope, names.failed, {
      parameters: {
        checkId: sfn.JsonPath.stringAt('$.task.checkId'),
        task: sfn.JsonPath.objectAt('$.task'),
        taskError: sfn.JsonPath.objectAt('$.taskError'),
      },
    }),
    { errors: ['States.ALL'], resultPath: '$.taskError' },
  );
  return new sfn.Map(scope, names.map, {
    itemsPath: '$.audit.tasks',
    maxConcurrency: concurrency,
    itemSelector: {
      task: sfn.JsonPath.objectAt('$$.Map.Item.Value'),
      // Each run judges as of its own start; a fan-out's child starts when its turn comes.
      now: sfn.JsonPath.stringAt('$$.Execution.StartTime'),
      // The run id the input step accepted: a fan-out's child is not named after its execution.
      runId: sfn.JsonPath.stringAt('$.audit.runId'),
      config: sfn.JsonPath.objectAt('$.config'),
      mode: sfn.JsonPath.stringAt('$.audit.mode'),
      targetRequest: sfn.JsonPath.objectAt('$.audit.targetRequest'),
      regions: sfn.JsonPath.listAt('$.audit.target.regions'),
    },
    resultPath: '$.results',
  }).itemProcessor(runCheck);
}
