import type { SignoffAnswer } from '../gate/signoffs';
import type { AuditReport } from '../report/model';
import type { GateEvent, HistoryEvent, MuteRecord, SignoffEvent } from './events';

export interface GateRunFacts {
  readonly runId: string;
  readonly service: string;
  readonly environment: string;
  readonly deploymentId: string;
  /** The account and region the gate judged; absent for the account and region Preflight runs in. */
  readonly account?: string;
  readonly region?: string;
  readonly commitAt?: string;
  /** The recorded override of the deployment window: why, who, when. */
  readonly windowOverride?: { readonly reason: string; readonly by?: string; readonly at?: string };
}

/** The mutes that muted findings of the report, each once, with how many findings. */
function mutesApplied(report: AuditReport): MuteRecord[] {
  const byMute = new Map<string, MuteRecord>();
  for (const finding of report.findings) {
    const mute = finding.mute;
    if (mute === undefined) continue;
    const key = `${finding.checkId} ${mute.resource}`;
    const seen = byMute.get(key);
    byMute.set(key, {
      check: finding.checkId,
      resource: mute.resource,
      reason: mute.reason,
      until: mute.until,
      ...(mute.since === undefined ? {} : { since: mute.since }),
      findings: (seen?.findings ?? 0) + 1,
    });
  }
  return [...byMute.values()];
}

/** The history a finished gate leaves: the run with every item's status, and each sign-off answer. */
export function gateHistory(
  facts: GateRunFacts,
  report: AuditReport,
  answers: readonly SignoffAnswer[],
): HistoryEvent[] {
  const base = {
    at: report.generatedAt,
    service: facts.service,
    environment: facts.environment,
    deploymentId: facts.deploymentId,
    ...(facts.account === undefined ? {} : { account: facts.account }),
    ...(facts.region === undefined ? {} : { region: facts.region }),
    runId: facts.runId,
  };
  const mutes = mutesApplied(report);
  const gate: GateEvent = {
    ...base,
    id: `${facts.runId}#gate`,
    kind: 'gate',
    verdict: report.verdict,
    items: Object.fromEntries(report.items.map((item) => [item.id, item.status])),
    ...(facts.windowOverride ? { windowOverride: facts.windowOverride.reason } : {}),
    ...(facts.windowOverride?.by ? { windowOverrideBy: facts.windowOverride.by } : {}),
    ...(facts.commitAt ? { commitAt: facts.commitAt } : {}),
    ...(mutes.length === 0 ? {} : { mutes }),
  };
  const signoffs: SignoffEvent[] = answers.map((answer) => ({
    ...base,
    id: `${facts.runId}#signoff#${answer.role}`,
    kind: 'signoff',
    role: answer.role,
    approved: answer.approved,
    ...(answer.by ? { by: answer.by } : {}),
    ...(answer.approved ? {} : { reason: answer.reason }),
    ...(answer.at ? { at: answer.at } : {}),
  }));
  return [gate, ...signoffs];
}
