import { Aws, Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { ImportFindingsEnvironment } from '../lambdas/handlers/audit/env';
import { BY_STEP_FUNCTIONS, PreflightFunction } from './preflight-function';
import type { IReportBucket } from './report-bucket';
import { countFailure, failureCountMetric, NOTIFICATIONS_FAILED, retryTransient } from './workflow-steps';

/*
 * The optional Security Hub import (`integrations.securityHub`): a function that sends a run's
 * findings to the account's default Security Hub product with BatchImportFindings, and the states
 * that call it after the report, before the notification. It fails open: a failed import (the call,
 * or findings Security Hub refused) is counted in Preflight/FindingsImportFailed (alarmed) and the
 * run goes on, with the verdict it had.
 */

/** The metric a workflow adds 1 to for every run whose findings were not all imported (dimension Workflow). */
export const FINDINGS_IMPORT_FAILED = {
  namespace: NOTIFICATIONS_FAILED.namespace,
  metricName: 'FindingsImportFailed',
} as const;

/** The account's default Security Hub product, the only one Preflight may import into. */
export const DEFAULT_PRODUCT_ARN = `arn:${Aws.PARTITION}:securityhub:${Aws.REGION}:${Aws.ACCOUNT_ID}:product/${Aws.ACCOUNT_ID}/default`;

export interface SecurityHubImportProps {
  /** Where the reports are read and the memory of what was sent is kept (`security-hub/*`). */
  readonly reportBucket: IReportBucket;
  /** Where Preflight's docs are published, for the remediation links. @default no link */
  readonly docsUrl?: string;
}

export class SecurityHubImport extends Construct {
  readonly function: PreflightFunction;

  constructor(scope: Construct, id: string, props: SecurityHubImportProps) {
    super(scope, id);
    this.function = new PreflightFunction(this, 'ImportFindings', {
      entry: 'lambdas/handlers/audit/import-findings.ts',
      description: "Preflight: imports a run's findings into Security Hub (ASFF, stable ids)",
      environmentSchema: ImportFindingsEnvironment,
      environment: {
        REPORT_BUCKET: props.reportBucket.bucket.bucketName,
        PRODUCT_ARN: DEFAULT_PRODUCT_ARN,
        DOCS_URL: props.docsUrl ?? '',
      },
      timeout: Duration.minutes(2),
      memorySize: 512,
      invocation: BY_STEP_FUNCTIONS,
    });
    // The default product of Preflight's own account and region: BatchImportFindings with the
    // default product only accepts findings whose AwsAccountId is the caller's account anyway.
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['securityhub:BatchImportFindings'],
        resources: [DEFAULT_PRODUCT_ARN],
      }),
    );
    const role = this.function.role as iam.IRole;
    props.reportBucket.grantObjects(role, ['s3:GetObject'], ['runs/*/report.json']);
    props.reportBucket.grantObjects(role, ['s3:GetObject', 's3:PutObject'], ['security-hub/*']);
  }

  /** One workflow's runs whose findings were not all imported, summed over 5 minutes. */
  static failedMetric(workflow: string): cloudwatch.Metric {
    return failureCountMetric(FINDINGS_IMPORT_FAILED, workflow);
  }

  /**
   * `<id>` (invoke the function with the run id at `runIdPath`) then `next`. The import's result is
   * kept in `$.securityHub`; a failed invocation in `$.securityHubError`; either way, a run with a
   * finding not imported is counted once (Preflight/FindingsImportFailed) before `next`.
   */
  steps(scope: Construct, id: string, props: { runIdPath: string; workflow: string; next: sfn.IChainable }) {
    const count = countFailure(
      scope,
      `Count failed ${id}`,
      FINDINGS_IMPORT_FAILED,
      props.workflow,
      '$.securityHubCountError',
      props.next,
    );
    const invoke = retryTransient(
      new tasks.LambdaInvoke(scope, id, {
        lambdaFunction: this.function,
        payload: sfn.TaskInput.fromObject({
          runId: sfn.JsonPath.stringAt(props.runIdPath),
          // What the report step returned, and whose run it is: the report read back must agree.
          outcome: {
            verdict: sfn.JsonPath.stringAt('$.outcome.verdict'),
            counts: sfn.JsonPath.objectAt('$.outcome.counts'),
            blockingItems: sfn.JsonPath.listAt('$.outcome.blockingItems'),
          },
          target: sfn.JsonPath.objectAt('$.audit.target'),
        }),
        payloadResponseOnly: true,
        resultPath: '$.securityHub',
      }),
    );
    invoke.addCatch(count, { errors: ['States.ALL'], resultPath: '$.securityHubError' });
    return invoke.next(
      new sfn.Choice(scope, `${id}: all taken?`)
        .when(sfn.Condition.numberGreaterThan('$.securityHub.failed', 0), count)
        .otherwise(props.next),
    );
  }
}
