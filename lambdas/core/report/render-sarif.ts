import type { Location, ReportingDescriptor, Result, Run, Log as SarifLog } from 'sarif';
import type { Finding } from '../findings';
import type { AuditReport } from './model';
import { belongsTo, ruleOf } from './render-text';

/*
 * SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps): one run per audited service and
 * environment, one rule per check rule (`acm-certificates/expiry`), one result per finding someone
 * must act on. PASS and SKIPPED findings are left out, so a finding that recovers disappears from
 * the next upload and code scanning closes its alert. A MUTED finding is a result with an accepted
 * external suppression carrying the mute's reason and expiry: seen, not hidden, and not a pass.
 */

export interface SarifOptions {
  /** Preflight's version, for `tool.driver.version`. */
  readonly toolVersion: string;
  /**
   * The file results point at, relative to the repository root: code scanning needs a physical
   * location, and the configuration that names the service is where its owners look.
   * @default 'preflight.config.json'
   */
  readonly artifactUri?: string;
}

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Whether a finding is reported: PASS and SKIPPED are not; MUTED is, suppressed. */
const actionable = (f: Finding) => f.status !== 'PASS' && f.status !== 'SKIPPED';

function levelOf(finding: Finding, warnBlocks: boolean): Result.level {
  const status = finding.mute?.status ?? finding.status;
  if (status === 'WARN') return warnBlocks ? 'error' : 'warning';
  return 'error';
}

/** The checklist items a finding speaks to, as the report rolled them up. */
function itemsOf(report: AuditReport, finding: Finding): string[] {
  return report.items.filter((item) => belongsTo(finding, item)).map((item) => item.id);
}

function ruleFor(report: AuditReport, finding: Finding): ReportingDescriptor {
  const items = report.items.filter((item) => belongsTo(finding, item));
  const titles = items.map((item) => item.title).join('; ');
  return {
    id: ruleOf(finding),
    shortDescription: { text: `${finding.checkId}: ${finding.rule}` },
    fullDescription: {
      text:
        items.length === 0
          ? `Preflight check ${finding.checkId}, rule ${finding.rule}.`
          : `Preflight check ${finding.checkId}, rule ${finding.rule}, for the checklist item(s): ${titles}.`,
    },
    ...(finding.remediation === undefined ? {} : { help: { text: finding.remediation } }),
    properties: { tags: ['preflight', ...items.map((item) => item.id)] },
  };
}

/** `ERROR` means the check could not tell: said so in the message, never passed off as a finding of fact. */
function messageOf(finding: Finding): string {
  const where = finding.region === undefined ? '' : ` [${finding.region}]`;
  const could = finding.status === 'ERROR' ? 'Could not check: ' : '';
  return `${could}${finding.message} (${finding.resource}${where})`;
}

function locationOf(finding: Finding, artifactUri: string): Location {
  return {
    physicalLocation: { artifactLocation: { uri: artifactUri } },
    logicalLocations: [{ fullyQualifiedName: finding.resource, kind: 'resource' }],
  };
}

function runOf(report: AuditReport, options: SarifOptions): Run {
  const artifactUri = options.artifactUri ?? 'preflight.config.json';
  const findings = report.findings.filter(actionable);
  const rules: ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  for (const finding of findings) {
    if (ruleIndex.has(ruleOf(finding))) continue;
    ruleIndex.set(ruleOf(finding), rules.length);
    rules.push(ruleFor(report, finding));
  }
  const { service, environment } = report.target;
  const results: Result[] = findings.map((finding) => ({
    ruleId: ruleOf(finding),
    ruleIndex: ruleIndex.get(ruleOf(finding)) ?? 0,
    kind: 'fail',
    level: levelOf(finding, report.warnBlocks),
    message: { text: messageOf(finding) },
    locations: [locationOf(finding, artifactUri)],
    // Stable across runs, so code scanning tracks one alert per service, rule, region and resource.
    partialFingerprints: {
      'preflightFinding/v1': [
        service,
        environment,
        ruleOf(finding),
        finding.region ?? '',
        finding.resource,
      ].join('|'),
    },
    ...(finding.mute === undefined
      ? {}
      : {
          suppressions: [
            {
              kind: 'external' as const,
              status: 'accepted' as const,
              justification: `${finding.mute.reason} (muted until ${finding.mute.until}, was ${finding.mute.status})`,
            },
          ],
        }),
    properties: {
      status: finding.status,
      ...(finding.mute === undefined ? {} : { mute: { ...finding.mute } }),
      checklistItems: itemsOf(report, finding),
      ...(finding.region === undefined ? {} : { region: finding.region }),
      ...(finding.remediation === undefined ? {} : { remediation: finding.remediation }),
    },
  }));
  return {
    tool: {
      driver: {
        name: 'Preflight',
        version: options.toolVersion,
        semanticVersion: options.toolVersion,
        rules,
      },
    },
    // One category per service and environment: uploads of different targets do not close each other's alerts.
    automationDetails: { id: `preflight/${service}/${environment}/` },
    invocations: [{ executionSuccessful: true, endTimeUtc: report.generatedAt }],
    results,
    properties: {
      label: report.label,
      verdict: report.verdict,
      blockingItems: [...report.blockingItems],
      counts: { ...report.counts },
      checklistVersion: report.checklistVersion,
    },
  };
}

/** The reports as one SARIF 2.1.0 log, one run per report. */
export function renderSarif(reports: readonly AuditReport[], options: SarifOptions): string {
  const log: SarifLog = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: reports.map((report) => runOf(report, options)),
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
