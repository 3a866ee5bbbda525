import type { FindingStatus } from '../findings';
import type { Verdict } from '../report/model';

/*
 * The events Preflight puts on the account's default event bus, for rules that route them to chat
 * (AWS Chatbot), webhooks (API destinations) or a team's own function. One source, a fixed set of
 * detail types, and a versioned detail: a consumer matches on `detail.version` and a new field never
 * breaks it; a field removed or changed in meaning takes a new version. Documented in docs/events.md.
 */

/** The `source` of every Preflight event; the machines' roles may put no other. */
export const EVENT_SOURCE = 'preflight';

/** The version of the detail schema below. */
export const DETAIL_VERSION = '1' as const;

export const DETAIL_TYPES = {
  gateVerdict: 'Preflight Gate Verdict',
  postureChanged: 'Preflight Posture Changed',
  watchDecision: 'Preflight Watch Decision',
  watchAborted: 'Preflight Watch Aborted',
  rollback: 'Preflight Rollback',
  watchEscalation: 'Preflight Watch Escalation',
} as const;
export type DetailType = (typeof DETAIL_TYPES)[keyof typeof DETAIL_TYPES];

/** The quarterly review's event: put by the review function, not a state machine (review-event.ts). */
export const REVIEW_DETAIL_TYPE = 'Preflight Checklist Review' as const;

/** Every detail type, for the IAM condition that holds the machines to them. */
export const ALL_DETAIL_TYPES: readonly DetailType[] = Object.values(DETAIL_TYPES);

/** What every Preflight event's detail carries, whatever its type. */
export interface EventDetailBase {
  readonly version: typeof DETAIL_VERSION;
  readonly service: string;
  readonly environment: string;
  /** The service's account, as the configuration names it; `null`: Preflight's own (the event's `account`). */
  readonly account: string | null;
  /** The service's region when the run covers one; `null`: Preflight's own, or several (see `regions`). */
  readonly region: string | null;
  readonly regions: readonly string[];
  /** PASS, FAIL or ERROR: FAIL and ERROR both mean "not good"; ERROR means "could not tell". */
  readonly verdict: Verdict;
  /** Findings by status (gate, posture); `null` for watch events, which judge triggers. */
  readonly counts: Readonly<Record<FindingStatus, number>> | null;
  /** The run (the execution's name): the gate's or the watch's deployment id. */
  readonly runId: string;
  /** One line a person reads, as the notification's subject says it. */
  readonly summary: string;
  /** Where to read more: the report's S3 URIs, the watch's evidence. */
  readonly links: Readonly<Record<string, string>>;
}

/** One entry of PutEvents, as the state machines pass it on: the detail is JSON text. */
export interface EventEntry {
  readonly Source: typeof EVENT_SOURCE;
  readonly DetailType: DetailType;
  readonly Detail: string;
}

/** An entry of the given type: the common fields, and those of its type. */
export function entryOf(
  detailType: DetailType,
  detail: EventDetailBase & Readonly<Record<string, unknown>>,
): EventEntry {
  return { Source: EVENT_SOURCE, DetailType: detailType, Detail: JSON.stringify(detail) };
}

/** Every detail type Preflight puts, the review's included. */
export const EVERY_DETAIL_TYPE = [...ALL_DETAIL_TYPES, REVIEW_DETAIL_TYPE] as const;
