import { z } from 'zod';
import type { CheckResult } from '../../core/findings';
import type { AuditReport, Verdict } from '../../core/report/model';

/** Input of the audit state machine, as pipelines and the schedule send it. */
export const AuditInputSchema = z.strictObject({
  /** The service being deployed; free text for the report. */
  service: z.string().min(1).max(128).optional(),
  environment: z.string().min(1).max(64).optional(),
  deploymentId: z.string().min(1).max(80).optional(),
  /** Check ids to run. @default every enabled check */
  checks: z.array(z.string().min(1)).min(1).optional(),
});
export type AuditInput = z.output<typeof AuditInputSchema>;

/** What the audit machine hands to each check task. */
export interface RunCheckEvent {
  readonly checkId: string;
  /** ISO time all checks of a run judge against: the execution's start. */
  readonly now: string;
  readonly config: unknown;
}

/** A check task that failed after its retries, as the state machine's Catch records it. */
export interface FailedCheckTask {
  readonly checkId: string;
  readonly taskError: { readonly Error?: string; readonly Cause?: string };
}

export interface BuildReportEvent {
  readonly now: string;
  readonly target: string;
  readonly config: unknown;
  readonly results: ReadonlyArray<CheckResult | FailedCheckTask>;
}

/** What the audit machine returns and notifies. The full report is included. */
export interface AuditOutcome {
  readonly verdict: Verdict;
  readonly counts: AuditReport['counts'];
  readonly blockingItems: readonly string[];
  readonly notification: { readonly subject: string; readonly message: string };
  readonly report: AuditReport;
}
