import { type Command, InvalidArgumentError } from 'commander';
import { createAwsAccount } from '../../lambdas/aws/account';
import type { AwsClientOptions } from '../../lambdas/aws/client-config';
import { accessEnvironment } from '../../lambdas/aws/environment-access';
import { describeAwsTarget } from '../../lambdas/aws/identity';
import { runAudit } from '../../lambdas/core/audit';
import type { AccountPorts } from '../../lambdas/core/checks/types';
import type { CheckId, PreflightConfig } from '../../lambdas/core/config/schema';
import { CHECK_IDS, validateConfig } from '../../lambdas/core/config/validate';
import type { AuditReport } from '../../lambdas/core/report/model';
import { renderMarkdown } from '../../lambdas/core/report/render-markdown';
import {
  renderTargetsMarkdown,
  renderTargetsText,
  worstVerdict,
} from '../../lambdas/core/report/render-targets';
import { renderText } from '../../lambdas/core/report/render-text';
import { resolveAuditTarget } from '../../lambdas/core/services/audit-target';
import { TargetError } from '../../lambdas/core/services/resolve';
import type { ServiceTarget } from '../../lambdas/core/services/target';
import { listTargets } from '../../lambdas/core/services/targets';
import { reachSample, SAMPLE_CONFIG } from '../../lambdas/sample/organization';
import { EXIT } from './exit-codes';
import { type Format, loadConfig, parseFormat } from './options';
import { UsageError } from './usage-error';

interface AuditCliOptions {
  sample?: boolean;
  service?: string;
  env?: string;
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

/**
 * What to audit: the service and environment named, every service in every environment when the
 * configuration has services and none is named, else the whole account. Checked against the
 * configuration before any AWS call.
 * @throws UsageError with the configuration's own words (unknown service, "did you mean").
 */
function targetsOf(config: PreflightConfig, options: AuditCliOptions): Array<ServiceTarget | undefined> {
  try {
    if (options.service !== undefined || options.env !== undefined) {
      const target = resolveAuditTarget(config, {
        ...(options.service === undefined ? {} : { service: options.service }),
        ...(options.env === undefined ? {} : { environment: options.env }),
      });
      return [narrowed(target, options.region)];
    }
    if (Object.keys(config.services).length === 0) return [undefined];
    const pairs = [...new Set(listTargets(config).map((t) => `${t.service}\u0000${t.environment}`))];
    return pairs.map((pair) => {
      const [service, environment] = pair.split('\u0000') as [string, string];
      return narrowed(resolveAuditTarget(config, { service, environment }), options.region);
    });
  } catch (error) {
    if (error instanceof TargetError) throw new UsageError(`${error.message}.`);
    throw error;
  }
}

/** `--region` narrows a configured environment to one of its regions. */
function narrowed(target: ServiceTarget, region: string | undefined): ServiceTarget {
  const { environment } = target;
  if (region === undefined || environment.regions.length === 0) return target;
  if (!environment.regions.includes(region)) {
    throw new UsageError(
      `--region ${region} is not a region of environment "${environment.name}" (${environment.regions.join(', ')}).`,
    );
  }
  return { ...target, environment: { ...environment, regions: [region] } };
}

/** How the local audit reaches an account and region: the sample, or AWS with the caller's credentials. */
function reachFor(
  target: ServiceTarget | undefined,
  options: AuditCliOptions,
  now: Date,
): (region: string | undefined) => Promise<AccountPorts> {
  const aws: AwsClientOptions = options.region === undefined ? {} : { region: options.region };
  if (options.sample) {
    const environment = target?.environment ?? { name: 'default', regions: [], configured: false };
    return (region) => reachSample(environment, region, now);
  }
  if (target === undefined || !target.environment.configured) {
    return async (region) => createAwsAccount({ ...aws, ...(region === undefined ? {} : { region }) });
  }
  // The environment's role is assumed (once per region) with the caller's credentials.
  return async (region) =>
    createAwsAccount(
      await accessEnvironment(target.environment, {
        ...(region === undefined ? {} : { region }),
        purpose: `audit-${target.service}-${target.environment.name}`,
        base: aws,
      }),
    );
}

async function labelOf(target: ServiceTarget | undefined, options: AuditCliOptions): Promise<string> {
  if (target !== undefined && !target.implicit) {
    return `${target.service} in ${target.environment.name}${options.sample ? ' (the sample organization)' : ''}`;
  }
  if (options.sample) return 'the built-in sample account';
  return describeAwsTarget(options.region === undefined ? {} : { region: options.region });
}

/** `preflight audit`: run the checks against an account (or the sample organization) and print the report. */
export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description('Run the automated checks and print the checklist report (exit 0 pass, 1 fail, 2 error)')
    .option('--sample', 'audit the built-in sample organization instead of AWS (offline)')
    .option('--service <name>', 'the service to audit: only its resources are judged')
    .option('--env <name>', "the service's environment: its account and regions, its role assumed")
    .option(
      '--region <region>',
      "AWS region to audit (default: the environment's regions, else from the environment or profile)",
    )
    .option('--profile <profile>', 'AWS named profile to use')
    .option('--checks <ids>', `comma-separated check ids (default: every enabled check)`, parseCheckIds)
    .option('--format <format>', 'text, json or markdown', parseFormat, 'text')
    .option(
      '-c, --config <file>',
      "configuration file (default: ./preflight.config.json if present; the sample's own with --sample)",
    )
    .option('-q, --quiet', 'no progress on stderr')
    .option(
      '--exit-zero',
      'exit 0 once the report is printed, whatever the verdict (for demos and dashboards)',
    )
    .action(async (options: AuditCliOptions) => {
      const config =
        options.sample && options.config === undefined
          ? validateConfig(SAMPLE_CONFIG, 'the built-in sample organization')
          : loadConfig(options.config);
      const targets = targetsOf(config, options);
      if (options.profile !== undefined) process.env.AWS_PROFILE = options.profile;
      const now = new Date();
      const reports: AuditReport[] = [];
      for (const target of targets) {
        const who =
          target === undefined || target.implicit ? '' : `${target.service}/${target.environment.name} `;
        reports.push(
          await runAudit({
            reach: reachFor(target, options, now),
            config,
            now,
            label: await labelOf(target, options),
            ...(target === undefined ? {} : { target }),
            ...(options.checks === undefined ? {} : { checkIds: options.checks }),
            onCheckDone: (result, done, total) => {
              if (options.quiet) return;
              const problems = result.findings.filter(
                (f) => f.status !== 'PASS' && f.status !== 'SKIPPED',
              ).length;
              const where = result.region === undefined ? '' : `@${result.region}`;
              process.stderr.write(
                `[${done}/${total}] ${who}${result.checkId}${where}: ${result.findings.length} findings, ${problems} to act on (${result.durationMs} ms)\n`,
              );
            },
          }),
        );
      }
      process.stdout.write(render(reports, options.format));
      const verdict = worstVerdict(reports.map((r) => r.verdict));
      process.exitCode = options.exitZero ? EXIT.PASS : EXIT[verdict];
    });
}

function render(reports: readonly AuditReport[], format: Format): string {
  const [only] = reports;
  if (reports.length === 1 && only !== undefined) {
    if (format === 'json') return `${JSON.stringify(only, null, 2)}\n`;
    return format === 'markdown' ? renderMarkdown(only) : renderText(only);
  }
  if (format === 'json') return `${JSON.stringify(reports, null, 2)}\n`;
  return format === 'markdown' ? renderTargetsMarkdown(reports) : renderTargetsText(reports);
}
