import type { ValidatedAudit } from '../../core/audit-input';
import type { CheckTask } from '../../core/checks/tasks';
import type { EventEntry } from '../../core/events/model';
import type { FindingStatus } from '../../core/findings';
import type { BackupTaskRecord } from '../../core/gate/backup';
import type { Verdict } from '../../core/report/model';
import type { CheckTarget } from '../../core/services/target';

export { type AuditInput, AuditInputSchema, type ValidatedAudit } from '../../core/audit-input';

/** What the audit machine hands to each check task: one check in one region. */
export interface RunCheckEvent {
  readonly task: CheckTask;
  /** ISO time all checks of a run judge against: the execution's start. */
  readonly now: string;
  readonly runId: string;
  /**
   * What the check judges, as the input step resolved it from the embedded configuration
   * (`$.audit.checkTarget`, written by that step's output, never by the caller).
   */
  readonly target: CheckTarget;
  /** The regions the run covers: results are keyed by region when there are several. */
  readonly regions: readonly string[];
}

export interface StoredCheckResult {
  readonly checkId: string;
  readonly region?: string;
  readonly resultKey: string;
  readonly counts: Readonly<Record<FindingStatus, number>>;
}

/** A check task that failed after its retries, as the state machine's Catch records it. */
export interface FailedCheckTask {
  readonly checkId: string;
  readonly task?: CheckTask;
  readonly taskError: { readonly Error?: string; readonly Cause?: string };
}

/**
 * A sign-off task that was released (by anyone holding its token): the role from the Map item, and
 * whatever the task was released with, which the report does not trust.
 */
export interface ReleasedSignoffTask {
  readonly role: string;
  readonly answer?: unknown;
}

/** A sign-off task that failed (rejected, timed out), as the state machine's Catch records it. */
export interface FailedSignoffTask {
  readonly role: string;
  readonly taskError: { readonly Error?: string; readonly Cause?: string };
}

export interface BuildReportEvent {
  readonly now: string;
  readonly audit: ValidatedAudit;
  /**
   * The report's slice of the configuration (`core/report/settings.ts`), written into the state
   * machine's definition at synth time; validated when read.
   */
  readonly settings: unknown;
  readonly results: ReadonlyArray<StoredCheckResult | FailedCheckTask>;
  readonly backups?: readonly BackupTaskRecord[];
  readonly signoffs?: ReadonlyArray<ReleasedSignoffTask | FailedSignoffTask>;
}

/** What the audit machine returns, and what the notify state needs. The report itself is in S3. */
export interface AuditOutcome {
  readonly runId: string;
  readonly verdict: Verdict;
  readonly counts: Readonly<Record<FindingStatus, number>>;
  readonly blockingItems: readonly string[];
  readonly reportLocation: { readonly json: string; readonly markdown: string };
  /** False for a scheduled audit that found nothing new and nothing recovered. */
  readonly notify: boolean;
  /**
   * True for a scheduled audit whose changed memory waits in `runs/<run id>/posture.json`: the
   * state after a successful publish saves it, so a change whose alert was lost is alerted again.
   */
  readonly rememberPosture: boolean;
  /** True when the run now waits for people: a gate that passed so far and requires sign-offs. */
  readonly awaitSignoffs: boolean;
  readonly signoffRoles: readonly string[];
  readonly notification: { readonly subject: string; readonly email: string; readonly sms: string };
  /** The events to put on the default event bus (none while sign-offs are awaited). */
  readonly events: readonly EventEntry[];
}

/** Input of the sign-off request task (called with a task token). */
export interface SignoffRequestEvent {
  readonly taskToken: string;
  readonly runId: string;
  /** Whose gate it is: the control endpoint authorizes answers against this service's approvers. */
  readonly service: string;
  readonly environment: string;
  readonly role: string;
  readonly label: string;
  readonly reportLocation: string;
  readonly timeoutMinutes: number;
}

/** Input of the step after a successful publish that saves the scheduled audit's memory. */
export interface RememberPostureEvent {
  readonly runId: string;
  readonly scope: string;
}
