import type { AwsClientOptions } from '../../../lambdas/aws/client-config';
import { Executions, executionArnFor } from '../../../lambdas/aws/executions';
import { reportKeys, S3ReportStore } from '../../../lambdas/aws/report-store';
import type { AwsFlags } from '../aws-options';
import { type AwsSetup, regionOfArn, resolveAwsSetup } from '../aws-setup';
import { type ControlOptions, callControl, reportReply } from '../control';
import { executionName } from '../execution-name';
import { EXIT } from '../exit-codes';
import { elapsedSeconds, followExecution } from '../follow-execution';
import { assertSameRequest } from '../same-request';
import { stateMachineArnFrom } from '../state-machine-arn';
import { checkedDeploymentId, type WatchStartFlags, watchInputFor } from '../watch-input';

type WatchFormat = 'text' | 'json';

interface WatchAwsOptions extends AwsFlags {
  stateMachineArn?: string;
  bucket?: string;
}

export interface StartOptions extends WatchAwsOptions, WatchStartFlags {
  wait?: boolean;
  format: WatchFormat;
  pollSeconds: number;
}

export interface StatusOptions extends WatchAwsOptions {
  deploymentId: string;
  format: WatchFormat;
}

export interface AbortOptions extends ControlOptions {
  deploymentId: string;
  reason: string;
  note?: string;
}

/** What the watch state machine returns. */
interface WatchOutput {
  deploymentId: string;
  decision: 'PROCEED' | 'ROLLBACK' | 'INCONCLUSIVE';
  decidedAt: string | null;
  trigger: string | null;
  reason: string;
}

const DECISION_EXIT: Readonly<Record<string, number>> = {
  PROCEED: EXIT.PASS,
  ROLLBACK: EXIT.FAIL,
  INCONCLUSIVE: EXIT.ERROR,
};

function stateMachineArn(options: WatchAwsOptions): string {
  return stateMachineArnFrom(options.stateMachineArn, {
    envVar: 'PREFLIGHT_WATCH_STATE_MACHINE_ARN',
    stackOutput: 'WatchStateMachineArn',
    what: 'watch state machine',
  });
}

/** AWS for a watch command: the profile, the region of the state machine ARN (or `--region`), credentials. */
function awsFor(options: WatchAwsOptions, arn: string): Promise<AwsSetup> {
  const arnRegion = regionOfArn(arn);
  return resolveAwsSetup({
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    ...(arnRegion === undefined ? {} : { regionOf: { region: arnRegion, from: '--state-machine-arn' } }),
  });
}

function bucketName(options: WatchAwsOptions): string | undefined {
  return options.bucket ?? process.env.PREFLIGHT_REPORT_BUCKET;
}

const decisionLine = (output: WatchOutput) =>
  `${output.decision}${output.trigger ? ` (${output.trigger})` : ''} at ${output.decidedAt ?? 'unknown time'}: ${output.reason}\n`;

/** The decision line, then the stored evidence (every trigger's values) when the bucket is known. */
async function printDecision(
  output: WatchOutput,
  options: StartOptions,
  aws: AwsClientOptions,
): Promise<void> {
  const bucket = bucketName(options);
  const evidence =
    bucket === undefined
      ? undefined
      : await S3ReportStore.create(bucket, aws)
          .getJson<{ summary?: string; outcomes?: unknown }>(reportKeys.watchDecision(output.deploymentId))
          .catch((error: Error) => {
            process.stderr.write(`could not fetch the evidence (${error.message}); showing the decision\n`);
            return undefined;
          });
  if (options.format === 'json') {
    const full = evidence?.outcomes === undefined ? output : { ...output, outcomes: evidence.outcomes };
    process.stdout.write(`${JSON.stringify(full, null, 2)}\n`);
    return;
  }
  if (evidence?.summary !== undefined) {
    process.stdout.write(evidence.summary);
    return;
  }
  process.stdout.write(decisionLine(output));
  if (bucket === undefined) {
    process.stderr.write("pass --bucket or set PREFLIGHT_REPORT_BUCKET to print every trigger's evidence\n");
  }
}

/** Runs `preflight watch start`: checked as the state machine checks it, then AWS set up, then started. */
export async function runWatchStart(options: StartOptions): Promise<void> {
  // Checked before any AWS call: a rejected run would burn the name.
  const input = watchInputFor(options);
  const arn = stateMachineArn(options);
  const name = executionName(input.deploymentId);
  const aws = await awsFor(options, arn);
  const executions = Executions.create(aws.client);
  const { executionArn, existed } = await executions.start(arn, name, input);
  if (existed) {
    // Someone may have taken the name first with another watch (one minute long, say).
    assertSameRequest(await executions.describe(executionArn), name, 'watch', [
      { field: 'service', expected: input.service },
      { field: 'environment', expected: input.environment },
      { field: 'deploymentId', expected: input.deploymentId },
      { field: 'minutes', expected: input.minutes, undefinedReads: 'the configured length' },
    ]);
  }
  process.stderr.write(`${existed ? 'already watching' : 'watching'}: ${executionArn}\n`);
  if (!options.wait) {
    process.stdout.write(
      `${JSON.stringify({ deploymentId: options.deploymentId, executionArn, existed })}\n`,
    );
    return;
  }
  const end = await followExecution(executions, executionArn, options.pollSeconds, 'watching');
  if (end.status !== 'SUCCEEDED') {
    process.stderr.write(`the watch did not finish: ${end.status} ${end.error ?? ''} ${end.cause ?? ''}\n`);
    process.exitCode = EXIT.ERROR;
    return;
  }
  const output = end.output as WatchOutput;
  await printDecision(output, options, aws.client);
  process.exitCode = DECISION_EXIT[output.decision] ?? EXIT.ERROR;
}

/** Runs `preflight watch status`. */
export async function runWatchStatus(options: StatusOptions): Promise<void> {
  const deploymentId = checkedDeploymentId(options.deploymentId);
  const arn = stateMachineArn(options);
  const executionArn = executionArnFor(arn, executionName(deploymentId));
  const aws = await awsFor(options, arn);
  const executions = Executions.create(aws.client);
  const view = await executions.describe(executionArn).catch((error: Error & { code?: string }) => {
    if (error.code === 'ExecutionDoesNotExist') {
      throw new Error(`No watch for deployment ${options.deploymentId}.`);
    }
    throw error;
  });
  const output = view.output as WatchOutput | undefined;
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
    return;
  }
  if (view.status === 'RUNNING') {
    const since = view.startedAt === undefined ? '' : ` since ${view.startedAt}`;
    process.stdout.write(`RUNNING${since} (${elapsedSeconds(view, Date.now(), Date.now())} s)\n`);
  } else if (output !== undefined) {
    process.stdout.write(decisionLine(output));
  } else process.stdout.write(`${view.status}: ${view.error ?? ''} ${view.cause ?? ''}\n`);
}

/** Runs `preflight watch abort` through the control endpoint. */
export async function runWatchAbort(options: AbortOptions): Promise<void> {
  const reply = await callControl(
    {
      action: 'abort',
      deploymentId: options.deploymentId,
      reason: options.reason,
      ...(options.note === undefined ? {} : { note: options.note }),
    },
    options,
  );
  reportReply(reply);
}
