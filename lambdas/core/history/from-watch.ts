import type {
  FinalDecisionKind,
  ManualAbort,
  TriggerDefinition,
  TriggerOutcome,
  WatchState,
} from '../watch/model';
import { recordOutcomes, type WatchReadings } from '../watch/recorded-readings';
import type { AbortEvent, RollbackEvent, WatchDecidedEvent, WatchStartedEvent } from './events';

/*
 * The history a deployment watch leaves, built here as the gate's is (`from-audit.ts`): the handlers
 * only record what these functions return.
 */

/** Who and what a watch is about, as its history names it. */
export interface WatchRunFacts {
  readonly runId: string;
  readonly service: string;
  readonly environment: string;
  readonly deploymentId: string;
  /** The account and region the watch reads; absent for the account and region Preflight runs in. */
  readonly account?: string;
  readonly region?: string;
}

function baseOf(facts: WatchRunFacts) {
  return {
    service: facts.service,
    environment: facts.environment,
    ...(facts.account === undefined ? {} : { account: facts.account }),
    ...(facts.region === undefined ? {} : { region: facts.region }),
    deploymentId: facts.deploymentId,
    runId: facts.runId,
  };
}

/** `watch-started`, with each trigger's baseline summary. */
export function watchStartedEvent(
  facts: WatchRunFacts,
  at: string,
  state: WatchState,
  commitAt?: string,
): WatchStartedEvent {
  const baseline = Object.fromEntries(
    Object.entries(state.baselines).map(([id, b]) => [
      id,
      { median: b.median, p95: b.p95, sampleCount: b.sampleCount, unusableReason: b.unusableReason },
    ]),
  );
  return {
    ...baseOf(facts),
    kind: 'watch-started',
    id: `${facts.runId}#watch-started`,
    at,
    ...(commitAt === undefined ? {} : { commitAt }),
    baseline,
  };
}

/** `abort`: a person stopped the release, recorded once, dated by the request. */
export function abortEvent(facts: WatchRunFacts, abort: ManualAbort): AbortEvent {
  return {
    ...baseOf(facts),
    kind: 'abort',
    id: `${facts.runId}#abort`,
    at: new Date(abort.requestedAtMs).toISOString(),
    reasonCode: abort.reason,
    text: abort.text,
    ...(abort.by === null ? {} : { by: abort.by }),
  };
}

/** `rollback`: the rollback action ran, or failed. */
export function rollbackEvent(
  facts: WatchRunFacts,
  at: string,
  rollback: { readonly action: string; readonly succeeded: boolean; readonly detail: string },
  completedAt: string,
): RollbackEvent {
  return {
    ...baseOf(facts),
    kind: 'rollback',
    id: `${facts.runId}#rollback`,
    at,
    action: rollback.action,
    succeeded: rollback.succeeded,
    completedAt,
    detail: rollback.detail,
  };
}

/** `watch-decided`: the decision, what caused it, and every trigger's outcome with its readings. */
export function watchDecidedEvent(
  facts: WatchRunFacts,
  decided: {
    readonly at: string;
    readonly decision: FinalDecisionKind;
    readonly trigger: string | null;
    readonly reason: string;
    readonly outcomes?: {
      readonly outcomes: readonly TriggerOutcome[];
      readonly triggers: readonly TriggerDefinition[];
      readonly readings: WatchReadings | undefined;
    };
  },
): WatchDecidedEvent {
  return {
    ...baseOf(facts),
    kind: 'watch-decided',
    id: `${facts.runId}#watch-decided`,
    at: decided.at,
    decision: decided.decision,
    ...(decided.trigger === null ? {} : { trigger: decided.trigger }),
    reason: decided.reason,
    ...(decided.outcomes === undefined
      ? {}
      : {
          outcomes: recordOutcomes(
            decided.outcomes.outcomes,
            decided.outcomes.triggers,
            decided.outcomes.readings,
          ),
        }),
  };
}
