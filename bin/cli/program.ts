import { Command } from 'commander';
import { version } from '../../package.json';
import { registerApprove } from './approve';
import { registerAudit } from './audit';
import { resolveAwsSetup } from './aws-setup';
import { registerBacktest } from './backtest';
import { registerChecklist } from './checklist';
import { reportError } from './errors';
import { EXIT } from './exit-codes';
import { registerGate } from './gate';
import { printable } from './printable';
import { registerProbeTls } from './probe-tls';
import { registerServices } from './services';
import { refuseRepeatedFlags } from './single-flags';
import { registerWatch } from './watch';

/*
 * The `preflight` command line. Every command's definition (flags, help) loads at start and stays
 * light; its action loads what it needs when it runs (see `lazy.ts`). A command whose module defines
 * and runs it in one file is deferred whole: only its name and summary load, unless it is the command
 * being run (or asked for help).
 */

interface DeferredCommand {
  readonly name: string;
  readonly summary: string;
  readonly register: () => Promise<(program: Command) => void>;
  /** Sets AWS up before the action when this run calls AWS. */
  readonly aws?: (options: Record<string, unknown>) => boolean;
}

const DEFERRED: readonly DeferredCommand[] = [
  {
    name: 'review',
    summary: 'Build the quarterly checklist review from the recorded history',
    register: () => import('./review').then((m) => m.registerReview),
    // From the history table; `--events FILE` reads a file, offline.
    aws: (options) =>
      options.events === undefined &&
      (options.table !== undefined || (process.env.PREFLIGHT_HISTORY_TABLE ?? '') !== ''),
  },
  {
    name: 'history',
    summary: 'Export the recorded history to a file that review --events reads',
    register: () => import('./history').then((m) => m.registerHistory),
    // Every subcommand reads the history table.
    aws: () => true,
  },
];

/**
 * The commands whose flags decide what is judged, for which deployment, where, or who approves: a
 * single-value flag given twice is refused there (see `single-flags.ts`).
 */
const JUDGING_COMMANDS: readonly (readonly string[])[] = [
  ['audit'],
  ['gate'],
  ['approve'],
  ['watch', 'start'],
  ['watch', 'status'],
  ['watch', 'abort'],
];

function commandAt(program: Command, path: readonly string[]): Command | undefined {
  let command: Command | undefined = program;
  for (const name of path) command = command?.commands.find((c) => c.name() === name);
  return command;
}

/** The command a command line names: the first word that is not an option (`help X` names X). */
function commandNamed(argv: readonly string[]): string | undefined {
  const words = argv.slice(2).filter((arg) => !arg.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

/** Environment variables a deferred command's AWS setup set, restored when the run ends. */
const restoreEnv: Array<() => void> = [];

function setEnv(name: string, value: string | undefined): void {
  if (value === undefined || process.env[name] === value) return;
  const before = process.env[name];
  process.env[name] = value;
  restoreEnv.push(() => {
    if (before === undefined) delete process.env[name];
    else process.env[name] = before;
  });
}

/**
 * A deferred command that calls AWS gets `--profile` (beside its `--region`) and the same up-front
 * check as every other AWS command; the profile and region it settles reach the SDK through
 * AWS_PROFILE and AWS_REGION, as the command's own clients read them.
 */
function withAwsSetup(command: Command, callsAws: (options: Record<string, unknown>) => boolean): void {
  if (!command.options.some((option) => option.long === '--region')) {
    command.option('--region <region>', 'AWS region (default: from AWS_REGION or the profile)');
  }
  if (!command.options.some((option) => option.long === '--profile')) {
    command.option('--profile <name>', 'AWS named profile (default: AWS_PROFILE, else the default chain)');
  }
  command.hook('preAction', async (thisCommand) => {
    const options = thisCommand.opts<Record<string, unknown>>();
    if (!callsAws(options)) return;
    const aws = await resolveAwsSetup({
      ...(typeof options.region === 'string' ? { region: options.region } : {}),
      ...(typeof options.profile === 'string' ? { profile: options.profile } : {}),
    });
    setEnv('AWS_PROFILE', aws.profile);
    setEnv('AWS_REGION', aws.region);
  });
}

/**
 * Commander's error text, printable. It quotes the value it refused as typed: a newline there would
 * start a line of the CI log of its own (`::error::...` is a GitHub Actions workflow command), so
 * every newline is escaped but commander's own, the one before its "(Did you mean ...?)" and the last.
 */
function commanderMessage(text: string): string {
  return printable(text)
    .replace(/\\n\(Did you mean /g, '\n(Did you mean ')
    .replace(/\\n$/, '\n');
}

/** Usage errors in one line and a pointer to the command's own help, never the whole help. */
function pointToHelp(command: Command, path: readonly string[] = []): void {
  const words = [...path, command.name()];
  command.showHelpAfterError(`Run "${words.join(' ')} --help" for usage.`);
  command.configureOutput({ outputError: (text, write) => write(commanderMessage(text)) });
  for (const sub of command.commands) pointToHelp(sub, words);
}

/**
 * The `preflight` command line with every command registered; `argv` (as `process.argv`) says which
 * deferred command, if any, to load in full.
 */
export async function createProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('preflight')
    .description('Production deployment checklist, verified against your AWS account.')
    .version(version, '-V, --version', 'print the version')
    .exitOverride();
  registerChecklist(program);
  registerAudit(program);
  registerGate(program);
  registerApprove(program);
  registerProbeTls(program);
  registerWatch(program);
  registerBacktest(program);
  const named = commandNamed(argv);
  for (const deferred of DEFERRED) {
    if (deferred.name !== named) {
      program.command(deferred.name).description(deferred.summary);
      continue;
    }
    (await deferred.register())(program);
    const command = program.commands.find((c) => c.name() === deferred.name);
    if (command !== undefined && deferred.aws !== undefined) {
      // A command with subcommands sets AWS up for each, from the subcommand's own flags.
      const targets = command.commands.length > 0 ? command.commands : [command];
      for (const target of targets) withAwsSetup(target, deferred.aws);
    }
  }
  registerServices(program);
  for (const path of JUDGING_COMMANDS) {
    const command = commandAt(program, path);
    if (command !== undefined) refuseRepeatedFlags(command);
  }
  pointToHelp(program);
  return program;
}

/**
 * Runs the CLI on `argv` (as `process.argv`) and returns the exit code: what the command set, or 2
 * for bad usage and failures, printed as one line on stderr.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  process.exitCode = undefined;
  try {
    await (await createProgram(argv)).parseAsync([...argv]);
    return process.exitCode === undefined ? EXIT.PASS : Number(process.exitCode);
  } catch (error) {
    return reportError(error);
  } finally {
    process.exitCode = undefined;
    for (const restore of restoreEnv.splice(0).reverse()) restore();
  }
}
