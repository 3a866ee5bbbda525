import { Duration } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { type CheckFamily, FAMILY_NAMES, familyCheckIds } from '../../lambdas/core/checks/catalogue';
import { retryTransient } from '../workflow-steps';

/** State names, so that two machines (the audit and the fan-out's children) can each have the steps. */
export interface CheckStepNames {
  readonly map: string;
  /** The Choice that sends each check to its family's function. */
  readonly route: string;
  /** The family's task is named `<task> (<family>)`. */
  readonly task: string;
  readonly failed: string;
  /** Reached only by a check id no family serves (the input step refuses those first). */
  readonly unrouted: string;
}

export const AUDIT_CHECK_STEPS: CheckStepNames = {
  map: 'Run checks',
  route: 'Which check function?',
  task: 'Run check',
  failed: 'Record failed check',
  unrouted: 'No check function',
};

/** The name of the task state that runs `family`'s checks. */
export const familyTaskName = (names: CheckStepNames, family: CheckFamily) => `${names.task} (${family})`;

/** Each family's check function. */
export type CheckFunctions = { readonly [Family in CheckFamily]: lambda.IFunction };

/**
 * The checks of one run: a bounded inline Map over `$.audit.tasks` (one item per check and region,
 * account-wide checks once); a Choice on the check id sends each item to its family's function
 * (which bundles only that family's SDK clients), one Lambda task each, retried on transient Lambda
 * errors and on a timeout once; a task that still fails is caught into `{checkId, task, taskError}`,
 * which the report step turns into an ERROR, never a pass, and so is a check no family serves.
 * Results (pointers to S3) land in `$.results`.
 */
export function checkSteps(
  scope: Construct,
  functions: CheckFunctions,
  concurrency: number,
  names: CheckStepNames = AUDIT_CHECK_STEPS,
): sfn.Map {
  const failed = new sfn.Pass(scope, names.failed, {
    parameters: {
      checkId: sfn.JsonPath.stringAt('$.task.checkId'),
      task: sfn.JsonPath.objectAt('$.task'),
      taskError: sfn.JsonPath.objectAt('$.taskError'),
    },
  });
  const unrouted = new sfn.Pass(scope, names.unrouted, {
    parameters: {
      Error: 'UnroutedCheck',
      Cause: sfn.JsonPath.format(
        'No check function serves the check {}',
        sfn.JsonPath.stringAt('$.task.checkId'),
      ),
    },
    resultPath: '$.taskError',
  }).next(failed);
  const route = new sfn.Choice(scope, names.route);
  for (const family of FAMILY_NAMES) {
    const runCheck = retryTransient(
      new tasks.LambdaInvoke(scope, familyTaskName(names, family), {
        lambdaFunction: functions[family],
        payloadResponseOnly: true,
        taskTimeout: sfn.Timeout.duration(Duration.minutes(6)),
      }),
    );
    runCheck.addRetry({ errors: ['States.Timeout'], maxAttempts: 1, interval: Duration.seconds(5) });
    runCheck.addCatch(failed, { errors: ['States.ALL'], resultPath: '$.taskError' });
    const ids = familyCheckIds(family).map((id) => sfn.Condition.stringEquals('$.task.checkId', id));
    route.when(ids.length === 1 ? (ids[0] as sfn.Condition) : sfn.Condition.or(...ids), runCheck);
  }
  route.otherwise(unrouted);
  return new sfn.Map(scope, names.map, {
    itemsPath: '$.audit.tasks',
    maxConcurrency: concurrency,
    itemSelector: {
      task: sfn.JsonPath.objectAt('$$.Map.Item.Value'),
      // Each run judges as of its own start; a fan-out's child starts when its turn comes.
      now: sfn.JsonPath.stringAt('$$.Execution.StartTime'),
      // The run id the input step accepted: a fan-out's child is not named after its execution.
      runId: sfn.JsonPath.stringAt('$.audit.runId'),
      // The input step's output, never the caller's: the target it resolved from the configuration.
      target: sfn.JsonPath.objectAt('$.audit.checkTarget'),
      regions: sfn.JsonPath.listAt('$.audit.target.regions'),
    },
    resultPath: '$.results',
  }).itemProcessor(route);
}
