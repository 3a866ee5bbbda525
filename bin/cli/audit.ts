import type { Command } from 'commander';
import { withAwsOptions } from './aws-options';
import { lazyAction } from './lazy';
import { parseReportFormat } from './options';

/** `preflight audit`: run the checks against an account (or the sample organization) and print the report. */
export function registerAudit(program: Command): void {
  withAwsOptions(
    program
      .command('audit')
      .description('Run the automated checks and print the checklist report (exit 0 pass, 1 fail, 2 error)')
      .option('--sample', 'audit the built-in sample organization instead of AWS (offline)')
      .option('--service <name>', 'the service to audit: only its resources are judged')
      .option('--env <name>', "the service's environment: its account and regions, its role assumed"),
    "the environment's regions, else AWS_REGION or the profile",
  )
    .option('--checks <ids>', 'comma-separated check ids (default: every enabled check)')
    .option(
      '--format <format>',
      'text, json, markdown, sarif (code scanning) or junit (CI test reports)',
      parseReportFormat,
      'text',
    )
    .option(
      '-c, --config <file>',
      "configuration file (default: the nearest preflight.config.json; the sample's own with --sample)",
    )
    .option('-q, --quiet', 'no progress on stderr')
    .option(
      '--exit-zero',
      'exit 0 once the report is printed, whatever the verdict (for demos and dashboards)',
    )
    .action(lazyAction(() => import('./actions/audit').then((m) => m.runAuditCommand)));
}
