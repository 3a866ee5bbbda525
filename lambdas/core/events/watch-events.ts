import type { AbortReason, FinalDecisionKind } from '../watch/model';
import type { AlertVerdict } from '../watch/notification';
import { DETAIL_TYPES, DETAIL_VERSION, type EventEntry, entryOf } from './model';

/** What every watch event names: the watched deployment, where it runs, and the alert it goes with. */
interface WatchedDeployment {
  readonly service: string;
  readonly environment: string;
  readonly account?: string;
  readonly region?: string;
  readonly runId: string;
  readonly deploymentId: string;
  readonly verdict: AlertVerdict;
  readonly subject: string;
}

export interface WatchEventInput extends WatchedDeployment {
  readonly decision: FinalDecisionKind;
  readonly decidedAt: string;
  /** The trigger that decided a ROLLBACK, `manual-abort` for an abort, else `null`. */
  readonly trigger: string | null;
  readonly reason: string;
  /** The reason code of a manual abort, else `null`. */
  readonly abort: AbortReason | null;
  readonly rollback: { readonly action: string; readonly succeeded: boolean; readonly detail: string } | null;
  /** Where the decision and its evidence are kept, when they were stored. */
  readonly evidence?: string;
}

export interface EscalationEventInput extends WatchedDeployment {
  /** When the watch escalated: the step's time. */
  readonly at: string;
}

/** The part of a watch event's detail every watch event has. */
function watchedDetail(input: WatchedDeployment, links: Record<string, string>) {
  return {
    version: DETAIL_VERSION,
    service: input.service,
    environment: input.environment,
    account: input.account ?? null,
    region: input.region ?? null,
    regions: input.region === undefined ? [] : [input.region],
    verdict: input.verdict,
    counts: null,
    runId: input.runId,
    summary: input.subject,
    links,
    deploymentId: input.deploymentId,
  };
}

/** The event of a watch that escalates (it went without data too long): people should look now. */
export function escalationEvents(input: EscalationEventInput): EventEntry[] {
  return [entryOf(DETAIL_TYPES.watchEscalation, { ...watchedDetail(input, {}), escalatedAt: input.at })];
}

/**
 * The events of a watch's end: always its decision; an abort when a person stopped the release; a
 * rollback when a rollback action ran (or was started), with whether it succeeded.
 */
export function watchEvents(input: WatchEventInput): EventEntry[] {
  const links: Record<string, string> = input.evidence === undefined ? {} : { evidence: input.evidence };
  const base = {
    ...watchedDetail(input, links),
    decision: input.decision,
    decidedAt: input.decidedAt,
    trigger: input.trigger,
    reason: input.reason,
  };
  const rollback = input.rollback !== null && input.rollback.action !== 'none' ? input.rollback : null;
  return [
    entryOf(DETAIL_TYPES.watchDecision, { ...base, rollback }),
    ...(input.abort === null
      ? []
      : [entryOf(DETAIL_TYPES.watchAborted, { ...base, abortReason: input.abort })]),
    ...(rollback === null ? [] : [entryOf(DETAIL_TYPES.rollback, { ...base, rollback })]),
  ];
}
