import { z } from 'zod';
import type { FindingStatus } from '../../core/findings';
import type { BackupTaskRecord } from '../../core/gate/backup';
import type { SignoffAnswer } from '../../core/gate/signoffs';
import { DeploymentIdSchema, EnvironmentNameSchema, ServiceNameSchema } from '../../core/identifiers';
import type { Verdict } from '../../core/report/model';

/** Input of the audit state machine, as pipelines and the schedule send it. */
export const AuditInputSchema = z.strictObject({
  /** `gate` before a deployment (attestations, window, sign-offs, backup), `scheduled` for the posture audit. */
  mode: z.enum(['gate', 'scheduled']).default('gate'),
  /** The service being deployed. */
  service: ServiceNameSchema.optional(),
  environment: EnvironmentNameSchema.optional(),
  deploymentId: DeploymentIdSchema.optional(),
  /** When the change being deployed was committed (ISO 8601), for lead time. */
  commitTime: z.iso
    .datetime({ offset: true, error: 'expected an ISO 8601 time such as 2026-11-26T09:12:00Z' })
    .optional(),
  /** Check ids to run. @default every enabled check */
  checks: z.array(z.string().min(1)).min(1).optional(),
  /** Pipeline attestations: checklist attestation key → evidence link. */
  attestations: z
    .record(z.string(), z.url({ protocol: /^https?$/, error: 'expected an http(s) evidence link' }))
    .default({}),
  /** Deploy outside the window anyway; the reason is recorded. */
  windowOverride: z
    .strictObject({ reason: z.string().min(5).max(500), by: z.string().max(200).optional() })
    .optional(),
});
export type AuditInput = z.output<typeof AuditInputSchema>;

/** The accepted input, as the first state hands it to the rest of the run. */
export interface ValidatedAudit {
  readonly runId: string;
  readonly mode: 'gate' | 'scheduled';
  readonly service: string;
  readonly environment: string;
  readonly deploymentId: string;
  readonly commitAt?: string;
  readonly checkIds: readonly string[];
  /** What the report says was audited. */
  readonly label: string;
  /** Scope of the remembered posture, for alerting on changes only. */
  readonly scope: string;
  readonly attestations: Readonly<Record<string, string>>;
  readonly windowOverride?: { readonly reason: string; readonly by?: string };
  /** Pre-deployment backups to take (gate mode only). */
  readonly backupTargets: ReadonlyArray<{ resourceArn: string; backupVaultName: string; iamRoleArn: string }>;
}

/** What the audit machine hands to each check task. */
export interface RunCheckEvent {
  readonly checkId: string;
  /** ISO time all checks of a run judge against: the execution's start. */
  readonly now: string;
  readonly runId: string;
  readonly config: unknown;
}

/** A check's result, stored in S3; only this pointer travels through the state machine. */
export interface StoredCheckResult {
  readonly checkId: string;
  readonly resultKey: string;
  readonly counts: Readonly<Record<FindingStatus, number>>;
}

/** A check task that failed after its retries, as the state machine's Catch records it. */
export interface FailedCheckTask {
  readonly checkId: string;
  readonly taskError: { readonly Error?: string; readonly Cause?: string };
}

/** A sign-off task that failed (rejected, timed out), as the state machine's Catch records it. */
export interface FailedSignoffTask {
  readonly role: string;
  readonly taskError: { readonly Error?: string; readonly Cause?: string };
}

export interface BuildReportEvent {
  readonly now: string;
  readonly audit: ValidatedAudit;
  readonly config: unknown;
  readonly results: ReadonlyArray<StoredCheckResult | FailedCheckTask>;
  readonly backups?: readonly BackupTaskRecord[];
  readonly signoffs?: ReadonlyArray<SignoffAnswer | FailedSignoffTask>;
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
  /** True when the run now waits for people: a gate that passed so far and requires sign-offs. */
  readonly awaitSignoffs: boolean;
  readonly signoffRoles: readonly string[];
  readonly notification: { readonly subject: string; readonly email: string; readonly sms: string };
}

/** Input of the sign-off request task (called with a task token). */
export interface SignoffRequestEvent {
  readonly taskToken: string;
  readonly runId: string;
  readonly role: string;
  readonly label: string;
  readonly reportLocation: string;
  readonly timeoutMinutes: number;
}
