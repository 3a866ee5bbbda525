import type { Checklist } from '../checklist/types';
import type { Mute } from '../config/mutes-schema';
import { type CheckResult, countByStatus, type Finding, type FindingStatus, worstStatus } from '../findings';
import { applyMutes } from '../mutes/apply';
import { escapeNonPlain } from '../plain-text';
import type { ResourceSelector } from '../scope/types';
import type {
  AccountFindingsReport,
  AuditReport,
  CheckSummary,
  ItemResult,
  ReportTarget,
  Verdict,
} from './model';
import { scopeReport } from './scope';

/**
 * The verdict over a set of findings. Any FAIL (or WARN when `warnBlocks`) fails; otherwise any
 * ERROR makes the verdict ERROR: a check that could not run never lets the gate pass.
 */
export function computeVerdict(statuses: Iterable<FindingStatus>, warnBlocks: boolean): Verdict {
  let error = false;
  for (const status of statuses) {
    if (status === 'FAIL' || (warnBlocks && status === 'WARN')) return 'FAIL';
    if (status === 'ERROR') error = true;
  }
  return error ? 'ERROR' : 'PASS';
}

/** MUTED blocks nothing and is never a PASS: it only counts as what it is. */
function isBlocking(status: ItemResult['status'], warnBlocks: boolean): boolean {
  return status === 'FAIL' || status === 'ERROR' || (warnBlocks && status === 'WARN');
}

const BLOCKING_ORDER: Readonly<Record<string, number>> = { FAIL: 0, ERROR: 1, WARN: 2 };

export interface BuildReportInput {
  readonly checklist: Checklist;
  readonly results: readonly CheckResult[];
  readonly now: Date;
  /** What was audited, in words. */
  readonly label: string;
  /** Whose run it is. @default the whole account Preflight runs in */
  readonly target?: ReportTarget;
  /** The service's selector, for the scope evidence; absent for the whole account. */
  readonly selector?: ResourceSelector;
  /** Whether account-wide findings count in a service's verdict. @default 'block' */
  readonly accountFindings?: 'block' | 'report';
  readonly warnBlocks: boolean;
  /** The configuration's mutes, applied at `now`. @default none */
  readonly mutes?: readonly Mute[];
}

export const WHOLE_ACCOUNT_TARGET: ReportTarget = {
  service: 'account',
  environment: 'default',
  regions: [],
  implicit: true,
};

/** A finding about the account as a whole (judged once per account, whatever the service). */
export const isAccountFinding = (finding: Finding) => finding.evidence?.scope === 'account';

function accountSection(findings: readonly Finding[], blocks: boolean): AccountFindingsReport {
  return {
    blocks,
    status: worstStatus(findings.map((f) => f.status)) ?? 'SKIPPED',
    counts: countByStatus(findings),
    findings,
  };
}

/**
 * A finding's text as every report shows it: resource names and messages carry what the audited
 * account or a probed server chose (an alarm name may hold any UTF-8 but ASCII controls, a
 * certificate's subject anything), so control, format and line-separator characters are escaped
 * (`\u2028`, `\u202e`) and a name cannot forge a report line or reverse the text around it.
 */
function plainFinding(finding: Finding): Finding {
  return {
    ...finding,
    resource: escapeNonPlain(finding.resource),
    message: escapeNonPlain(finding.message),
    ...(finding.remediation === undefined ? {} : { remediation: escapeNonPlain(finding.remediation) }),
  };
}

function plainResult(result: CheckResult): CheckResult {
  return { ...result, findings: result.findings.map(plainFinding) };
}

/**
 * Rolls check results up to checklist items and one verdict. Pure. For a service, account-wide
 * findings are also shown apart, and count only when `accountFindings` is `block`.
 */
export function buildReport(input: BuildReportInput): AuditReport {
  const { checklist, now, label, warnBlocks } = input;
  const results = applyMutes(input.results, input.mutes ?? [], now).map(plainResult);
  const target = input.target ?? WHOLE_ACCOUNT_TARGET;
  const all: Finding[] = results.flatMap((result) => result.findings);
  const service = !target.implicit;
  const accountFindings = service ? all.filter(isAccountFinding) : [];
  const blocks = (input.accountFindings ?? 'block') === 'block';
  const counted = (finding: Finding) => blocks || !isAccountFinding(finding);
  const findings: Finding[] = service ? all.filter(counted) : all;
  const byCheck = new Map<string, Finding[]>();
  for (const result of results) {
    byCheck.set(result.checkId, [...(byCheck.get(result.checkId) ?? []), ...result.findings.filter(counted)]);
  }

  const items: ItemResult[] = checklist.items.flatMap((item) => {
    const direct = findings.filter((f) => f.itemId === item.id);
    const checkIds = item.verification.kind === 'check' ? item.verification.checkIds : [];
    if (checkIds.length === 0 && direct.length === 0) return [];
    const itemFindings = [...checkIds.flatMap((id) => byCheck.get(id) ?? []), ...direct];
    const ran = direct.length > 0 || checkIds.some((id) => byCheck.has(id));
    return [
      {
        id: item.id,
        section: item.section,
        group: item.group,
        title: item.title,
        checkIds: [...new Set([...checkIds, ...direct.map((f) => f.checkId)])],
        status: ran ? (worstStatus(itemFindings.map((f) => f.status)) ?? 'SKIPPED') : 'NOT_RUN',
        counts: countByStatus(itemFindings),
      },
    ];
  });

  const checks: CheckSummary[] = results.map((result) => ({
    checkId: result.checkId,
    ...(result.region === undefined ? {} : { region: result.region }),
    status: worstStatus(result.findings.map((f) => f.status)) ?? 'SKIPPED',
    durationMs: result.durationMs,
    counts: countByStatus(result.findings),
  }));

  const blockingItems = items
    .filter((item) => isBlocking(item.status, warnBlocks))
    .sort((a, b) => (BLOCKING_ORDER[a.status] ?? 9) - (BLOCKING_ORDER[b.status] ?? 9))
    .map((item) => item.id);

  return {
    reportVersion: 2,
    checklistVersion: checklist.version,
    generatedAt: now.toISOString(),
    label,
    target,
    ...(service && input.selector !== undefined ? { scope: scopeReport(input.selector, results) } : {}),
    ...(service && accountFindings.length > 0 ? { account: accountSection(accountFindings, blocks) } : {}),
    verdict: computeVerdict(
      findings.map((f) => f.status),
      warnBlocks,
    ),
    warnBlocks,
    counts: countByStatus(findings),
    blockingItems,
    items,
    checks,
    findings,
  };
}
