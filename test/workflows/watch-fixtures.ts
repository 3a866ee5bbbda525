import * as path from 'node:path';
import {
  CloudWatchClient,
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
  type MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
import { CodeDeployClient, GetDeploymentCommand, StopDeploymentCommand } from '@aws-sdk/client-codedeploy';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { SSMClient, StartAutomationExecutionCommand } from '@aws-sdk/client-ssm';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach } from 'vitest';
import type { PreflightConfigInput } from '../../lambdas/core/config/schema';
import { executionName } from '../../lambdas/core/execution-name';
import { type ExtractedStateMachine, extractStateMachine } from '../harness/asl';
import { type LocalRunOptions, type LocalTask, runLocally } from '../harness/run';
import { synthPreflight } from '../harness/synth';
import { restoreEnvironment, saveEnvironment } from '../support/environment';
import { type S3Stub, stubS3 } from '../support/s3-stub';

/*
 * The synthesized watch state machine, run locally: every Lambda task is the real handler, AWS is
 * stubbed at the SDK clients. The harness freezes the clock at the execution's start and skips
 * waits; each step judges at the time its wait aimed for, so CloudWatch is answered from the time
 * range the handler asks for.
 */

export const START = new Date('2026-11-26T10:00:30Z');
const DEPLOYED_MIN = Date.parse('2026-11-26T10:01:00Z'); // first watched period
const MIN = 60_000;
export const DEPLOYMENT = 'd-4EXAMPLE1';
const ALB = { LoadBalancer: 'app/orders-alb/50dc6c495c0c9188' };
export const METRICS = {
  requests: { namespace: 'AWS/ApplicationELB', metricName: 'RequestCount', dimensions: ALB, stat: 'Sum' },
  errors: {
    namespace: 'AWS/ApplicationELB',
    metricName: 'HTTPCode_Target_5XX_Count',
    dimensions: ALB,
    stat: 'Sum',
  },
  latency: {
    namespace: 'AWS/ApplicationELB',
    metricName: 'TargetResponseTime',
    dimensions: ALB,
    stat: 'p99',
  },
  unhealthy_hosts: {
    namespace: 'AWS/ApplicationELB',
    metricName: 'UnHealthyHostCount',
    dimensions: ALB,
    stat: 'Maximum',
  },
  db_connection_errors: {
    namespace: 'Orders',
    metricName: 'DatabaseConnectionErrors',
    dimensions: { Service: 'orders-api' },
    stat: 'Sum',
  },
};
export const NOTIFY = { emails: ['oncall@example.com'], phoneNumbers: ['+15555550100'] };
export const INPUT = { deploymentId: DEPLOYMENT, service: 'orders', environment: 'prod' };
export const ORDERS_PROD = { applicationName: 'orders', deploymentGroupName: 'orders-prod' };
export const CODEDEPLOY = { action: 'codedeploy' as const, deploymentGroups: [ORDERS_PROD] };

/** A metric's value in the period starting at `t` (minutes since the first watched period), or none. */
export type Scenario = (id: string, minute: number) => number | undefined;

/** Every metric alive: the database error counter publishes its zeros (a silent one proves nothing). */
export const HEALTHY: Scenario = (id) =>
  ({ requests: 1000, errors: 5, latency: 0.1, unhealthy_hosts: 0, db_connection_errors: 0 })[
    id as 'requests'
  ];

/** Healthy, except `id` reads `value` from `fromMinute` on (for `periods` periods, or to the end). */
export const breaking =
  (id: string, value: number, fromMinute = 0, periods = Number.POSITIVE_INFINITY): Scenario =>
  (metric, minute) =>
    metric === id && minute >= fromMinute && minute < fromMinute + periods ? value : HEALTHY(metric, minute);

/*
 * The stubbed clients, made anew by `stubWatchAccount()` for each test file that calls it: the files
 * share one process and this module (vitest.config.mts), so a stub made once here would be restored
 * by the first file and missing in the next. Read where they are used (live bindings).
 */
export let s3: S3Stub;
export let cloudwatch: AwsClientStub<CloudWatchClient>;
export let dynamodb: AwsClientStub<DynamoDBClient>;
export let codedeploy: AwsClientStub<CodeDeployClient>;
export let lambdaClient: AwsClientStub<LambdaClient>;
export let ssm: AwsClientStub<SSMClient>;
// The stack's follow-up scheduler runs for real after a PROCEED; its client is stubbed like the rest.
export let scheduler: AwsClientStub<SchedulerClient>;

function answer(
  input: GetMetricDataCommandInput,
  scenario: Scenario,
): { MetricDataResults: MetricDataResult[] } {
  const from = (input.StartTime as Date).getTime();
  const to = (input.EndTime as Date).getTime();
  const results = (input.MetricDataQueries ?? [])
    .filter((q) => q.ReturnData !== false)
    .map((q) => {
      const period = (q.MetricStat?.Period ?? 60) * 1000;
      const timestamps: Date[] = [];
      const values: number[] = [];
      for (let t = from; t < to; t += period) {
        const value = scenario(q.Id as string, (t - DEPLOYED_MIN) / MIN);
        if (value === undefined) continue;
        timestamps.push(new Date(t));
        values.push(value);
      }
      return { Id: q.Id, Timestamps: timestamps, Values: values, StatusCode: 'Complete' as const };
    });
  return { MetricDataResults: results };
}

/** Answers GetMetricData from the scenario; `onCall(n)` runs before the n-th call (1-based) is answered. */
export function metricsFrom(scenario: Scenario, onCall?: (n: number) => void) {
  let calls = 0;
  cloudwatch.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => {
    calls += 1;
    onCall?.(calls);
    return answer(input, scenario);
  });
}

export function machineFor(config: PreflightConfigInput): ExtractedStateMachine {
  return extractStateMachine(
    synthPreflight({ notifications: NOTIFY, ...config }).template,
    'WatchStateMachine',
  );
}

export interface Output {
  deploymentId: string;
  decision: string;
  decidedAt: string;
  trigger: string | null;
  reason: string;
}

/** The execution name `preflight watch start` gives a watch of `input`: its deployment id's. */
function nameOf(input: Record<string, unknown>): string {
  const { deploymentId } = input;
  return typeof deploymentId === 'string' && /[A-Za-z0-9]/.test(deploymentId)
    ? executionName(deploymentId)
    : DEPLOYMENT;
}

/** Runs the watch locally, as an execution named by the input's deployment id unless `options` names it. */
export async function watch(
  machine: ExtractedStateMachine,
  input: Record<string, unknown> = INPUT,
  options: LocalRunOptions = {},
) {
  const run = await runLocally(machine, input as never, {
    startTime: START,
    name: nameOf(input),
    ...options,
  });
  return { ...run, output: run.output as unknown as Output | undefined };
}

export function historyKinds(): string[] {
  return dynamodb
    .commandCalls(PutItemCommand)
    .map((c) => (JSON.parse(c.args[0].input.Item?.event?.S ?? '{}') as { kind: string }).kind);
}

export function historyEvent(kind: string): Record<string, unknown> | undefined {
  return dynamodb
    .commandCalls(PutItemCommand)
    .map((c) => JSON.parse(c.args[0].input.Item?.event?.S ?? '{}') as Record<string, unknown>)
    .find((e) => e.kind === kind);
}

export function messages(run: { published: readonly { message: string }[] }, index = -1) {
  const published = run.published.at(index);
  return JSON.parse(published?.message ?? '{}') as { default: string; email: string; sms: string };
}

export function rollbackCalls(): number {
  return (
    codedeploy.commandCalls(StopDeploymentCommand).length +
    lambdaClient.commandCalls(InvokeCommand).length +
    ssm.commandCalls(StartAutomationExecutionCommand).length
  );
}

/**
 * Stubs the watch's AWS clients for the calling test file, restored after it: every test starts from
 * empty stubs (healthy AWS answers, no objects, no calls). Call once, at the file's top level.
 */
export function stubWatchAccount(): void {
  // The harness sets the functions' environment while the machine runs; the file's process is shared.
  const environmentBefore = saveEnvironment();
  s3 = stubS3();
  cloudwatch = mockClient(CloudWatchClient);
  dynamodb = mockClient(DynamoDBClient);
  codedeploy = mockClient(CodeDeployClient);
  lambdaClient = mockClient(LambdaClient);
  ssm = mockClient(SSMClient);
  scheduler = mockClient(SchedulerClient);
  beforeEach(resetWatchStubs);
  afterAll(() => {
    for (const mock of [s3.mock, cloudwatch, dynamodb, codedeploy, lambdaClient, ssm, scheduler])
      mock.restore();
    restoreEnvironment(environmentBefore);
  });
}

function resetWatchStubs(): void {
  s3.install();
  scheduler.reset();
  scheduler
    .on(CreateScheduleCommand)
    .resolves({ ScheduleArn: 'arn:aws:scheduler:us-east-1:123456789012:schedule/default/x' });
  cloudwatch.reset();
  dynamodb.reset();
  dynamodb.on(PutItemCommand).resolves({});
  codedeploy.reset();
  codedeploy
    .on(GetDeploymentCommand)
    .resolves({ deploymentInfo: { deploymentId: DEPLOYMENT, ...ORDERS_PROD } });
  codedeploy.on(StopDeploymentCommand).resolves({ status: 'Pending' });
  lambdaClient.reset();
  lambdaClient.on(InvokeCommand).resolves({ StatusCode: 200 });
  ssm.reset();
  ssm.on(StartAutomationExecutionCommand).resolves({ AutomationExecutionId: 'auto-1' });
}

/** The real handler of a Lambda task of `machine`, by its entry, to wrap in a task that also records. */
export function realTask(machine: ExtractedStateMachine, entry: string): LocalTask {
  const fn = [...machine.handlersByArn.values()].find((f) => f.entry === entry);
  if (fn === undefined) throw new Error(`no function with entry ${entry}`);
  return async (input) => {
    // Its environment is the run's (the harness sets the machine's once per run).
    const module = (await import(path.resolve(__dirname, '..', '..', fn.entry))) as {
      handler: (event: unknown, context: unknown) => Promise<never>;
    };
    return module.handler(input, {
      functionName: 'local',
      awsRequestId: 'local',
      getRemainingTimeInMillis: () => 60_000,
    });
  };
}

/** The report bucket's name as the functions of `machine` see it. */
export function bucketOf(machine: ExtractedStateMachine): string {
  const bucket = [...machine.handlersByArn.values()].find((fn) => fn.environment.REPORT_BUCKET)?.environment
    .REPORT_BUCKET;
  if (bucket === undefined) throw new Error('no function knows the report bucket');
  return bucket;
}
