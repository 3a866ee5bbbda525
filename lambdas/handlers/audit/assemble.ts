import type { ReportStore } from '../../aws/report-store';
import { reportKeys } from '../../aws/report-store';
import { auditTarget } from '../../core/audit-input';
import { resolveChecklist } from '../../core/checklist/resolve';
import { selectChecks } from '../../core/checks/select';
import { validateConfig } from '../../core/config/validate';
import { controlKeys } from '../../core/control/keys';
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
import { buildReport } from '../../core/report/build';
import type { AuditReport } from '../../core/report/model';
import { auditNotification, postureNotification } from '../../core/report/notification';
import { renderMarkdown } from '../../core/report/render-markdown';
import { smsSummary } from '../../core/report/sms';
import { reportTarget } from '../../core/report/target';
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

/** The window override recorded for this deployment by the control endpoint, if any (and valid). */
async function recordedOverride(
  store: ReportStore,
  deploymentId: string,
): Promise<WindowOverride | undefined> {
  const parsed = WindowOverrideRecordSchema.safeParse(
    await store.getJson(controlKeys.windowOverride(deploymentId)),
  );
  if (!parsed.success || parsed.data.deploymentId !== deploymentId) return undefined;
  const { reason, by, at } = parsed.data;
  return { reason, by, at };
}

/** The regions this run covered (a scheduled run may cover one region of its environment). */
function runRegions(audit: ValidatedAudit): { regions: readonly string[]; region?: string } {
  const { regions } = audit.target;
  return { regions, ...(regions.length === 1 ? { region: regions[0] as string } : {}) };
}

function gateResult(checkId: string, findings: Finding[], now: Date): CheckResult[] {
  return findings.length === 0 ? [] : [{ checkId, findings, startedAt: now.toISOString(), durationMs: 0 }];
}

/** Everything between the state machine's inputs and the stored report; the handler only does I/O around it. */
export async function assembleAudit(event: BuildReportEvent, store: ReportStore): Promise<AssembledAudit> {
  const config = validateConfig(event.config, 'the state machine configuration');
  const checklist = resolveChecklist(config);
  const now = new Date(event.now);
  const { audit } = event;
  // Whose run it is, resolved again from the embedded configuration (never from the state).
  const target = auditTarget(config, audit.mode, audit.targetRequest);
  const required = requiredChecks(audit, config, target);
  const checkResults = await collectCheckResults(
    event.results,
    requiredTasks(audit, required),
    audit,
    store,
    now,
  );

  const answers = await judgeSignoffs(event.signoffs ?? [], store, audit.runId, {
    timeoutMinutes: config.gate.signoffs.timeoutMinutes,
    runStartedAt: now,
  });
  const windowOverride =
    audit.mode === 'gate' && config.gate.window !== undefined
      ? await recordedOverride(store, audit.deploymentId)
      : undefined;
  const gate =
    audit.mode === 'gate'
      ? [
          ...gateResult(
            ATTESTATIONS_CHECK_ID,
            evaluateAttestations(checklist, audit.attestations, config.gate.requiredAttestations),
            now,
          ),
          ...gateResult(
            WINDOW_CHECK_ID,
            evaluateWindow(config.gate.window, config.timezone, now, windowOverride),
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
      ...(reportTarget(target) as NonNullable<ReturnType<typeof reportTarget>>),
      ...runRegions(audit),
      ...(audit.release === undefined ? {} : { release: audit.release.images.map((i) => i.reference) }),
    },
    ...(target.resources === undefined ? {} : { selector: target.resources }),
    accountFindings: target.accountFindings,
    warnBlocks: config.gate.warnBlocks,
    mutes: config.mutes,
  });
  // The service's own sign-off roles (and, at the control endpoint, its own approvers).
  const signoffRoles = target.signoffs.roles;
  const awaitSignoffs =
    audit.mode === 'gate' &&
    report.verdict === 'PASS' &&
    signoffRoles.length > 0 &&
    event.signoffs === undefined;

  let posture: PostureChange | undefined;
  let notification: { subject: string; email: string; sms: string };
  if (audit.mode === 'scheduled') {
    // A run of only some checks compares, and changes the memory of, only those checks.
    const judgedAll = selectChecks(config, undefined, target.checks).every((id) => required.includes(id));
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
