import { type Command, InvalidArgumentError } from 'commander';
import { createAwsAccount } from '../../lambdas/aws/account';
import { describeAwsTarget } from '../../lambdas/aws/identity';
import { runAudit } from '../../lambdas/core/audit';
import type { CheckId } from '../../lambdas/core/config/schema';
import { CHECK_IDS } from '../../lambdas/core/config/validate';
import { renderMarkdown } from '../../lambdas/core/report/render-markdown';
import { renderText } from '../../lambdas/core/report/render-text';
import { createSampleAccount } from '../../lambdas/sample/account';
import { EXIT } from './exit-codes';
import { type Format, loadConfig, parseFormat } from './options';

interface AuditCliOptions {
  sample?: boolean;
  region?: string;
  profile?: string;
  checks?: CheckId[];
  format: Format;
  config?: string;
  quiet?: boolean;
  exitZero?: boolean;
}

function parseCheckIds(value: string): CheckId[] {
  const ids = value
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  const unknown = ids.filter((id) => !(CHECK_IDS as readonly string[]).includes(id));
  if (ids.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(
      `unknown check id ${unknown.map((id) => `"${id}"`).join(', ') || '(empty)'}; expected a comma-separated list of: ${CHECK_IDS.join(', ')}.`,
    );
  }
  return ids as CheckId[];
}

/** `preflight audit`: run the checks against an account (or the sample account) and print the report. */
export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description('Run the automated checks and print the checklist report (exit 0 pass, 1 fail, 2 error)')
    .option('--sample', 'audit the built-in sample account instead of AWS (offline)')
    .option('--region <region>', 'AWS region to audit (default: from the environment or profile)')
    .option('--profile <profile>', 'AWS named profile to use')
    .option('--checks <ids>', `comma-separated check ids (default: every enabled check)`, parseCheckIds)
    .option('--format <format>', 'text, json or markdown', parseFormat, 'text')
    .option('-c, --config <file>', 'configuration file (default: ./preflight.config.json if present)')
    .option('-q, --quiet', 'no progress on stderr')
    .option(
      '--exit-zero',
      'exit 0 once the report is printed, whatever the verdict (for demos and dashboards)',
    )
    .action(async (options: AuditCliOptions) => {
      const config = loadConfig(options.config);
      if (options.profile !== undefined) process.env.AWS_PROFILE = options.profile;
      const aws = options.region === undefined ? {} : { region: options.region };
      const now = new Date();
      const report = await runAudit({
        account: options.sample ? createSampleAccount(now) : createAwsAccount(aws),
        config,
        now,
        target: options.sample ? 'the built-in sample account' : await describeAwsTarget(aws),
        ...(options.checks === undefined ? {} : { checkIds: options.checks }),
        onCheckDone: (result, done, total) => {
          if (options.quiet) return;
          const problems = result.findings.filter(
            (f) => f.status !== 'PASS' && f.status !== 'SKIPPED',
          ).length;
          process.stderr.write(
            `[${done}/${total}] ${result.checkId}: ${result.findings.length} findings, ${problems} to act on (${result.durationMs} ms)\n`,
          );
        },
      });
      const render = {
        text: renderText,
        markdown: renderMarkdown,
        json: (r: unknown) => `${JSON.stringify(r, null, 2)}\n`,
      };
      process.stdout.write(render[options.format](report));
      process.exitCode = options.exitZero ? EXIT.PASS : EXIT[report.verdict];
    });
}
