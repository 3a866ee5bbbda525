import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import type { GateSettings } from '../../lambdas/core/config/gate-schema';

/** Seconds between two looks at a running backup job. */
const POLL_SECONDS = 60;

/**
 * Phase 1 database preparation: for each configured database, start an on-demand AWS Backup job
 * and poll it until it ends or the configured time runs out. Each target yields a plain record
 * (`{resourceArn, backupJobId, description}`, `{..., timedOut}` or `{..., error}`) that the report
 * step judges; nothing here fails the execution.
 *
 * The machine may start backups only into the configured vaults (StartBackupJob authorizes on the
 * backup vault) and pass only the configured roles, only to AWS Backup. Without targets there is no
 * such step at all: the audit workflow leaves it out.
 */
export function preDeploymentBackupSteps(
  scope: Construct,
  settings: GateSettings['preDeploymentBackup'],
): sfn.Map {
  if (settings.targets.length === 0) {
    throw new Error('Pre-deployment backup steps need at least one configured target.');
  }
  const stack = Stack.of(scope);
  const maxPolls = Math.ceil((settings.timeoutMinutes * 60) / POLL_SECONDS);
  const vaults = [...new Set(settings.targets.map((t) => t.backupVaultName))].map((name) =>
    stack.formatArn({
      service: 'backup',
      resource: 'backup-vault',
      resourceName: name,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    }),
  );

  const failedToStart = new sfn.Pass(scope, 'Backup could not start', {
    parameters: {
      resourceArn: sfn.JsonPath.stringAt('$.target.resourceArn'),
      error: sfn.JsonPath.objectAt('$.error'),
    },
  });
  const start = new tasks.CallAwsService(scope, 'Start backup job', {
    service: 'backup',
    action: 'startBackupJob',
    iamAction: 'backup:StartBackupJob',
    parameters: {
      BackupVaultName: sfn.JsonPath.stringAt('$.target.backupVaultName'),
      ResourceArn: sfn.JsonPath.stringAt('$.target.resourceArn'),
      IamRoleArn: sfn.JsonPath.stringAt('$.target.iamRoleArn'),
      IdempotencyToken: sfn.JsonPath.stringAt('$.token'),
      StartWindowMinutes: 60,
    },
    iamResources: vaults,
    additionalIamStatements: [
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [...new Set(settings.targets.map((t) => t.iamRoleArn))],
        conditions: { StringEquals: { 'iam:PassedToService': 'backup.amazonaws.com' } },
      }),
    ],
    resultSelector: { backupJobId: sfn.JsonPath.stringAt('$.BackupJobId') },
    resultPath: '$.job',
  });
  start.addRetry({
    errors: ['Backup.ThrottlingException', 'Backup.ServiceUnavailableException'],
    maxAttempts: 4,
    backoffRate: 2,
  });
  start.addCatch(failedToStart, { errors: ['States.ALL'], resultPath: '$.error' });

  const wait = new sfn.Wait(scope, 'Wait for backup', {
    time: sfn.WaitTime.duration(Duration.seconds(POLL_SECONDS)),
  });
  const describe = new tasks.CallAwsService(scope, 'Describe backup job', {
    service: 'backup',
    action: 'describeBackupJob',
    iamAction: 'backup:DescribeBackupJob',
    parameters: { BackupJobId: sfn.JsonPath.stringAt('$.job.backupJobId') },
    iamResources: ['*'],
    resultPath: '$.description',
  });
  describe.addRetry({
    errors: ['States.ALL'],
    maxAttempts: 5,
    backoffRate: 2,
    interval: Duration.seconds(5),
  });
  describe.addCatch(failedToStart, { errors: ['States.ALL'], resultPath: '$.error' });

  const finished = new sfn.Pass(scope, 'Backup finished', {
    parameters: {
      resourceArn: sfn.JsonPath.stringAt('$.target.resourceArn'),
      backupJobId: sfn.JsonPath.stringAt('$.job.backupJobId'),
      description: sfn.JsonPath.objectAt('$.description'),
    },
  });
  const timedOut = new sfn.Pass(scope, 'Backup wait timed out', {
    parameters: {
      resourceArn: sfn.JsonPath.stringAt('$.target.resourceArn'),
      backupJobId: sfn.JsonPath.stringAt('$.job.backupJobId'),
      timedOut: true,
    },
  });
  const countPoll = new sfn.Pass(scope, 'Count backup poll', {
    parameters: {
      target: sfn.JsonPath.objectAt('$.target'),
      token: sfn.JsonPath.stringAt('$.token'),
      job: sfn.JsonPath.objectAt('$.job'),
      polls: sfn.JsonPath.mathAdd(sfn.JsonPath.numberAt('$.polls'), 1),
    },
  });
  const ended = new sfn.Choice(scope, 'Backup ended?')
    .when(
      sfn.Condition.or(
        ...['COMPLETED', 'FAILED', 'ABORTED', 'EXPIRED', 'PARTIAL'].map((s) =>
          sfn.Condition.stringEquals('$.description.State', s),
        ),
      ),
      finished,
    )
    .when(sfn.Condition.numberGreaterThanEquals('$.polls', maxPolls), timedOut)
    .otherwise(countPoll);
  countPoll.next(wait);

  return new sfn.Map(scope, 'Pre-deployment backup', {
    itemsPath: '$.audit.backupTargets',
    itemSelector: {
      target: sfn.JsonPath.objectAt('$$.Map.Item.Value'),
      token: sfn.JsonPath.format(
        '{}-{}',
        sfn.JsonPath.stringAt('$$.Execution.Name'),
        sfn.JsonPath.stringAt('$$.Map.Item.Index'),
      ),
      polls: 0,
    },
    resultPath: '$.backups',
  }).itemProcessor(start.next(wait).next(describe).next(ended));
}
