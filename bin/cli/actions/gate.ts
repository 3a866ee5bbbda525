import type { AwsClientOptions } from '../../../lambdas/aws/client-config';
import { Executions } from '../../../lambdas/aws/executions';
import { parseS3Uri, S3ReportStore } from '../../../lambdas/aws/report-store';
import { AuditInputError, acceptAuditInput } from '../../../lambdas/core/audit-input';
import type { PreflightConfig } from '../../../lambdas/core/config/schema';
import type { AuditReport, Verdict } from '../../../lambdas/core/report/model';
import { renderMarkdown } from '../../../lambdas/core/report/render-markdown';
import { renderText } from '../../../lambdas/core/report/render-text';
import { storedReportProblem } from '../../../lambdas/core/report/stored-report';
import type { AwsFlags } from '../aws-options';
import { checkedRegion, regionOfArn, resolveAwsSetup } from '../aws-setup';
import { loadConfig } from '../config';
import { describeReply, type PreparedControl, prepareControl, reportReply, sendControl } from '../control';
import { executionName } from '../execution-name';
import { EXIT } from '../exit-codes';
import { followExecution } from '../follow-execution';
import type { ReportFormat } from '../options';
import { isFileFormat, renderFile } from '../report-files';
import { assertSameRequest } from '../same-request';
import { stateMachineArnFrom } from '../state-machine-arn';
import { layoutFor } from '../terminal';
import { sentence, UsageError } from '../usage-error';

export interface GateOptions extends AwsFlags {
  service: string;
  env: string;
  deploymentId?: string;
  /** Absent when no `--attest` was given. */
  attest?: Record<string, string>;
  /** Absent when no `--image` was given. */
  image?: string[];
  overrideWindow?: string;
  controlUrl?: string;
  checks?: string;
  config?: string;
  wait?: boolean;
  format: ReportFormat;
  stateMachineArn?: string;
  pollSeconds: number;
}

interface GateOutput {
  runId: string;
  verdict: Verdict;
  counts: AuditReport['counts'];
  blockingItems: string[];
  reportLocation: { json: string; markdown: string };
}

/**
 * Prints the stored report in the format asked for. A SARIF or JUnit file cannot be made from the
 * summary alone: without the report, none is written and the gate exits ERROR (a CI step that
 * uploads it then fails visibly instead of uploading an empty file that closes every alert).
 * @returns whether the report was printed.
 */
async function printOutcome(
  output: GateOutput,
  format: ReportFormat,
  aws: AwsClientOptions,
  configSource: string,
): Promise<boolean> {
  const { bucket, key } = parseS3Uri(output.reportLocation.json);
  const file = isFileFormat(format);
  const unread = (why: string) => {
    process.stderr.write(
      `could not fetch the full report (${why}); ${file ? `no ${format} written` : 'showing the summary'}\n`,
    );
    return undefined;
  };
  const report = await S3ReportStore.create(bucket, aws)
    .getJson<unknown>(key)
    .then((found) => {
      if (found === undefined) return unread(`no object at ${output.reportLocation.json}`);
      const problem = storedReportProblem(found, output);
      return problem === undefined
        ? (found as AuditReport)
        : unread(`the object at ${output.reportLocation.json} is not this run's report: ${problem}`);
    })
    .catch((error: Error) => unread(error.message));
  if (file) {
    if (report === undefined) return false;
    process.stdout.write(renderFile([report], format, configSource));
  } else if (format === 'json') {
    process.stdout.write(`${JSON.stringify(report ?? output, null, 2)}\n`);
  } else if (report !== undefined) {
    process.stdout.write(
      format === 'markdown' ? renderMarkdown(report) : renderText(report, layoutFor(process.stdout)),
    );
  } else {
    process.stdout.write(
      `Verdict: ${output.verdict}; blocking: ${output.blockingItems.join(', ') || 'none'}\n`,
    );
  }
  return true;
}

/**
 * Validates the input with exactly what the machine's Validate input state runs, against the
 * configuration the stack was deployed with, and names the execution after the deployment id.
 * @throws UsageError listing every problem.
 */
/** The state machine input's fields as the flags that set them: a problem names what the user typed. */
const FLAG_OF_FIELD: ReadonlyArray<readonly [RegExp, (match: RegExpExecArray) => string]> = [
  [/^release\.images\.(\d+): /, (m) => `--image #${Number(m[1]) + 1}: `],
  [/^release: /, () => '--image: '],
  [/^attestations\.([^:]+): /, (m) => `--attest ${m[1]}: `],
  [/^attestations: /, () => '--attest: '],
  [/^checks: /, () => '--checks: '],
  [/^deploymentId: /, () => '--deployment-id: '],
  [/^service\/environment: /, () => '--service/--env: '],
  [/^service: /, () => '--service: '],
  [/^environment: /, () => '--env: '],
];

function asFlagProblem(problem: string): string {
  for (const [field, flag] of FLAG_OF_FIELD) {
    const match = field.exec(problem);
    if (match !== null) return `${flag(match)}${problem.slice(match[0].length)}`;
  }
  return problem;
}

function acceptGateInput(
  input: Record<string, unknown>,
  config: PreflightConfig,
  deploymentId: string,
): string {
  try {
    acceptAuditInput(input, config, deploymentId, Date.now());
  } catch (error) {
    if (error instanceof AuditInputError) {
      throw new UsageError(sentence(error.problems.map(asFlagProblem).join('; ')), { cause: error });
    }
    throw error;
  }
  return executionName(deploymentId);
}

function stateMachineArnOf(options: GateOptions): string {
  return stateMachineArnFrom(options.stateMachineArn, {
    envVar: 'PREFLIGHT_STATE_MACHINE_ARN',
    stackOutput: 'AuditStateMachineArn',
    what: 'state machine',
  });
}

/**
 * Runs `preflight gate`: every input checked first (flags, the configuration's rules, the override
 * request), then AWS set up once (the region from the state machine ARN), then the gate started.
 */
export async function runGateCommand(options: GateOptions): Promise<void> {
  checkedRegion(options.region);
  if (isFileFormat(options.format) && !options.wait) {
    throw new UsageError(
      `--format ${options.format} needs --wait: the file is made from the finished report.`,
    );
  }
  const deploymentId =
    options.deploymentId ??
    `${options.service}-${options.env}-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
  const input = {
    mode: 'gate',
    service: options.service,
    environment: options.env,
    deploymentId,
    attestations: options.attest ?? {},
    ...(options.image === undefined || options.image.length === 0
      ? {}
      : { release: { images: options.image } }),
    ...(options.checks === undefined ? {} : { checks: options.checks.split(',').map((c) => c.trim()) }),
  };
  // The machine's own rules, before StartExecution: a refused run would still spend its name.
  const loaded = loadConfig(options.config);
  const name = acceptGateInput(input, loaded.config, deploymentId);
  const override: PreparedControl | undefined =
    options.overrideWindow === undefined
      ? undefined
      : prepareControl(
          {
            action: 'override-window',
            deploymentId,
            service: options.service,
            environment: options.env,
            reason: options.overrideWindow,
          },
          options,
        );
  // Only now where to start it: a missing state machine must not hide a mistake in the input.
  const stateMachineArn = stateMachineArnOf(options);
  const arnRegion = regionOfArn(stateMachineArn);
  const aws = await resolveAwsSetup({
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    ...(arnRegion === undefined ? {} : { regionOf: { region: arnRegion, from: '--state-machine-arn' } }),
  });
  if (override !== undefined) {
    // The override is recorded first, by the control endpoint, with the signed caller: the gate
    // reads it from there. Already overridden (409) is fine: the first override stands.
    const reply = await sendControl(override, aws.credentials);
    if (reply.status !== 200 && reply.status !== 409) {
      reportReply(reply);
      return;
    }
    process.stderr.write(`${describeReply(reply)}\n`);
  }
  const executions = Executions.create(aws.client);
  const { executionArn, existed } = await executions.start(stateMachineArn, name, input);
  if (existed) {
    // Someone may have taken the name first with another run (a scheduled audit passes no sign-off).
    assertSameRequest(await executions.describe(executionArn), name, 'gate', [
      { field: 'mode', expected: 'gate', absentMeans: 'gate' },
      { field: 'service', expected: input.service },
      { field: 'environment', expected: input.environment },
      { field: 'deploymentId', expected: input.deploymentId },
      // A follower that attests nothing (a CodePipeline step after the Step Functions action) adopts the run's.
      ...(Object.keys(input.attestations).length === 0
        ? []
        : [{ field: 'attestations', expected: input.attestations, absentMeans: {} }]),
      // Likewise for images: a run of other images is another gate, whatever its verdict.
      ...(input.release === undefined ? [] : [{ field: 'release', expected: input.release }]),
    ]);
  }
  process.stderr.write(`${existed ? 'already started' : 'started'}: ${executionArn}\n`);
  if (!options.wait) {
    process.stdout.write(`${JSON.stringify({ runId: name, executionArn, existed })}\n`);
    return;
  }
  const end = await followExecution(executions, executionArn, options.pollSeconds, 'waiting');
  if (end.status !== 'SUCCEEDED') {
    process.stderr.write(`the gate did not finish: ${end.status} ${end.error ?? ''} ${end.cause ?? ''}\n`);
    process.exitCode = EXIT.ERROR;
    return;
  }
  const output = end.output as GateOutput;
  const printed = await printOutcome(output, options.format, aws.client, loaded.source);
  process.exitCode = printed ? (EXIT[output.verdict] ?? EXIT.ERROR) : EXIT.ERROR;
}
