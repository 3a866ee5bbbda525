import type { AuditReport, ReportTarget, Verdict } from './model';

/*
 * A run's report is read back from the report bucket: by `gate --wait` (printed, or turned into a
 * SARIF or JUnit file) and by the Security Hub import (which closes what recovered). The bucket is
 * written by more principals than the workflow (a principal with s3:PutObject on it), while the
 * execution's own state comes from Step Functions: a stored report is believed only when it is a
 * report that agrees with it. Otherwise a planted "PASS" with no findings would be shown in a failed
 * gate's step summary, close every code-scanning alert, or close the run's Security Hub findings.
 */

/** What the execution itself returned. */
export interface ExecutionOutcome {
  readonly verdict: Verdict;
  readonly counts: AuditReport['counts'];
  readonly blockingItems: readonly string[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Why `stored` is not the report of this execution, or undefined when it is. */
export function storedReportProblem(stored: unknown, outcome: ExecutionOutcome): string | undefined {
  if (
    !isObject(stored) ||
    stored.reportVersion !== 2 ||
    !['items', 'checks', 'findings', 'blockingItems'].every((key) => Array.isArray(stored[key])) ||
    !isObject(stored.counts) ||
    !isObject(stored.target)
  ) {
    return 'not a Preflight report';
  }
  if (stored.verdict !== outcome.verdict) {
    return `the stored report says ${String(stored.verdict)}, the execution ${outcome.verdict}`;
  }
  const counts = Object.keys(outcome.counts).sort();
  const storedCounts = stored.counts as Record<string, unknown>;
  if (
    !sameJson(
      counts.map((k) => storedCounts[k]),
      counts.map((k) => outcome.counts[k as keyof typeof outcome.counts]),
    )
  ) {
    return 'its counts are not the execution’s';
  }
  if (!sameJson(stored.blockingItems, outcome.blockingItems))
    return 'its blocking items are not the execution’s';
  // The counts are the findings' own: a report emptied of findings under the same counts is not the run's.
  const found: Record<string, number> = Object.fromEntries(counts.map((k) => [k, 0]));
  for (const finding of stored.findings as unknown[]) {
    const status = isObject(finding) ? String(finding.status) : '';
    if (!(status in found)) return 'it holds a finding that is not one';
    found[status] = (found[status] ?? 0) + 1;
  }
  if (
    !sameJson(
      counts.map((k) => found[k]),
      counts.map((k) => outcome.counts[k as keyof typeof outcome.counts]),
    )
  ) {
    return 'its findings are not the ones its counts count';
  }
  return undefined;
}

/** Why `stored` is not the report of this run of `target` (service, environment, account), or undefined. */
export function storedReportTargetProblem(
  stored: AuditReport,
  target: Pick<ReportTarget, 'service' | 'environment' | 'account'>,
): string | undefined {
  const { service, environment, account } = stored.target;
  return service === target.service && environment === target.environment && account === target.account
    ? undefined
    : `it is the report of ${service} in ${environment}${account === undefined ? '' : ` (${account})`}, the run's is ${target.service} in ${target.environment}${target.account === undefined ? '' : ` (${target.account})`}`;
}
