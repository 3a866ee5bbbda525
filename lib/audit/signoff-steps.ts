import { Duration } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';

/**
 * Sign-offs: one callback task per required role, all at once. Each calls the request function with
 * a task token and waits until the control endpoint releases it (SendTaskSuccess on an approval,
 * SendTaskFailure `SignoffRejected` on a rejection) or the timeout passes. A released task keeps its
 * role from the Map item (`{role, ..., answer}`), so what it was released with cannot rename it; a
 * rejection or timeout becomes `{role, taskError}`. The report step judges each role on the answer
 * the endpoint recorded; the execution itself goes on.
 */
export function signoffSteps(
  scope: Construct,
  requestFunction: lambda.IFunction,
  timeoutMinutes: number,
): sfn.Map {
  const request = new tasks.LambdaInvoke(scope, 'Request sign-off', {
    lambdaFunction: requestFunction,
    integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
    payload: sfn.TaskInput.fromObject({
      taskToken: sfn.JsonPath.taskToken,
      runId: sfn.JsonPath.stringAt('$.runId'),
      service: sfn.JsonPath.stringAt('$.service'),
      environment: sfn.JsonPath.stringAt('$.environment'),
      role: sfn.JsonPath.stringAt('$.role'),
      label: sfn.JsonPath.stringAt('$.label'),
      reportLocation: sfn.JsonPath.stringAt('$.reportLocation'),
      timeoutMinutes,
    }),
    taskTimeout: sfn.Timeout.duration(Duration.minutes(timeoutMinutes)),
    resultPath: '$.answer',
  });
  request.addCatch(
    new sfn.Pass(scope, 'Record unanswered sign-off', {
      parameters: { role: sfn.JsonPath.stringAt('$.role'), taskError: sfn.JsonPath.objectAt('$.taskError') },
    }),
    { errors: ['States.ALL'], resultPath: '$.taskError' },
  );
  return new sfn.Map(scope, 'Collect sign-offs', {
    itemsPath: '$.outcome.signoffRoles',
    itemSelector: {
      role: sfn.JsonPath.stringAt('$$.Map.Item.Value'),
      runId: sfn.JsonPath.stringAt('$.audit.runId'),
      service: sfn.JsonPath.stringAt('$.audit.target.service'),
      environment: sfn.JsonPath.stringAt('$.audit.target.environment'),
      label: sfn.JsonPath.stringAt('$.audit.label'),
      reportLocation: sfn.JsonPath.stringAt('$.outcome.reportLocation.json'),
    },
    resultPath: '$.signoffs',
  }).itemProcessor(request);
}
