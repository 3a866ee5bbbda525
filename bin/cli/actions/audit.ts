import type { AwsClientOptions } from '../../../lambdas/aws/client-config';
import { runAudit } from '../../../lambdas/core/audit';
import type { AccountPorts } from '../../../lambdas/core/checks/types';
import type { CheckId, PreflightConfig } from '../../../lambdas/core/config/schema';
import { CHECK_IDS, validateConfig } from '../../../lambdas/core/config/validate';
import { quoteAsGiven } from '../../../lambdas/core/plain-text';
import type { AuditReport } from '../../../lambdas/core/report/model';
import { renderMarkdown } from '../../../lambdas/core/report/render-markdown';
import {
  renderTargetsMarkdown,
  renderTargetsText,
  worstVerdict,
} from '../../../lambdas/core/report/render-targets';
import { renderText } from '../../../lambdas/core/report/render-text';
import { resolveAuditTarget } from '../../../lambdas/core/services/audit-target';
import { TargetError } from '../../../lambdas/core/services/resolve';
import type { ServiceTarget } from '../../../lambdas/core/services/target';
import { listTargets } from '../../../lambdas/core/services/targets';
import { sampleRelease } from '../../../lambdas/sample/images';
import { reachSample, SAMPLE_CONFIG } from '../../../lambdas/sample/organization';
import type { AwsFlags } from '../aws-options';
import { resolveAwsSetup } from '../aws-setup';
import { type LoadedConfig, loadConfig } from '../config';
import { EXIT } from '../exit-codes';
import type { ReportFormat } from '../options';
import { isFileFormat, renderFile } from '../report-files';
import { layoutFor } from '../terminal';
import { sentence, UsageError } from '../usage-error';

export interface AuditCliOptions extends AwsFlags {
  sample?: boolean;
  service?: string;
  env?: string;
  checks?: string;
  format: ReportFormat;
  config?: string;
  quiet?: boolean;
  exitZero?: boolean;
}

/** How the sample's configuration is named in its reports. */
export const SAMPLE_SOURCE = 'the sample organization';

function checkIdsOf(value: string | undefined): CheckId[] | undefined {
  if (value === undefined) return undefined;
  const ids = value
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  const unknown = ids.filter((id) => !(CHECK_IDS as readonly string[]).includes(id));
  if (ids.length === 0 || unknown.length > 0) {
    throw new UsageError(
      `--checks: ${ids.length === 0 ? `got ${quoteAsGiven(value)}, no check id` : `unknown check id ${unknown.map((id) => quoteAsGiven(id)).join(', ')}`}; expected a comma-separated list of: ${CHECK_IDS.join(', ')}.`,
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
    if (error instanceof TargetError) throw new UsageError(sentence(error.message));
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
async function reachFor(
  target: ServiceTarget | undefined,
  aws: AwsClientOptions | undefined,
  now: Date,
): Promise<(region: string | undefined) => Promise<AccountPorts>> {
  if (aws === undefined) {
    const environment = target?.environment ?? { name: 'default', regions: [], configured: false };
    return (region) => reachSample(environment, region, now);
  }
  const { reachAws } = await import('./audit-aws');
  return reachAws(target, aws);
}

async function labelOf(
  target: ServiceTarget | undefined,
  aws: AwsClientOptions | undefined,
): Promise<string> {
  if (target !== undefined && !target.implicit) {
    return `${target.service} in ${target.environment.name}${aws === undefined ? ` (${SAMPLE_SOURCE})` : ''}`;
  }
  if (aws === undefined) return 'the built-in sample account';
  const { describeAccount } = await import('./audit-aws');
  return describeAccount(aws);
}

function configFor(options: AuditCliOptions): LoadedConfig {
  if (options.sample && options.config === undefined) {
    return { config: validateConfig(SAMPLE_CONFIG, SAMPLE_SOURCE), source: SAMPLE_SOURCE };
  }
  return loadConfig(options.config);
}

/** The sample's services audit the release each is about to deploy, as their gates would name it. */
function releaseOf(options: AuditCliOptions, target: ServiceTarget | undefined) {
  const release =
    options.sample && target !== undefined
      ? sampleRelease(target.service, target.environment.name)
      : undefined;
  return release === undefined ? {} : { release };
}

/** Runs `preflight audit`: input checked first, then AWS set up once, then every target audited. */
export async function runAuditCommand(options: AuditCliOptions): Promise<void> {
  const { config, source } = configFor(options);
  const checkIds = checkIdsOf(options.checks);
  const targets = targetsOf(config, options);
  // The sample needs no AWS; a target whose environment names its regions needs no region of the caller's.
  const aws = options.sample
    ? undefined
    : (
        await resolveAwsSetup({
          ...(options.region === undefined ? {} : { region: options.region }),
          ...(options.profile === undefined ? {} : { profile: options.profile }),
          needsRegion: targets.some((t) => t === undefined || t.environment.regions.length === 0),
        })
      ).client;
  const now = new Date();
  const reports: AuditReport[] = [];
  for (const target of targets) {
    const who =
      target === undefined || target.implicit ? '' : `${target.service}/${target.environment.name} `;
    const report = await runAudit({
      reach: await reachFor(target, aws, now),
      config,
      now,
      label: await labelOf(target, aws),
      ...(target === undefined ? {} : { target }),
      ...(checkIds === undefined ? {} : { checkIds }),
      ...releaseOf(options, target),
      onCheckDone: (result, done, total) => {
        if (options.quiet) return;
        const problems = result.findings.filter((f) => f.status !== 'PASS' && f.status !== 'SKIPPED').length;
        const where = result.region === undefined ? '' : `@${result.region}`;
        process.stderr.write(
          `[${done}/${total}] ${who}${result.checkId}${where}: ${result.findings.length} findings, ${problems} to act on (${result.durationMs} ms)\n`,
        );
      },
    });
    reports.push({ ...report, configuration: source });
  }
  process.stdout.write(
    isFileFormat(options.format)
      ? renderFile(reports, options.format, source)
      : render(reports, options.format),
  );
  const verdict = worstVerdict(reports.map((r) => r.verdict));
  process.exitCode = options.exitZero ? EXIT.PASS : EXIT[verdict];
}

function render(reports: readonly AuditReport[], format: 'text' | 'json' | 'markdown'): string {
  const [only] = reports;
  const layout = layoutFor(process.stdout);
  if (reports.length === 1 && only !== undefined) {
    if (format === 'json') return `${JSON.stringify(only, null, 2)}\n`;
    return format === 'markdown' ? renderMarkdown(only) : renderText(only, layout);
  }
  if (format === 'json') return `${JSON.stringify(reports, null, 2)}\n`;
  return format === 'markdown' ? renderTargetsMarkdown(reports) : renderTargetsText(reports, layout);
}
