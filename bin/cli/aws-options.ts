import type { Command } from 'commander';

/** The flags of every command that calls AWS. */
export interface AwsFlags {
  region?: string;
  profile?: string;
}

/**
 * Adds `--region` and `--profile` to a command that calls AWS. The region may also come from what
 * the command acts on (an ARN, the control URL); `--region` must then agree with it.
 */
export function withAwsOptions(command: Command, regionHelp = 'from AWS_REGION or the profile'): Command {
  return command
    .option('--region <region>', `AWS region (default: ${regionHelp})`)
    .option('--profile <name>', 'AWS named profile (default: AWS_PROFILE, else the default chain)');
}

/** The flags of the commands that call the control endpoint: `approve`, `watch abort`. */
export interface ControlFlags extends AwsFlags {
  controlUrl?: string;
}

/** Adds `--control-url`, `--region` (read from the URL when it names one) and `--profile` to a command. */
export function withControlOptions(command: Command): Command {
  return withAwsOptions(
    command.option(
      '--control-url <url>',
      'the control endpoint (default: $PREFLIGHT_CONTROL_URL, the stack output ControlUrl)',
    ),
    'from the control URL',
  );
}
