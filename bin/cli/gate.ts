import { type Command, InvalidArgumentError, Option } from 'commander';
import { withAwsOptions } from './aws-options';
import { lazyAction } from './lazy';
import { parsePositiveInt, parseReportFormat } from './options';

// No default value for the repeatable flags: commander would print it as `(default: {})`.
function collectAttestation(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const equals = value.indexOf('=');
  if (equals < 0) {
    throw new InvalidArgumentError('expected KEY=URL, e.g. tests-passing=https://ci.example.com/run/1');
  }
  const key = value.slice(0, equals);
  const url = value.slice(equals + 1);
  if (!/^[a-z0-9-]+$/.test(key)) {
    throw new InvalidArgumentError(
      `key ${JSON.stringify(key)}: expected lowercase letters, digits and -, e.g. tests-passing=https://ci.example.com/run/1`,
    );
  }
  if (!/^https?:\/\/\S+$/.test(url)) {
    throw new InvalidArgumentError(
      `${key}: the evidence link ${JSON.stringify(url)} is not an http(s) URL; expected e.g. ${key}=https://ci.example.com/run/1`,
    );
  }
  // Repeatable, but a key given twice would keep its last link without a word.
  if (Object.hasOwn(previous, key)) {
    throw new InvalidArgumentError(
      `${key} given twice (${JSON.stringify(previous[key])}, then ${JSON.stringify(url)}): attest each key once`,
    );
  }
  return { ...previous, [key]: url };
}

/** `--image` is repeatable; each reference is checked with the state machine's rules when the input is. */
function collectImage(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `preflight gate`: ask the deployed audit state machine "may we deploy?". */
export function registerGate(program: Command): void {
  withAwsOptions(
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
      )
      .option(
        '--image <ref>',
        'an image being deployed, pinned by digest: <account>.dkr.ecr.<region>.amazonaws.com/<repository>@sha256:<digest> (repeatable)',
        collectImage,
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
        'the configuration the stack was deployed with (default: the nearest preflight.config.json)',
      )
      .option('--wait', 'wait for the verdict, show progress, print the report')
      .option(
        '--format <format>',
        'text, json, markdown, sarif (code scanning) or junit (CI test reports)',
        parseReportFormat,
        'text',
      )
      .option(
        '--state-machine-arn <arn>',
        'the audit state machine (default: $PREFLIGHT_STATE_MACHINE_ARN, the stack output AuditStateMachineArn)',
      ),
    "the state machine ARN's",
  )
    .option('--poll-seconds <n>', 'seconds between progress checks', parsePositiveInt, 10)
    .action(lazyAction(() => import('./actions/gate').then((m) => m.runGateCommand)));
}
