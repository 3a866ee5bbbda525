import type { MetricDefinitionSettings, WatchSettings } from '../../core/config/watch-schema';
import type { EventEntry } from '../../core/events/model';
import { DeploymentIdSchema, EnvironmentNameSchema, ServiceNameSchema } from '../../core/identifiers';
import type { EnvironmentTarget } from '../../core/services/target';
import type { StaleAbort } from '../../core/watch/abort-request';
import type {
  FinalDecisionKind,
  TriggerOutcome,
  TriggerStatus,
  WatchDecision,
  WatchPlan,
  WatchState,
} from '../../core/watch/model';
import type { WatchNotification } from '../../core/watch/notification';
import type { WatchReadings } from '../../core/watch/recorded-readings';
import * as z from '../../core/zod';

/** Longest watch one execution takes (24 hours, as `watch.minutes` allows). */
export const MAX_WATCH_MINUTES = 24 * 60;

/** One message for every way `minutes` can be wrong: what came, and what is expected. */
const minutesError = (issue: { readonly input?: unknown }) =>
  `got ${JSON.stringify(issue.input) ?? 'nothing'}; expected a whole number of minutes from 1 to ${MAX_WATCH_MINUTES}`;

/**
 * Fields a caller may not send: what a watch watches (its triggers, how they judge and what they
 * compare with, and the metrics the service's watch reads) and what a rollback does are configuration.
 */
const CONFIGURATION_ONLY = ['triggers', 'rollback', 'metrics', 'values', 'judge', 'versus'];

/** Names an unknown field, and says why `triggers` and `rollback` are not input fields. */
function unknownFields(issue: { code?: string; keys?: readonly string[] }): string | undefined {
  if (issue.code !== 'unrecognized_keys') return undefined;
  const keys = issue.keys ?? [];
  const fixed = keys.filter((k) => CONFIGURATION_ONLY.includes(k));
  const other = keys.filter((k) => !CONFIGURATION_ONLY.includes(k));
  return [
    ...(fixed.length === 0
      ? []
      : [
          `${fixed.join(' and ')}: not accepted in the input; triggers and the rollback action come from the configuration only (watch.triggers, watch.rollback), a trigger's judge and versus too, and so do the metrics a service's watch reads (watch.metrics, services.<name>.watch.values)`,
        ]),
    ...(other.length === 0
      ? []
      : [
          `unknown field${other.length > 1 ? 's' : ''} ${other.join(', ')}; expected deploymentId, service, environment, minutes, commitTime, deploymentStartedAt`,
        ]),
  ].join('; ');
}

/**
 * Input of the watch state machine, as a pipeline or `preflight watch start` sends it. It names the
 * release and may shorten or lengthen the watch; it cannot change the triggers or the rollback action.
 */
export const WatchInputSchema = z.strictObject(
  {
    /** Names the watch (the execution) and, for the CodeDeploy action, the deployment to stop. */
    deploymentId: DeploymentIdSchema,
    service: ServiceNameSchema,
    environment: EnvironmentNameSchema,
    /** Length of the watch. @default watch.minutes of the configuration */
    minutes: z.optional(
      z
        .number({ error: minutesError })
        .check(
          z.int({ error: minutesError }),
          z.gte(1, { error: minutesError }),
          z.lte(MAX_WATCH_MINUTES, { error: minutesError }),
        ),
    ),
    /** When the change was committed (ISO 8601), for lead time. */
    commitTime: z.optional(
      z.iso.datetime({ offset: true, error: 'expected an ISO 8601 time such as 2026-11-26T09:12:00Z' }),
    ),
    /**
     * When the deployment began rolling out (ISO 8601), when the watch starts after it: the baseline
     * ends there, so new code rolled out before the watch is not in it.
     * @default the watch's start
     */
    deploymentStartedAt: z.optional(
      z.iso.datetime({
        offset: true,
        error: 'expected an ISO 8601 time with its offset, such as 2026-11-26T09:40:00Z',
      }),
    ),
  },
  { error: unknownFields },
);
export type WatchInput = z.output<typeof WatchInputSchema>;

/**
 * What stays the same for the whole watch: carried unchanged between steps. Everything but the names
 * and times comes from the configuration (resolved for the service and environment at the start),
 * never from the input.
 */
export interface WatchRun {
  readonly runId: string;
  readonly deploymentId: string;
  readonly service: string;
  readonly environment: string;
  /** The account the service runs in, as the configuration names it; absent: Preflight's own. */
  readonly account?: string;
  /** The region watched, as the configuration names it; absent: Preflight's own. */
  readonly region?: string;
  /** How the environment is reached: its role for metrics, its rollback role, observability. */
  readonly reach: EnvironmentTarget;
  readonly commitAt?: string;
  readonly startedAt: string;
  /** When the deployment began rolling out, as the input gave it: the baseline ends there. */
  readonly deploymentStartedAt?: string;
  readonly rollback: WatchSettings['rollback'];
  readonly maxNoDataMinutes: number;
  readonly metrics: Readonly<Record<string, MetricDefinitionSettings>>;
  readonly periodSeconds: number;
  readonly plan: WatchPlan;
}

/** One trigger's status in a step's summary. */
export interface TriggerSummary {
  readonly triggerId: string;
  readonly status: TriggerStatus;
  readonly reason: string;
}

/** What changes at every step. Full outcomes only travel with a final decision. */
export interface WatchStep {
  readonly state: WatchState;
  /** When the next step runs (the Wait state's timestamp). */
  readonly nextStepAt: string;
  readonly decision: WatchDecision;
  readonly escalate: boolean;
  readonly summary: readonly TriggerSummary[];
  readonly outcomes?: readonly TriggerOutcome[];
  readonly escalation?: WatchNotification;
  /** The escalation's event for the default bus, with `escalation`. */
  readonly escalationEvents?: readonly EventEntry[];
  /** Every judged period's value per trigger, for the quarterly review's threshold sweep. */
  readonly readings?: WatchReadings;
  /** An abort found at this step but ignored: requested before the watch started. */
  readonly staleAbort?: StaleAbort;
}

export interface StartEvent {
  readonly input: unknown;
  /**
   * The watch's slice of the configuration (`core/services/target-settings.ts`), embedded in the
   * state machine at synth time; validated when read.
   */
  readonly settings: unknown;
  readonly runId: string;
  /** The execution's start: the deployment time the plan is built from. */
  readonly startedAt: string;
}

export interface StepEvent {
  readonly watch: WatchRun;
  readonly step: WatchStep;
}

/** The failure path: what failed, and the execution's own input. */
export interface FailureEvent {
  readonly failure: { readonly Error?: string; readonly Cause?: string };
  readonly input: unknown;
  readonly runId: string;
}

/** What the act task returns: the machine's output fields, the notification, the follow-up input. */
export interface WatchOutcome {
  readonly deploymentId: string;
  readonly decision: FinalDecisionKind;
  readonly decidedAt: string;
  readonly trigger: string | null;
  readonly reason: string;
  readonly notification: WatchNotification;
  readonly rollback: { readonly action: string; readonly succeeded: boolean; readonly detail: string } | null;
  readonly followup: {
    readonly deploymentId: string;
    readonly service: string;
    readonly environment: string;
    readonly decidedAt: string;
  };
  /** The events to put on the default event bus: the decision, and any abort or rollback. */
  readonly events: readonly EventEntry[];
}
