import { type Command, InvalidArgumentError, Option } from 'commander';
import { Executions } from '../../lambdas/aws/executions';
import { parseS3Uri, S3ReportStore } from '../../lambdas/aws/report-store';
import { AuditInputError, acceptAuditInput } from '../../lambdas/core/audit-input';
import type { PreflightConfig } from '../../lambdas/core/config/schema';
import type { AuditReport, Verdict } from '../../lambdas/core/report/model';
import { renderMarkdown } from '../../lambdas/core/report/render-markdown';
import { renderText } from '../../lambdas/core/report/render-text';
import { type ControlOptions, callControl, describeReply, reportReply } from './control';
import { executionName } from './execution-name';
import { EXIT } from './exit-codes';
import { followExecution } from './follow-execution';
import { type Format, loadConfig, parseFormat, parsePositiveInt } from './options';
import { assertSameRequest } from './same-request';
import { UsageError } from './usage-error';

interface GateOptions extends ControlOptions {
  service: string;
  env: string;
  deploymentId?: string;
  attest: Record<string, string>;
  overrideWindow?: string;
  checks?: string;
  config?: string;
  wait?: boolean;
  format: Format;
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

function collectAttestation(value: string, previous: Record<string, string>): Record<string, string> {
  const match = /^([a-z0-9-]+)=(https?:\/\/\S+)$/.exec(value);
  if (match === null)
    throw new InvalidArgumentError('expected KEY=URL, e.g. tests-passing=https://ci.example.com/run/1');
  return { ...previous, [match[1] as string]: match[2] as string };
}

async function printOutcome(output: GateOutput, format: Format, region: string | undefined): Promise<void> {
  const { bucket, key } = parseS3Uri(output.reportLocation.json);
  const report = await S3ReportStore.create(bucket, region === undefined ? {} : { region })
    .getJson<AuditReport>(key)
    .catch((error: Error) => {
      process.stderr.write(`could not fetch the full report (${error.message}); showing the summary\n`);
      return undefined;
    });
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(report ?? output, null, 2)}\n`);
  } else if (report !== undefined) {
    process.stdout.write(format === 'markdown' ? renderMarkdown(report) : renderText(report));
  } else {
    process.stdout.write(
      `Verdict: ${output.verdict}; blocking: ${output.blockingItems.join(', ') || 'none'}\n`,
    );
  }
}

/**
 * Validates the input with exactly what the machine's Validate input state runs, against the
 * configuration the stack was deployed with, and names the execution after the deployment id.
 * @throws UsageError listing every problem.
 */
function acceptGateInput(
  input: Record<string, unknown>,
  config: PreflightConfig,
  deploymentId: string,
): string {
  try {
    acceptAuditInput(input, config, deploymentId);
  } catch (error) {
    if (error instanceof AuditInputError) throw new UsageError(`${error.message}.`);
    throw error;
  }
  return executionName(deploymentId);
}

/** `preflight gate`: ask the deployed audit state machine "may we deploy?". */
export function registerGate(program: Command): void {
  program
    .command('gate')
    .description(
      'Start the pre-deployment gate in AWS; with --wait, print the report (exit 0 pass, 1 fail, 2 error)',
    )
    .requiredOption('--service <name>', 'the service being deployed')
    .requiredOption('--env <name>', 'the environment, e.g. prod')
    .option(
      '--deployment-id <id>',
      'names the run: the same id twice starts the gate once (default: service-env-time)',
    )
    .option(
      '--attest <key=url>',
      'a pipeline attestation with its evidence link (repeatable)',
      collectAttestation,
      {},
    )
    .option(
      '--override-window <reason>',
      'deploy outside the deployment window: recorded with who you are by the control endpoint, if gate.window.overrideBy lists you',
    )
    .option(
      '--control-url <url>',
      'the control endpoint, for --override-window (default: $PREFLIGHT_CONTROL_URL, the stack output ControlUrl)',
    )
    // Kept so that a pipeline passing it hears why: a gate judges every enabled check.
    .addOption(new Option('--checks <ids>', 'refused: a gate judges every enabled check').hideHelp())
    .option(
      '-c, --config <file>',
      'the configuration the stack was deployed with (default: ./preflight.config.json)',
    )
    .option('--wait', 'wait for the verdict, show progress, print the report')
    .option('--format <format>', 'text, json or markdown', parseFormat, 'text')
    .option('--state-machine-arn <arn>', 'the audit state machine (default: $PREFLIGHT_STATE_MACHINE_ARN)')
    .option('--region <region>', 'AWS region (default: from the environment or profile)')
    .option('--poll-seconds <n>', 'seconds between progress checks', parsePositiveInt, 10)
    .action(async (options: GateOptions) => {
      const stateMachineArn = options.stateMachineArn ?? process.env.PREFLIGHT_STATE_MACHINE_ARN;
      if (stateMachineArn === undefined || !stateMachineArn.startsWith('arn:')) {
        throw new UsageError(
          'no state machine: pass --state-machine-arn or set PREFLIGHT_STATE_MACHINE_ARN (the stack output AuditStateMachineArn).',
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
        attestations: options.attest,
        ...(options.checks === undefined ? {} : { checks: options.checks.split(',').map((c) => c.trim()) }),
      };
      // The machine's own rules, before StartExecution: a refused run would still spend its name.
      const name = acceptGateInput(input, loadConfig(options.config), deploymentId);
      if (options.overrideWindow !== undefined) {
        // The override is recorded first, by the control endpoint, with the signed caller: the gate
        // reads it from there. Already overridden (409) is fine: the first override stands.
        const reply = await callControl(
          { action: 'override-window', deploymentId, reason: options.overrideWindow },
          options,
        );
        if (reply.status !== 200 && reply.status !== 409) {
          reportReply(reply);
          return;
        }
        process.stderr.write(`${describeReply(reply)}\n`);
      }
      const executions = Executions.create(options.region === undefined ? {} : { region: options.region });
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
        ]);
      }
      process.stderr.write(`${existed ? 'already started' : 'started'}: ${executionArn}\n`);
      if (!options.wait) {
        process.stdout.write(`${JSON.stringify({ runId: name, executionArn, existed })}\n`);
        return;
      }
      const end = await followExecution(executions, executionArn, options.pollSeconds, 'waiting');
      if (end.status !== 'SUCCEEDED') {
        process.stderr.write(
          `the gate did not finish: ${end.status} ${end.error ?? ''} ${end.cause ?? ''}\n`,
        );
        process.exitCode = EXIT.ERROR;
        return;
      }
      const output = end.output as GateOutput;
      await printOutcome(output, options.format, options.region);
      process.exitCode = EXIT[output.verdict] ?? EXIT.ERROR;
    });
}
