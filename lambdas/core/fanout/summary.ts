import { FINDING_STATUSES, type FindingStatus } from '../findings';
import type { Verdict } from '../report/model';
import type { AlertState, ChildOutcome } from './outcomes';
import type { ListingProblem, OrganizationAccount, PlannedTarget, TargetPlan } from './targets';

/*
 * The organization summary: one verdict and the counts per account and region, from the plan (what
 * had to be audited) and the children's outcomes (what was). A target without an outcome is an
 * ERROR, an OU that could not be listed is an ERROR, and a fan-out that stopped is an ERROR: the
 * summary never passes by what it did not see.
 */

/** The run id of child `index` of fan-out run `runId` (its reports are under `runs/<that>/`). */
export function childRunId(runId: string, index: number): string {
  return `${runId}-${index}`;
}

export interface SummaryTarget {
  readonly index: number;
  readonly label: string;
  readonly source: PlannedTarget['source'];
  readonly environment?: string;
  readonly account?: string;
  readonly region?: string;
  /** The checks it was limited to (an account's other regions skip the account-wide ones). */
  readonly checks?: readonly string[];
  readonly verdict: Verdict;
  readonly runId?: string;
  readonly counts?: Readonly<Record<FindingStatus, number>>;
  readonly report?: { readonly json: string; readonly markdown: string };
  readonly alert: AlertState;
  readonly problem?: string;
}

export interface OrganizationSummary {
  readonly summaryVersion: 1;
  readonly runId: string;
  readonly generatedAt: string;
  readonly verdict: Verdict;
  /** Targets by verdict. */
  readonly targets: { readonly total: number } & Readonly<Record<Verdict, number>>;
  /** Findings of every audited target, by status. */
  readonly findings: Readonly<Record<FindingStatus, number>>;
  readonly results: readonly SummaryTarget[];
  /** Accounts the OUs hold that are not ACTIVE (suspended, closing): not audited, with why. */
  readonly notAudited: readonly OrganizationAccount[];
  /** OUs whose accounts could not be listed. */
  readonly listingProblems: readonly ListingProblem[];
  /** The OUs listed (configured and found below them); absent without an organization. */
  readonly units?: readonly string[];
  /** Why the fan-out stopped before every child finished, when it did. */
  readonly fanoutError?: string;
  /** Whether the summary is worth a message: something changed or could not be judged. */
  readonly news: boolean;
}

export interface SummaryInput {
  readonly runId: string;
  readonly now: Date;
  readonly plan: TargetPlan;
  readonly outcomes: ReadonlyMap<number, ChildOutcome>;
  /** The Distributed Map's error, when it failed (more children failed than tolerated). */
  readonly fanoutError?: { readonly Error?: string; readonly Cause?: string };
}

function missing(fanoutError: SummaryInput['fanoutError']): ChildOutcome {
  return {
    verdict: 'ERROR',
    alert: 'none',
    problem:
      fanoutError === undefined
        ? 'no result: its audit never reported back'
        : `no result: the fan-out stopped (${[fanoutError.Error, fanoutError.Cause].filter(Boolean).join(': ')})`,
  };
}

function zeroCounts(): Record<FindingStatus, number> {
  return Object.fromEntries(FINDING_STATUSES.map((s) => [s, 0])) as Record<FindingStatus, number>;
}

export function buildSummary(input: SummaryInput): OrganizationSummary {
  const { plan, runId } = input;
  const results = plan.targets.map((target, index): SummaryTarget => {
    const outcome = input.outcomes.get(index) ?? missing(input.fanoutError);
    return {
      index,
      label: target.label,
      source: target.source,
      ...(target.item.environment === undefined ? {} : { environment: target.item.environment }),
      ...(target.account === undefined ? {} : { account: target.account }),
      ...(target.region === undefined ? {} : { region: target.region }),
      ...(target.item.checks === undefined ? {} : { checks: target.item.checks }),
      ...outcome,
    };
  });
  const byVerdict: Record<Verdict, number> = { PASS: 0, FAIL: 0, ERROR: 0 };
  const findings = zeroCounts();
  for (const result of results) {
    byVerdict[result.verdict] += 1;
    for (const status of FINDING_STATUSES) findings[status] += result.counts?.[status] ?? 0;
  }
  const listingProblems = plan.listing?.problems ?? [];
  const fanoutError =
    input.fanoutError === undefined
      ? undefined
      : [input.fanoutError.Error, input.fanoutError.Cause].filter(Boolean).join(': ') || 'unknown error';
  const couldNotJudge =
    byVerdict.ERROR > 0 || listingProblems.length > 0 || fanoutError !== undefined || results.length === 0;
  const verdict: Verdict = byVerdict.FAIL > 0 ? 'FAIL' : couldNotJudge ? 'ERROR' : 'PASS';
  const unjudged = results.some((r) => r.problem !== undefined);
  const alerted = results.some((r) => r.alert !== 'none');
  // One target's own alert already says all a summary of one would.
  const news =
    unjudged ||
    listingProblems.length > 0 ||
    fanoutError !== undefined ||
    (alerted && (results.length > 1 || results.some((r) => r.alert === 'failed')));
  return {
    summaryVersion: 1,
    runId,
    generatedAt: input.now.toISOString(),
    verdict,
    targets: { total: results.length, ...byVerdict },
    findings,
    results,
    notAudited: plan.notAudited,
    listingProblems,
    ...(plan.listing === undefined ? {} : { units: plan.listing.units }),
    ...(fanoutError === undefined ? {} : { fanoutError }),
    news,
  };
}
