import { createHash } from 'node:crypto';
import type { AwsSecurityFinding, ComplianceStatus, SeverityLabel } from '@aws-sdk/client-securityhub';
import * as z from 'zod/mini';
import type { CATALOGUE } from '../../core/checks/catalogue';
import type { Finding, FindingStatus } from '../../core/findings';
import type { AuditReport } from '../../core/report/model';
import { belongsTo } from '../../core/report/render-text';

/*
 * A report's findings in the AWS Security Finding Format (ASFF), for BatchImportFindings with the
 * account's default product. Pure: the report, what was sent last time and where Preflight runs in,
 * the findings to send and the memory to keep out.
 *
 * - A WARN, FAIL or ERROR finding is sent ACTIVE on every run (its UpdatedAt moves on, so Security
 *   Hub keeps it: findings not updated for 90 days are deleted).
 * - One id per service, environment, account, region, check, rule and resource: the same problem in
 *   a later run (gate or scheduled) updates the same finding instead of adding one.
 * - A finding that was open and now PASSes is sent with Compliance PASSED and RecordState ARCHIVED.
 *   BatchImportFindings cannot set Workflow.Status on an existing finding (that is the customers'
 *   BatchUpdateFindings); Security Hub sets it back to NEW if the finding comes back (ARCHIVED →
 *   ACTIVE, PASSED → FAILED).
 * - A finding that was open and is no longer reported at all (the resource is gone or out of scope)
 *   is archived, but only when its check ran without an ERROR this time: a check that could not run
 *   proves nothing, and the finding stays open.
 */

export const ASFF_SCHEMA_VERSION = '2018-10-08';

/** Where Preflight runs: the default product's account (every finding's AwsAccountId) and region. */
export interface ImportContext {
  /** `arn:<partition>:securityhub:<region>:<account>:product/<account>/default`. */
  readonly productArn: string;
  /** The account the findings are imported into: the caller's, as BatchImportFindings requires. */
  readonly account: string;
  readonly region: string;
  readonly partition: string;
  /** The run whose report is imported, and where the report is. */
  readonly runId: string;
  readonly reportLocation: string;
  /** Base URL of Preflight's docs (the `docs/` folder as published), for the remediation link. */
  readonly docsUrl?: string;
}

/** What was sent for each finding still open, by id: kept in the report bucket between runs. */
export interface ImportMemory {
  readonly version: 1;
  readonly findings: Readonly<Record<string, AwsSecurityFinding>>;
}

export const EMPTY_MEMORY: ImportMemory = { version: 1, findings: {} };

/** The findings to import, and the memory to keep once they are (see {@link nextMemory}). */
export interface ImportPlan {
  readonly findings: readonly AwsSecurityFinding[];
  /** The ids among `findings` that close a finding (PASSED or gone): forgotten once imported. */
  readonly closing: ReadonlySet<string>;
}

/** ASFF limits (Title 256, Description 1024, Recommendation.Text 512 characters). */
const TITLE_MAX = 256;
const DESCRIPTION_MAX = 1024;
const RECOMMENDATION_MAX = 512;

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * A page for each check of the catalogue and for nothing else, under `docs/checks/`: a check added
 * without a page, or a page left for a check removed, does not compile.
 */
export type CheckDocPages = { readonly [Id in keyof typeof CATALOGUE]: `checks/${string}.md` };

/** The docs page each check is described on (relative to `docs/`); others: the checklist itself. */
export const CHECK_DOC_PAGES: CheckDocPages = {
  'database-backups': 'checks/backups.md',
  'acm-certificates': 'checks/tls.md',
  'tls-endpoints': 'checks/tls.md',
  'secrets-rotation': 'checks/secrets.md',
  'secrets-encryption': 'checks/secrets.md',
  'ssm-secure-parameters': 'checks/secrets.md',
  'iam-access-keys': 'checks/secrets.md',
  alarms: 'checks/alarms.md',
  'log-delivery': 'checks/log-delivery.md',
  'metrics-collection': 'checks/metrics-collection.md',
  tracing: 'checks/tracing.md',
  'load-balancer-health-checks': 'checks/load-balancer-health-checks.md',
  'rate-limiting': 'checks/rate-limiting.md',
  'cors-policies': 'checks/cors-policies.md',
  'auto-scaling-policies': 'checks/auto-scaling-policies.md',
  'disk-space': 'checks/disk-space.md',
  'resource-limits': 'checks/resource-limits.md',
  'environment-variables': 'checks/environment-variables.md',
  'image-scans': 'checks/image-scans.md',
  'images-pushed': 'checks/images-pushed.md',
  'deployment-strategy': 'checks/deployment-strategy.md',
  'rollback-tested': 'checks/rollback-tested.md',
  'network-configuration': 'checks/network-configuration.md',
};
export const CHECKLIST_DOC_PAGE = 'production-deployment-checklist.md';

/** The docs page (relative to `docs/`) that explains `checkId`. */
export function docPageOf(checkId: string): string {
  return Object.hasOwn(CHECK_DOC_PAGES, checkId)
    ? CHECK_DOC_PAGES[checkId as keyof CheckDocPages]
    : CHECKLIST_DOC_PAGE;
}

const SEVERITY: Readonly<Record<Exclude<FindingStatus, 'PASS' | 'SKIPPED'>, SeverityLabel>> = {
  FAIL: 'HIGH',
  ERROR: 'MEDIUM',
  WARN: 'LOW',
  // A muted finding stays open (never PASSED): a known exception, kept visible at the lowest severity.
  MUTED: 'INFORMATIONAL',
};
const COMPLIANCE: Readonly<Record<Exclude<FindingStatus, 'PASS' | 'SKIPPED'>, ComplianceStatus>> = {
  FAIL: 'FAILED',
  ERROR: 'NOT_AVAILABLE',
  WARN: 'WARNING',
  MUTED: 'WARNING',
};

const open = (status: FindingStatus) => status !== 'PASS' && status !== 'SKIPPED';

/** Where a report's findings are: the audited account (else Preflight's) and the finding's region. */
interface Place {
  readonly service: string;
  readonly environment: string;
  readonly account: string;
  readonly region: string;
}

function placeOf(report: AuditReport, finding: Finding, context: ImportContext): Place {
  return {
    service: report.target.service,
    environment: report.target.environment,
    account: report.target.account ?? context.account,
    region: finding.region ?? report.target.region ?? context.region,
  };
}

/** The prefix of every id of one service, environment and account. */
export function scopePrefix(service: string, environment: string, account: string): string {
  return `preflight/${service}/${environment}/${account}/`;
}

/**
 * The finding's stable id: the same check, rule, resource, service, environment, account and region
 * always give the same id (the resource hashed, so any ARN fits in ASFF's 512 characters).
 */
export function findingIdOf(place: Place, finding: Pick<Finding, 'checkId' | 'rule' | 'resource'>): string {
  const resource = createHash('sha256').update(finding.resource).digest('hex').slice(0, 32);
  return `${scopePrefix(place.service, place.environment, place.account)}${place.region}/${finding.checkId}/${finding.rule}/${resource}`;
}

function resourceOf(finding: Finding, place: Place, partition: string): AwsSecurityFinding['Resources'] {
  if (finding.resource === '*') {
    return [{ Type: 'AwsAccount', Id: `AWS::::Account:${place.account}`, Partition: partition as 'aws' }];
  }
  return [{ Type: 'Other', Id: finding.resource, Partition: partition as 'aws', Region: place.region }];
}

function remediationOf(finding: Finding, context: ImportContext): AwsSecurityFinding['Remediation'] {
  const text = finding.remediation ?? `See the ${finding.checkId} check in Preflight's documentation.`;
  const url =
    context.docsUrl === undefined
      ? undefined
      : `${context.docsUrl.replace(/\/+$/, '')}/${docPageOf(finding.checkId)}`;
  return {
    Recommendation: { Text: clip(text, RECOMMENDATION_MAX), ...(url === undefined ? {} : { Url: url }) },
  };
}

/** One WARN, FAIL or ERROR finding as an ACTIVE ASFF finding; `since` keeps its first sighting. */
export function toAsff(
  report: AuditReport,
  finding: Finding & { status: 'WARN' | 'FAIL' | 'ERROR' | 'MUTED' },
  context: ImportContext,
  since?: AwsSecurityFinding,
): AwsSecurityFinding {
  const place = placeOf(report, finding, context);
  const items = report.items.filter((item) => belongsTo(finding, item));
  const itemText = items.map((item) => `${item.id} ${item.title}`).join('; ');
  const could = finding.status === 'ERROR' ? 'Could not check: ' : '';
  const types = [
    `Software and Configuration Checks/Industry and Regulatory Standards/Preflight ${finding.checkId}`,
  ];
  const severity = SEVERITY[finding.status];
  const now = report.generatedAt;
  return {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    Id: findingIdOf(place, finding),
    ProductArn: context.productArn,
    ProductName: 'Preflight',
    GeneratorId: `preflight/${finding.checkId}/${finding.rule}`,
    AwsAccountId: context.account,
    Types: types,
    CreatedAt: since?.CreatedAt ?? now,
    UpdatedAt: now,
    FirstObservedAt: since?.FirstObservedAt ?? now,
    LastObservedAt: now,
    Severity: { Label: severity, Original: finding.status },
    FindingProviderFields: { Severity: { Label: severity, Original: finding.status }, Types: types },
    Title: clip(`${could}${finding.checkId}/${finding.rule} on ${finding.resource}`, TITLE_MAX),
    Description: clip(
      `${could}${finding.message}${itemText === '' ? '' : ` Checklist: ${itemText}.`} (${place.service} in ${place.environment}, ${place.account} ${place.region})`,
      DESCRIPTION_MAX,
    ),
    Remediation: remediationOf(finding, context),
    Resources: resourceOf(finding, place, context.partition),
    Compliance: { Status: COMPLIANCE[finding.status] },
    RecordState: 'ACTIVE',
    ProductFields: {
      'preflight/service': place.service,
      'preflight/environment': place.environment,
      'preflight/account': place.account,
      'preflight/region': place.region,
      'preflight/checkId': finding.checkId,
      'preflight/rule': finding.rule,
      'preflight/status': finding.status,
      ...(finding.mute === undefined
        ? {}
        : {
            'preflight/mutedUntil': finding.mute.until,
            'preflight/muteReason': clip(finding.mute.reason, 1000),
          }),
      'preflight/checklistItems': items.map((item) => item.id).join(',') || 'none',
      'preflight/runId': context.runId,
      'preflight/report': context.reportLocation,
    },
  };
}

/** A finding that was open and now passes: PASSED, archived, told when and by which run. */
function recovered(
  previous: AwsSecurityFinding,
  finding: Finding,
  report: AuditReport,
  context: ImportContext,
) {
  return closed(previous, report, context, {
    Compliance: { Status: 'PASSED' },
    Severity: { Label: 'INFORMATIONAL', Original: 'PASS' },
    FindingProviderFields: {
      Severity: { Label: 'INFORMATIONAL', Original: 'PASS' },
      ...(previous.FindingProviderFields?.Types === undefined
        ? {}
        : { Types: previous.FindingProviderFields.Types }),
    },
    Description: clip(`Passes now: ${finding.message}`, DESCRIPTION_MAX),
  });
}

function closed(
  previous: AwsSecurityFinding,
  report: AuditReport,
  context: ImportContext,
  change: Partial<AwsSecurityFinding>,
): AwsSecurityFinding {
  return {
    ...previous,
    ...change,
    UpdatedAt: report.generatedAt,
    RecordState: 'ARCHIVED',
    ProductFields: {
      ...previous.ProductFields,
      'preflight/status': change.Compliance?.Status === 'PASSED' ? 'PASS' : 'NOT_REPORTED',
      'preflight/runId': context.runId,
      'preflight/report': context.reportLocation,
    },
  };
}

/** Whether the check behind an open finding ran this time, in its region, without an ERROR. */
function checkRanCleanly(report: AuditReport, checkId: string, region: string, context: ImportContext) {
  const runs = report.checks.filter(
    (c) => c.checkId === checkId && (c.region ?? report.target.region ?? context.region) === region,
  );
  return runs.length > 0 && runs.every((c) => c.status !== 'ERROR');
}

/**
 * The findings to import for `report`, given what was sent last time for the same service,
 * environment and account (`memory`): every open finding, every recovery, every disappearance
 * whose check ran cleanly. Findings that were open and whose check could not tell are not sent
 * (and stay in the memory).
 */
export function planImport(report: AuditReport, memory: ImportMemory, context: ImportContext): ImportPlan {
  const findings = new Map<string, AwsSecurityFinding>();
  const closing = new Set<string>();
  const passing = new Map<string, Finding>();
  const seen = new Set<string>();
  for (const finding of report.findings) {
    const id = findingIdOf(placeOf(report, finding, context), finding);
    seen.add(id);
    if (open(finding.status)) {
      // Two findings with one id (the same resource judged twice): the worst one is kept.
      const asff = toAsff(
        report,
        finding as Finding & { status: 'WARN' | 'FAIL' | 'ERROR' | 'MUTED' },
        context,
        memory.findings[id],
      );
      const earlier = findings.get(id);
      if (earlier === undefined || rank(asff) > rank(earlier)) findings.set(id, asff);
    } else if (finding.status === 'PASS') {
      passing.set(id, finding);
    }
  }
  for (const [id, previous] of Object.entries(memory.findings)) {
    if (findings.has(id)) continue;
    const pass = passing.get(id);
    if (pass !== undefined) {
      findings.set(id, recovered(previous, pass, report, context));
      closing.add(id);
      continue;
    }
    const checkId =
      previous.ProductFields?.['preflight/checkId'] ?? (previous.GeneratorId ?? '').split('/')[1] ?? '';
    const region = previous.ProductFields?.['preflight/region'] ?? '';
    if (!seen.has(id) && checkRanCleanly(report, checkId, region, context)) {
      findings.set(id, closed(previous, report, context, {}));
      closing.add(id);
    }
  }
  return { findings: [...findings.values()], closing };
}

const RANK: Readonly<Record<string, number>> = { WARNING: 1, NOT_AVAILABLE: 2, FAILED: 3 };
const rank = (f: AwsSecurityFinding) => RANK[f.Compliance?.Status ?? ''] ?? 0;

/**
 * The memory after an import: what was imported and is still open is remembered as sent; what was
 * closed is forgotten; a finding whose import failed keeps what was remembered before (so a failed
 * recovery is sent again next time); the findings not sent this run are kept as they were.
 */
export function nextMemory(
  memory: ImportMemory,
  plan: ImportPlan,
  failedIds: ReadonlySet<string>,
): ImportMemory {
  const findings: Record<string, AwsSecurityFinding> = { ...memory.findings };
  for (const finding of plan.findings) {
    const id = finding.Id ?? '';
    if (failedIds.has(id)) continue;
    if (plan.closing.has(id)) delete findings[id];
    else findings[id] = finding;
  }
  return { version: 1, findings };
}

const StoredFindingSchema = z.looseObject({
  SchemaVersion: z.literal(ASFF_SCHEMA_VERSION),
  Id: z.string().check(z.minLength(1)),
  ProductArn: z.string(),
  GeneratorId: z.string(),
  AwsAccountId: z.string(),
  CreatedAt: z.string(),
  UpdatedAt: z.string(),
  Title: z.string(),
  Description: z.string(),
  Types: z.array(z.string()),
  Resources: z.array(z.looseObject({ Type: z.string(), Id: z.string() })).check(z.minLength(1)),
  ProductFields: z.optional(z.record(z.string(), z.string())),
});
const MemorySchema = z.strictObject({ version: z.literal(1), findings: z.record(z.string(), z.unknown()) });

/**
 * The memory as read back from the bucket, trusted only as far as it checks out: each finding is
 * whole, keyed by its own id, of this service, environment and account, for this product and
 * account. Whatever does not is dropped and named in `rejected` (it is then neither resolved nor
 * archived: a finding is closed only on evidence from a run).
 */
export function readMemory(
  stored: unknown,
  expected: { readonly prefix: string; readonly productArn: string; readonly account: string },
): { memory: ImportMemory; rejected: string[] } {
  if (stored === undefined) return { memory: EMPTY_MEMORY, rejected: [] };
  const parsed = MemorySchema.safeParse(stored);
  if (!parsed.success) return { memory: EMPTY_MEMORY, rejected: ['(the whole memory: not a memory object)'] };
  const findings: Record<string, AwsSecurityFinding> = {};
  const rejected: string[] = [];
  for (const [id, value] of Object.entries(parsed.data.findings)) {
    const finding = StoredFindingSchema.safeParse(value);
    const ok =
      finding.success &&
      finding.data.Id === id &&
      id.startsWith(expected.prefix) &&
      finding.data.ProductArn === expected.productArn &&
      finding.data.AwsAccountId === expected.account;
    if (ok) findings[id] = finding.data as unknown as AwsSecurityFinding;
    else rejected.push(id);
  }
  return { memory: { version: 1, findings }, rejected };
}
