import { type Command, InvalidArgumentError } from 'commander';
import { MAX_NOTE_BYTES } from '../../lambdas/core/control/limits';
import { ABORT_REASONS } from '../../lambdas/core/watch/model';
import { withAwsOptions, withControlOptions } from './aws-options';
import { lazyAction } from './lazy';
import { parseIsoTime, parsePositiveInt } from './options';

/*
 * `preflight watch start|status|abort`: the deployment watch from a pipeline or a terminal. The
 * deployment id names the execution, so `start` twice watches once; `abort` asks the control
 * endpoint, which checks the signed caller against `watch.abortBy` and records the abort where the
 * watch reads it every period.
 */

function parseWatchFormat(value: string): 'text' | 'json' {
  if (value !== 'text' && value !== 'json') throw new InvalidArgumentError('expected one of text, json.');
  return value;
}

const STATE_MACHINE_HELP =
  'the watch state machine (default: $PREFLIGHT_WATCH_STATE_MACHINE_ARN, the stack output WatchStateMachineArn)';

function registerStart(watch: Command): void {
  withAwsOptions(
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
        '--deployment-started-at <iso>',
        'when the deployment began rolling out, at most 24 h before the watch: the baseline ends there (default: the watch start)',
      )
      .option(
        '-c, --config <file>',
        'the configuration the stack was deployed with (default: the nearest preflight.config.json)',
      )
      .option('--wait', 'wait for the decision, show progress, print the evidence')
      .option('--format <format>', 'text or json', parseWatchFormat, 'text')
      .option('--state-machine-arn <arn>', STATE_MACHINE_HELP)
      .option('--bucket <name>', 'the report bucket, for the evidence (default: $PREFLIGHT_REPORT_BUCKET)'),
    "the state machine ARN's",
  )
    .option('--poll-seconds <n>', 'seconds between progress checks', parsePositiveInt, 15)
    .action(lazyAction(() => import('./actions/watch').then((m) => m.runWatchStart)));
}

function registerStatus(watch: Command): void {
  withAwsOptions(
    watch
      .command('status')
      .description("Show a deployment watch's current state, or its decision")
      .requiredOption('--deployment-id <id>', 'the deployment the watch was started for')
      .option('--format <format>', 'text or json', parseWatchFormat, 'text')
      .option('--state-machine-arn <arn>', STATE_MACHINE_HELP),
    "the state machine ARN's",
  ).action(lazyAction(() => import('./actions/watch').then((m) => m.runWatchStatus)));
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
  ).action(lazyAction(() => import('./actions/watch').then((m) => m.runWatchAbort)));
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
