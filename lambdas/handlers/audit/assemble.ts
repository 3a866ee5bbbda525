import type { ReportStore } from '../../aws/report-store';
import { reportKeys } from '../../aws/report-store';
import { controlKeys } from '../../core/control/keys';
import { type OverriddenGate, overrideMismatch } from '../../core/control/override-validity';
import { SignoffAnswerRecordSchema, WindowOverrideRecordSchema } from '../../core/control/records';
import { AwsCallError } from '../../core/errors';
import type { CheckResult, Finding } from '../../core/findings';
import { ATTESTATIONS_CHECK_ID, evaluateAttestations } from '../../core/gate/attestations';
import { BACKUP_CHECK_ID, backupOutcomeFrom, evaluateBackups } from '../../core/gate/backup';
import { diffPosture, type PostureChange } from '../../core/gate/posture';
import {
  evaluateSignoffs,
  judgeSignoff,
  type RecordedAnswer,
  SIGNOFFS_CHECK_ID,
  type SignoffAnswer,
} from '../../core/gate/signoffs';
import { evaluateWindow, WINDOW_CHECK_ID, type WindowOverride } from '../../core/gate/window';
import type { HistoryEvent } from '../../core/history/events';
import { gateHistory } from '../../core/history/from-audit';
import { ownEntry } from '../../core/own';
import { buildReport } from '../../core/report/build';
import type { AuditReport, ReportTarget } from '../../core/report/model';
import { auditNotification, postureNotification } from '../../core/report/notification';
import { renderMarkdown } from '../../core/report/render-markdown';
import type { ReportSettings, TargetReportSettings } from '../../core/report/settings-schema';
import { smsSummary } from '../../core/report/sms';
import { collectCheckResults, requiredChecks, requiredTasks } from './check-results';
import type { BuildReportEvent, FailedSignoffTask, ReleasedSignoffTask, ValidatedAudit } from './contract';

export interface AssembledAudit {
  readonly report: AuditReport;
  /** Events to record: a finished gate's run and sign-offs; none for scheduled audits or mid-way. */
  readonly history: readonly HistoryEvent[];
  readonly markdown: string;
  /** The scheduled audit's comparison with its memory; the memory is saved only once the alert is published. */
  readonly posture?: PostureChange;
  readonly notify: boolean;
  readonly awaitSignoffs: boolean;
  readonly signoffRoles: readonly string[];
  readonly notification: { subject: string; email: string; sms: string };
}

/** The memory the scheduled audit compares with; anything but a list of keys reads as no memory (all new). */
async function rememberedPosture(store: ReportStore, scope: string): Promise<string[] | undefined> {
  const stored = await store.getJson<unknown>(reportKeys.posture(scope)).catch((error: unknown) => {
    if (error instanceof AwsCallError) throw error;
    return undefined;
  });
  return Array.isArray(stored) && stored.every((key) => typeof key === 'string') ? stored : undefined;
}

/**
 * The role's answer as Preflight's sign-off endpoint recorded it; a record that is missing, malformed
 * or for another run or role counts as no answer.
 */
async function recordedAnswer(
  store: ReportStore,
  runId: string,
  role: string,
): Promise<RecordedAnswer | undefined> {
  const parsed = SignoffAnswerRecordSchema.safeParse(
    await store.getJson(controlKeys.signoffAnswer(runId, role)),
  );
  return parsed.success && parsed.data.runId === runId ? parsed.data : undefined;
}

/** Each role's answer, judged on the recorded answer rather than on what released its task. */
async function judgeSignoffs(
  tasks: ReadonlyArray<ReleasedSignoffTask | FailedSignoffTask>,
  store: ReportStore,
  runId: string,
  context: { timeoutMinutes: number; runStartedAt: Date },
): Promise<SignoffAnswer[]> {
  return Promise.all(
    tasks.map(async (task) =>
      judgeSignoff(
        task.role,
        'taskError' in task ? { kind: 'failed', error: task.taskError } : { kind: 'released' },
        await recordedAnswer(store, runId, task.role),
        context,
      ),
    ),
  );
}

/**
 * The window override the control endpoint recorded for this gate, if any: valid, for this deployment
 * id, service and environment, and recorded within the day before the run started.
 */
async function recordedOverride(
  store: ReportStore,
  gate: OverriddenGate,
): Promise<WindowOverride | undefined> {
  const parsed = WindowOverrideRecordSchema.safeParse(
    await store.getJson(controlKeys.windowOverride(gate.deploymentId)),
  );
  if (!parsed.success || overrideMismatch(parsed.data, gate) !== undefined) return undefined;
  const { reason, by, at } = parsed.data;
  return { reason, by, at };
}

/** Whose run it was, as the input step resolved it, and the regions it covered (maybe one of its environment's). */
function runTarget(audit: ValidatedAudit): ReportTarget {
  const { service, environment, account, regions, implicit } = audit.target;
  return {
    service,
    environment,
    ...(account === undefined ? {} : { account }),
    ...(regions.length === 1 ? { region: regions[0] as string } : {}),
    regions: [...regions],
    implicit,
  };
}

/** The report step was given no slice for the run's target: the run cannot be judged. */
export class ReportSettingsError extends Error {
  override readonly name = 'ReportSettingsError';
}

/**
 * The target's slice: a configured service's in its environment, else the one for a run naming no
 * configured service (the whole account, an environment's or an organization account's posture).
 * @throws ReportSettingsError when the settings have none for it.
 */
function targetSettings(settings: ReportSettings, audit: ValidatedAudit): TargetReportSettings {
  const { service, environment, implicit } = audit.target;
  const found = implicit
    ? settings.account
    : ownEntry(ownEntry(settings.services, service) ?? {}, environment);
  if (found === undefined) {
    throw new ReportSettingsError(
      implicit
        ? 'the report settings have no settings for a run naming no service (settings.account)'
        : `the report settings have no settings for service "${service}" in environment "${environment}" (settings.services)`,
    );
  }
  return found;
}

function gateResult(checkId: string, findings: Finding[], now: Date): CheckResult[] {
  return findings.length === 0 ? [] : [{ checkId, findings, startedAt: now.toISOString(), durationMs: 0 }];
}

/**
 * Everything between the state machine's inputs and the stored report; the handler only does I/O
 * around it. `settings` is the report's slice of the configuration, already validated.
 */
export async function assembleAudit(
  event: BuildReportEvent,
  settings: ReportSettings,
  store: ReportStore,
): Promise<AssembledAudit> {
  const { checklist } = settings;
  const now = new Date(event.now);
  const { audit } = event;
  // The settings of the target the input step resolved, from the slice written at synth (never from the state).
  const target = targetSettings(settings, audit);
  const required = requiredChecks(audit, target.checks);
  const checkResults = await collectCheckResults(
    event.results,
    requiredTasks(audit, required, settings.accountWideChecks),
    audit,
    store,
    now,
  );

  const answers = await judgeSignoffs(event.signoffs ?? [], store, audit.runId, {
    timeoutMinutes: settings.signoffTimeoutMinutes,
    runStartedAt: now,
  });
  const windowOverride =
    audit.mode === 'gate' && settings.window !== undefined
      ? await recordedOverride(store, {
          deploymentId: audit.deploymentId,
          ...audit.targetRequest,
          startedAt: now,
        })
      : undefined;
  const gate =
    audit.mode === 'gate'
      ? [
          ...gateResult(
            ATTESTATIONS_CHECK_ID,
            evaluateAttestations(checklist, audit.attestations, settings.requiredAttestations),
            now,
          ),
          ...gateResult(
            WINDOW_CHECK_ID,
            evaluateWindow(settings.window, settings.timezone, now, windowOverride),
            now,
          ),
          ...gateResult(BACKUP_CHECK_ID, evaluateBackups((event.backups ?? []).map(backupOutcomeFrom)), now),
          ...gateResult(SIGNOFFS_CHECK_ID, evaluateSignoffs(checklist, answers), now),
        ]
      : [];

  const report = buildReport({
    checklist,
    results: [...checkResults, ...gate],
    now,
    label: audit.label,
    target: {
      ...runTarget(audit),
      ...(audit.release === undefined ? {} : { release: audit.release.images.map((i) => i.reference) }),
    },
    ...(target.resources === undefined ? {} : { selector: target.resources }),
    accountFindings: target.accountFindings,
    warnBlocks: settings.warnBlocks,
    mutes: settings.mutes,
  });
  // The service's own sign-off roles (and, at the control endpoint, its own approvers).
  const signoffRoles = target.signoffRoles;
  const awaitSignoffs =
    audit.mode === 'gate' &&
    report.verdict === 'PASS' &&
    signoffRoles.length > 0 &&
    event.signoffs === undefined;

  let posture: PostureChange | undefined;
  let notification: { subject: string; email: string; sms: string };
  if (audit.mode === 'scheduled') {
    // A run of only some checks compares, and changes the memory of, only those checks.
    const judgedAll = target.checks.every((id) => required.includes(id));
    posture = diffPosture(
      await rememberedPosture(store, audit.scope),
      report.findings,
      judgedAll ? undefined : required,
    );
    notification = postureNotification(report, posture, audit.label, audit.runId);
  } else {
    const { subject, message } = auditNotification(report, audit.label);
    notification = { subject, email: message, sms: smsSummary(report, audit.label, audit.runId) };
  }
  const changed = posture === undefined || posture.newFailures.length > 0 || posture.recoveries.length > 0;
  const history =
    audit.mode === 'gate' && !awaitSignoffs
      ? gateHistory(
          {
            ...audit,
            ...(audit.target.account === undefined ? {} : { account: audit.target.account }),
            ...(audit.target.regions.length === 1 ? { region: audit.target.regions[0] } : {}),
            ...(windowOverride ? { windowOverride } : {}),
          },
          report,
          answers,
        )
      : [];
  return {
    report,
    history,
    markdown: renderMarkdown(report),
    ...(posture ? { posture } : {}),
    notify: !awaitSignoffs && changed,
    awaitSignoffs,
    signoffRoles: awaitSignoffs ? signoffRoles : [],
    notification,
  };
}
