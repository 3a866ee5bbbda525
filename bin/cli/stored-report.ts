import type { AuditReport, Verdict } from '../../lambdas/core/report/model';

/*
 * `gate --wait` prints the report the run stored in the report bucket, and may turn it into a SARIF
 * or JUnit file. The bucket is written by more principals than the workflow (a principal with
 * s3:PutObject on it), while the execution's output comes from Step Functions: the output is the
 * verdict, and a stored report is believed only when it is a report that agrees with it. Otherwise a
 * planted "PASS" with no findings would be shown in the step summary of a failed gate, or uploaded as
 * SARIF and close every code-scanning alert.
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
  if (
    !sameJson(
      counts.map((k) => stored.counts[k as keyof typeof stored.counts]),
      counts.map((k) => outcome.counts[k as keyof typeof outcome.counts]),
    )
  ) {
    return 'its counts are not the execution’s';
  }
  if (!sameJson(stored.blockingItems, outcome.blockingItems))
    return 'its blocking items are not the execution’s';
  return undefined;
}
