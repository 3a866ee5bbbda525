import { type Command, InvalidArgumentError } from 'commander';
import { Executions, executionArnFor } from '../../lambdas/aws/executions';
import { reportKeys, S3ReportStore } from '../../lambdas/aws/report-store';
import { MAX_NOTE_BYTES } from '../../lambdas/core/control/request';
import { ABORT_REASONS } from '../../lambdas/core/watch/model';
import { type ControlOptions, callControl, reportReply, withControlOptions } from './control';
import { executionName } from './execution-name';
import { EXIT } from './exit-codes';
import { elapsedSeconds, followExecution } from './follow-execution';
import { parsePositiveInt } from './options';
import { assertSameRequest } from './same-request';
import { UsageError } from './usage-error';
import { checkedDeploymentId, type WatchStartFlags, watchInputFor } from './watch-input';

/*
 * `preflight watch start|status|abort`: the deployment watch from a pipeline or a terminal. The
 * deployment id names the execution, so `start` twice watches once; `abort` asks the control
 * endpoint, which checks the signed caller against `watch.abortBy` and records the abort where the
 * watch reads it every period.
 */

type WatchFormat = 'text' | 'json';

interface AwsOptions {
  stateMachineArn?: string;
  bucket?: string;
  region?: string;
}

interface StartOptions extends AwsOptions, WatchStartFlags {
  wait?: boolean;
  format: WatchFormat;
  pollSeconds: number;
}

interface AbortOptions extends ControlOptions {
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

function parseWatchFormat(value: string): WatchFormat {
  if (value !== 'text' && value !== 'json') throw new InvalidArgumentError('expected one of text, json.');
  return value;
}

function parseIsoTime(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError('expected an ISO 8601 time such as 2026-11-26T09:12:00Z.');
  }
  return value;
}

function stateMachineArn(options: AwsOptions): string {
  const arn = options.stateMachineArn ?? process.env.PREFLIGHT_WATCH_STATE_MACHINE_ARN;
  if (arn === undefined || !arn.startsWith('arn:')) {
    throw new UsageError(
      'no watch state machine: pass --state-machine-arn or set PREFLIGHT_WATCH_STATE_MACHINE_ARN (the stack output WatchStateMachineArn).',
    );
  }
  return arn;
}

function bucketName(options: AwsOptions): string | undefined {
  return options.bucket ?? process.env.PREFLIGHT_REPORT_BUCKET;
}

const aws = (options: AwsOptions) => (options.region === undefined ? {} : { region: options.region });
/** The decision line, then the stored evidence (every trigger's values) when the bucket is known. */
async function printDecision(output: WatchOutput, options: StartOptions): Promise<void> {
  const bucket = bucketName(options);
  const evidence =
    bucket === undefined
      ? undefined
      : await S3ReportStore.create(bucket, aws(options))
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
  process.stdout.write(
    `${output.decision}${output.trigger ? ` (${output.trigger})` : ''} at ${output.decidedAt ?? 'unknown time'}: ${output.reason}\n`,
  );
  if (bucket === undefined) {
    process.stderr.write("pass --bucket or set PREFLIGHT_REPORT_BUCKET to print every trigger's evidence\n");
  }
}

function registerStart(watch: Command): void {
  watch
    .command('start')
    .description(
      'Start watching a deployment; with --wait: exit 0 PROCEED, 1 ROLLBACK, 2 INCONCLUSIVE or error',
    )
    .requiredOption('--service <name>', 'the service being deployed')
    .requiredOption('--env <name>', 'the environment, e.g. prod')
    .requiredOption('--deployment-id <id>', 'names the watch: the same id twice watches once')
    .option('--minutes <n>', 'length of the watch (default: watch.minutes)', parsePositiveInt)
    .option('--commit-time <iso>', 'when the change was committed, for lead time', parseIsoTime)
    .option(
      '-c, --config <file>',
      'the configuration the stack was deployed with (default: ./preflight.config.json)',
    )
    .option('--wait', 'wait for the decision, show progress, print the evidence')
    .option('--format <format>', 'text or json', parseWatchFormat, 'text')
    .option(
      '--state-machine-arn <arn>',
      'the watch state machine (default: $PREFLIGHT_WATCH_STATE_MACHINE_ARN)',
    )
    .option('--bucket <name>', 'the report bucket, for the evidence (default: $PREFLIGHT_REPORT_BUCKET)')
    .option('--region <region>', 'AWS region (default: from the environment or profile)')
    .option('--poll-seconds <n>', 'seconds between progress checks', parsePositiveInt, 15)
    .action(async (options: StartOptions) => {
      // Checked as the state machine checks it, before any AWS call: a rejected run would burn the name.
      const input = watchInputFor(options);
      const arn = stateMachineArn(options);
      const name = executionName(input.deploymentId);
      const executions = Executions.create(aws(options));
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
        process.stderr.write(
          `the watch did not finish: ${end.status} ${end.error ?? ''} ${end.cause ?? ''}\n`,
        );
        process.exitCode = EXIT.ERROR;
        return;
      }
      const output = end.output as WatchOutput;
      await printDecision(output, options);
      process.exitCode = DECISION_EXIT[output.decision] ?? EXIT.ERROR;
    });
}

function registerStatus(watch: Command): void {
  watch
    .command('status')
    .description("Show a deployment watch's current state, or its decision")
    .requiredOption('--deployment-id <id>', 'the deployment the watch was started for')
    .option('--format <format>', 'text or json', parseWatchFormat, 'text')
    .option(
      '--state-machine-arn <arn>',
      'the watch state machine (default: $PREFLIGHT_WATCH_STATE_MACHINE_ARN)',
    )
    .option('--region <region>', 'AWS region (default: from the environment or profile)')
    .action(async (options: AwsOptions & { deploymentId: string; format: WatchFormat }) => {
      const deploymentId = checkedDeploymentId(options.deploymentId);
      const executionArn = executionArnFor(stateMachineArn(options), executionName(deploymentId));
      const executions = Executions.create(aws(options));
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
        process.stdout.write(
          `${output.decision}${output.trigger ? ` (${output.trigger})` : ''} at ${output.decidedAt ?? 'unknown time'}: ${output.reason}\n`,
        );
      } else process.stdout.write(`${view.status}: ${view.error ?? ''} ${view.cause ?? ''}\n`);
    });
}

function registerAbort(watch: Command): void {
  withControlOptions(
    watch
      .command('abort')
      .description(
        'Stop a watched deployment: the watch decides ROLLBACK within one period; exit 0 requested, 2 bad input, 3 not allowed, 4 no watch, 5 already aborted or ended',
      )
      .requiredOption('--deployment-id <id>', 'the deployment to roll back')
      .requiredOption('--reason <code>', `why: ${ABORT_REASONS.join(', ')}`)
      .option(
        '--note <text>',
        `what happened, at most ${MAX_NOTE_BYTES} bytes (required with --reason other)`,
      ),
  ).action(async (options: AbortOptions) => {
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
  });
}

/** `preflight watch start|status|abort`. */
export function registerWatch(program: Command): void {
  const watch = program
    .command('watch')
    .description('Watch a deployment: baseline, rollback triggers, decision (start, status, abort)');
  registerStart(watch);
  registerStatus(watch);
  registerAbort(watch);
}
