import type {
  Baseline,
  FinalDecisionKind,
  ManualAbort,
  PeriodRecord,
  TriggerOutcome,
  WatchDecision,
} from './model';

/*
 * What the watch tells people: the full evidence by email, one line of at most 160 characters by SMS.
 * The `verdict` maps the decision onto the alert topic's verdict filter, so SMS subscribers get
 * ROLLBACK (FAIL) and INCONCLUSIVE (ERROR) by default, and PROCEED (PASS) by email only.
 */

const SMS_LIMIT = 160;
const MAX_SUBJECT = 100;

/** Alert topic verdict of a decision (the subscription filters know PASS, FAIL and ERROR). */
export type AlertVerdict = 'PASS' | 'FAIL' | 'ERROR';

export const VERDICT_OF: Readonly<Record<FinalDecisionKind, AlertVerdict>> = {
  PROCEED: 'PASS',
  ROLLBACK: 'FAIL',
  INCONCLUSIVE: 'ERROR',
};

/** One message per subscription type, and the verdict attribute it is published with. */
export interface WatchNotification {
  readonly subject: string;
  readonly email: string;
  readonly sms: string;
  readonly verdict: AlertVerdict;
}

/** What the rollback action did, for the message. */
export interface RollbackReport {
  readonly action: string;
  readonly succeeded: boolean;
  readonly detail: string;
}

/** Who and what the watch was about. */
export interface WatchSubject {
  readonly service: string;
  readonly environment: string;
  readonly deploymentId: string;
  readonly runId: string;
  /** The account the service runs in, when known. */
  readonly account?: string;
  /** The region watched, when known. */
  readonly region?: string;
}

const ascii = (text: string) => text.replace(/[^\x20-\x7e]/g, '?');
const subjectLine = (text: string) => ascii(text).slice(0, MAX_SUBJECT);
const iso = (ms: number | null) => (ms === null ? 'not yet' : new Date(ms).toISOString());
const num = (value: number | null) => (value === null ? '-' : String(Number(value.toPrecision(6))));

/**
 * `Preflight ROLLBACK orders prod: error-rate. Dep d-1` in one SMS segment. What matters most stays:
 * the decision, the cause and the deployment id; the service label goes first, then the cause is cut.
 */
export function smsLine(head: string, label: string, middle: string, deploymentId: string): string {
  const tail = ascii(` Dep ${deploymentId}`);
  const fits = (text: string) => text.length <= SMS_LIMIT;
  const full = ascii(`${head} ${label}: ${middle}.`) + tail;
  if (fits(full)) return full;
  const short = ascii(`${head}: ${middle}.`) + tail;
  if (fits(short)) return short;
  const room = SMS_LIMIT - tail.length - ascii(head).length - 4;
  const cut = `${ascii(head)}: ${ascii(middle).slice(0, Math.max(room, 20))}~.${tail}`;
  return fits(cut) ? cut : `${cut.slice(0, SMS_LIMIT - 1)}~`;
}

function periods(records: readonly PeriodRecord[]): string {
  if (records.length === 0) return 'none';
  return records
    .map((p) => `${new Date(p.startMs).toISOString().slice(11, 16)} ${num(p.value)}${p.mark}`)
    .join(', ');
}

/** The statistical judge's statistic, p-value or score, and whether it agreed (or only watched, in shadow). */
function judgeLines(outcome: TriggerOutcome): string[] {
  const v = outcome.verdict;
  if (v === null) return [];
  const figures =
    v.rule === 'mann-whitney'
      ? `U ${num(v.statistic)}, p ${num(v.pValue)}, effect ${v.effect === null ? 'none' : `${num(v.effect)}x`}`
      : `score ${num(v.statistic)} scaled MADs`;
  const role = v.shadow ? 'shadow judge (records, never decides)' : 'judge';
  const vetoes = outcome.vetoes > 0 ? `; overruled the threshold rule ${outcome.vetoes} time(s)` : '';
  return [
    `               ${role} ${v.rule}: ${v.agrees ? 'agrees' : 'does not agree'} (${figures}; ${v.watchedSamples} watched vs ${v.referenceSamples} reference values, at ${iso(v.atPeriodEndMs)})${vetoes}`,
  ];
}

/** One trigger's evidence: status, reason, threshold, baseline, breaching and recent periods. */
export function triggerEvidence(outcome: TriggerOutcome): string[] {
  const flags = [outcome.critical ? 'critical' : '', outcome.shadow ? 'shadow: never acts' : '']
    .filter(Boolean)
    .join(', ');
  const b = outcome.baseline;
  const baseline =
    b.unusableReason !== null
      ? `baseline unusable: ${b.unusableReason}`
      : `baseline median ${num(b.median)}, p95 ${num(b.p95)}, spread ${num(b.mad)} (${b.sampleCount} of ${b.expectedCount} periods)${b.alreadyBreaching ? ', already breaching before the deployment' : ''}`;
  return [
    `  ${outcome.status.padEnd(12)} ${outcome.triggerId}${flags === '' ? '' : ` (${flags})`}`,
    `               ${outcome.reason}`,
    `               threshold ${outcome.comparison} ${num(outcome.threshold)}; ${baseline}`,
    ...judgeLines(outcome),
    `               judged ${outcome.judgedPeriods} of the ${outcome.neededPeriods} periods its window needs`,
    ...(outcome.breachingPeriods.length > 0
      ? [`               breaching periods (UTC start, value): ${periods(outcome.breachingPeriods)}`]
      : []),
    `               recent periods (B breach, P pass, M missing, L low traffic): ${periods(outcome.recent)}`,
  ];
}

/**
 * Which window the baseline covered, and what ended it: the deployment's start when the input gave
 * it (`deploymentStartedAt`), else the watch's start. Every trigger shares the window.
 */
export function baselineWindowText(
  baseline: Pick<Baseline, 'fromMs' | 'toMs' | 'deploymentStartedAtMs'>,
): string {
  const window = `${iso(baseline.fromMs)} to ${iso(baseline.toMs)}`;
  return baseline.deploymentStartedAtMs === undefined
    ? `${window}, the complete periods before the watch started`
    : `${window}, the complete periods before the deployment started (deploymentStartedAt ${iso(baseline.deploymentStartedAtMs)})`;
}

function baselineLines(outcomes: readonly TriggerOutcome[]): string[] {
  const first = outcomes[0];
  return first === undefined ? [] : [`Baseline:  ${baselineWindowText(first.baseline)}`];
}

function label(subject: WatchSubject): string {
  return `${subject.service} ${subject.environment}`;
}

/** `Where:` the watched service runs, when the subject says. */
function whereLines(subject: WatchSubject): string[] {
  if (subject.account === undefined && subject.region === undefined) return [];
  const parts = [
    ...(subject.account === undefined ? [] : [`account ${subject.account}`]),
    ...(subject.region === undefined ? [] : [`region ${subject.region}`]),
  ];
  return [`Where:     ${parts.join(', ')}`];
}

/**
 * The message for the watch's final decision; `abort` is the manual abort (from the watch state) when
 * one caused it.
 */
export function decisionNotification(
  subject: WatchSubject,
  decision: WatchDecision & { kind: FinalDecisionKind },
  outcomes: readonly TriggerOutcome[],
  rollback: RollbackReport | null,
  abort: ManualAbort | null = null,
): WatchNotification {
  const cause =
    decision.abort !== null ? `manual abort (${decision.abort})` : (decision.triggerId ?? decision.reason);
  const what = decision.kind === 'PROCEED' ? 'every trigger passed' : cause;
  const lines = [
    `Preflight deployment watch: ${decision.kind} for ${label(subject)} (deployment ${subject.deploymentId})`,
    '',
    `Decision:  ${decision.kind} at ${iso(decision.decidedAtMs)}`,
    ...whereLines(subject),
    `Reason:    ${decision.reason}`,
    ...(decision.triggerId === null ? [] : [`Trigger:   ${decision.triggerId}`]),
    ...baselineLines(outcomes),
    ...(decision.abort === null || abort === null
      ? []
      : [
          `Abort:     ${abort.reason} by ${abort.by ?? 'unknown'} at ${iso(abort.requestedAtMs)}: ${abort.text || '-'}`,
        ]),
    ...(rollback === null
      ? []
      : rollback.action === 'none'
        ? ['Rollback:  none configured: the pipeline acts on this decision']
        : [
            `Rollback:  ${rollback.action}: ${rollback.succeeded ? 'done' : 'FAILED'}: ${rollback.detail}`,
            ...(rollback.succeeded
              ? []
              : ['           Roll back by hand now: the automated action did not complete.']),
          ]),
    '',
    'Triggers',
    ...outcomes.flatMap(triggerEvidence),
    '',
    `Run: ${subject.runId}`,
  ];
  const failed = rollback !== null && !rollback.succeeded ? ' (rollback action FAILED)' : '';
  return {
    subject: subjectLine(`Preflight watch ${decision.kind}: ${label(subject)} (${what})${failed}`),
    email: `${lines.join('\n')}\n`,
    sms: smsLine(`Preflight ${decision.kind}`, label(subject), `${what}${failed}`, subject.deploymentId),
    verdict: VERDICT_OF[decision.kind],
  };
}

/** The one-off message when the watch has gone without metrics data too long. */
export function escalationNotification(
  subject: WatchSubject,
  maxNoDataMinutes: number,
  outcomes: readonly TriggerOutcome[],
): WatchNotification {
  const starving = outcomes.filter((o) => o.escalated).map((o) => o.triggerId);
  const lines = [
    `Preflight deployment watch for ${label(subject)} (deployment ${subject.deploymentId}) has had no metrics`,
    `data for more than ${maxNoDataMinutes} minutes (${starving.join(', ') || 'some triggers'}).`,
    ...whereLines(subject),
    '',
    'The watch goes on: a breach still rolls back, but it can no longer PROCEED; it will end',
    'INCONCLUSIVE. Check that the metrics exist and that Preflight may read them (cloudwatch:GetMetricData,',
    "through the environment's role when it has one), and watch the release yourself.",
    '',
    'Triggers',
    ...outcomes.flatMap(triggerEvidence),
    '',
    `Run: ${subject.runId}`,
  ];
  return {
    subject: subjectLine(`Preflight watch escalation: no metrics data for ${label(subject)}`),
    email: `${lines.join('\n')}\n`,
    sms: smsLine(
      'Preflight watch',
      label(subject),
      `no metrics data for ${maxNoDataMinutes}+ min, cannot PROCEED`,
      subject.deploymentId,
    ),
    verdict: 'ERROR',
  };
}

/** What the rollback marker says ran before the watch failed. */
export type RollbackRan =
  | { readonly kind: 'none' }
  | { readonly kind: 'ran'; readonly action: string; readonly succeeded: boolean; readonly detail: string }
  | { readonly kind: 'started'; readonly action: string; readonly startedAt: string }
  | { readonly kind: 'unknown'; readonly detail: string };

/** The failure message's account of the rollback: lines for the email, a few words for the SMS. */
function rollbackAccount(ran: RollbackRan): { lines: string[]; sms: string; decision: string } {
  switch (ran.kind) {
    case 'none':
      return {
        decision: 'INCONCLUSIVE',
        lines: [
          'The decision is INCONCLUSIVE. A failure of the monitoring never rolls a release back, and this',
          'watch ran no rollback action. Watch the release yourself and decide.',
        ],
        sms: 'no rollback ran',
      };
    case 'ran':
      return {
        decision: 'ROLLBACK',
        lines: [
          `The watch had decided ROLLBACK, and its rollback action ran: ${ran.action} ${ran.succeeded ? 'succeeded' : 'FAILED'}:`,
          `${ran.detail}`,
          ran.succeeded
            ? 'Check the rollback completed.'
            : 'Roll back by hand now: the automated action did not complete.',
        ],
        sms: ran.succeeded ? `rollback ${ran.action} ran` : `rollback ${ran.action} FAILED`,
      };
    case 'started':
      return {
        decision: 'ROLLBACK',
        lines: [
          `The watch had decided ROLLBACK and started the ${ran.action} rollback action at ${ran.startedAt};`,
          'its outcome is unknown. Check it, and roll back by hand if needed.',
        ],
        sms: `rollback ${ran.action} started, outcome unknown`,
      };
    case 'unknown':
      return {
        decision: 'INCONCLUSIVE',
        lines: [
          `The decision is INCONCLUSIVE. Whether a rollback action ran is not known (${ran.detail}):`,
          'check the deployment, and roll back by hand if needed.',
        ],
        sms: 'check if a rollback ran',
      };
  }
}

/** The message when the watch itself failed: what failed, and what the rollback marker says ran. */
export function failureNotification(
  subject: WatchSubject,
  error: string,
  cause: string,
  ran: RollbackRan = { kind: 'none' },
): WatchNotification {
  const account = rollbackAccount(ran);
  const lines = [
    `Preflight deployment watch for ${label(subject)} (deployment ${subject.deploymentId}) failed:`,
    `${error}: ${cause}`,
    '',
    ...account.lines,
    '',
    `Run: ${subject.runId}`,
  ];
  return {
    subject: subjectLine(`Preflight watch ${account.decision}: ${label(subject)} (the watch failed)`),
    email: `${lines.join('\n')}\n`,
    sms: smsLine(
      `Preflight ${account.decision}`,
      label(subject),
      `watch failed (${error}), ${account.sms}`,
      subject.deploymentId,
    ),
    verdict: account.decision === 'ROLLBACK' ? 'FAIL' : 'ERROR',
  };
}
