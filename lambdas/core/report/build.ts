import type { Checklist } from '../checklist/types';
import { type CheckResult, countByStatus, type Finding, type FindingStatus, worstStatus } from '../findings';
import type { AuditReport, CheckSummary, ItemResult, Verdict } from './model';

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

function blocks(status: ItemResult['status'], warnBlocks: boolean): boolean {
  return status === 'FAIL' || status === 'ERROR' || (warnBlocks && status === 'WARN');
}

const BLOCKING_ORDER: Readonly<Record<string, number>> = { FAIL: 0, ERROR: 1, WARN: 2 };

export interface BuildReportInput {
  readonly checklist: Checklist;
  readonly results: readonly CheckResult[];
  readonly now: Date;
  readonly target: string;
  readonly warnBlocks: boolean;
}

/** Rolls check results up to checklist items and one verdict. Pure. */
export function buildReport({ checklist, results, now, target, warnBlocks }: BuildReportInput): AuditReport {
  const findings: Finding[] = results.flatMap((result) => result.findings);
  const byCheck = new Map<string, Finding[]>();
  for (const result of results) byCheck.set(result.checkId, [...result.findings]);

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
    status: worstStatus(result.findings.map((f) => f.status)) ?? 'SKIPPED',
    durationMs: result.durationMs,
    counts: countByStatus(result.findings),
  }));

  const blockingItems = items
    .filter((item) => blocks(item.status, warnBlocks))
    .sort((a, b) => (BLOCKING_ORDER[a.status] ?? 9) - (BLOCKING_ORDER[b.status] ?? 9))
    .map((item) => item.id);

  return {
    reportVersion: 1,
    checklistVersion: checklist.version,
    generatedAt: now.toISOString(),
    target,
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
