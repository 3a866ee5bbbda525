import { createHash } from 'node:crypto';
import type { Checklist, ChecklistItem } from '../checklist/types';
import type { CheckId } from '../config/schema';
import { HASHED_ENDING } from '../execution-name';

export const FOLLOWUP_DELAYS = ['1h', '24h', '7d'] as const;

/** Checks a follow-up re-runs: alarms still functional, backups still fresh and restorable. */
export const FOLLOWUP_CHECKS = ['alarms', 'database-backups'] as const satisfies readonly CheckId[];
export type FollowupDelay = (typeof FOLLOWUP_DELAYS)[number];

const DELAY_MS: Readonly<Record<FollowupDelay, number>> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
};

/** What a follow-up schedule carries to the follow-up function. */
export interface FollowupRequest {
  readonly deploymentId: string;
  readonly service: string;
  readonly environment: string;
  /** When the watch decided PROCEED (ISO 8601). */
  readonly decidedAt: string;
  readonly delay: FollowupDelay;
}

export interface PlannedFollowup {
  readonly name: string;
  /** EventBridge Scheduler one-time expression, in UTC. */
  readonly expression: string;
  readonly request: FollowupRequest;
}

const PREFIX = 'preflight-';
/** Room for the deployment id in a schedule name: 64 characters, less the prefix and `-24h`. */
const ID_ROOM = 64 - PREFIX.length - '-24h'.length;
const HASH_LENGTH = 10;

/**
 * Schedule names allow letters, digits, `.`, `-` and `_`, up to 64 characters, and Scheduler refuses a
 * second schedule of a name (read as "already scheduled"), so the name is lossless: an id that fits
 * as it is is used as it is; any other (a `:`, or longer) is shortened and suffixed with a hash of
 * the whole id, so `rel:42` and `rel-42`, or two long ids alike in their first 50 characters, never
 * share their follow-ups.
 */
function scheduleName(deploymentId: string, delay: FollowupDelay): string {
  // An id that ends like a shortened one (`rel-42-` and ten hex digits) is shortened too: as it is,
  // it would take the schedules of the id it looks made from, and theirs would read as done.
  const fits =
    /^[A-Za-z0-9._-]+$/.test(deploymentId) &&
    deploymentId.length <= ID_ROOM &&
    !HASHED_ENDING.test(deploymentId);
  if (fits) return `${PREFIX}${deploymentId}-${delay}`;
  const hash = createHash('sha256').update(deploymentId, 'utf8').digest('hex').slice(0, HASH_LENGTH);
  const readable = deploymentId.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, ID_ROOM - HASH_LENGTH - 1);
  return `${PREFIX}${readable}-${hash}-${delay}`;
}

/** The three one-time follow-ups of a deployment that passed its watch: 1 hour, 24 hours, 7 days later. */
export function planFollowups(base: Omit<FollowupRequest, 'delay'>): PlannedFollowup[] {
  const decided = new Date(base.decidedAt).getTime();
  return FOLLOWUP_DELAYS.map((delay) => ({
    name: scheduleName(base.deploymentId, delay),
    expression: `at(${new Date(decided + DELAY_MS[delay]).toISOString().slice(0, 19)})`,
    request: { ...base, delay },
  }));
}

/** The checklist items a follow-up verifies: the post-deployment items of its delay. */
export function followupItems(checklist: Checklist, delay: FollowupDelay): ChecklistItem[] {
  return checklist.items.filter(
    (item) => item.verification.kind === 'followup' && item.verification.after === delay,
  );
}
