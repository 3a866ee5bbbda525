import type { Finding } from '../findings';

/** What changed since the previous scheduled audit. */
export interface PostureChange {
  /** Failing now, not failing last time (`checkId rule resource`). */
  readonly newFailures: readonly string[];
  /** Failing (or muted) last time, neither failing nor muted now, among the checks this run judged. */
  readonly recoveries: readonly string[];
  /**
   * What to remember for the next run: every failing key now, every muted key (marked `#muted`),
   * plus what was remembered of the checks this run did not judge.
   */
  readonly failing: readonly string[];
}

/** The identity of a finding across runs. */
export function findingKey(finding: Pick<Finding, 'checkId' | 'rule' | 'resource'>): string {
  return `${finding.checkId} ${finding.rule} ${finding.resource}`;
}

/*
 * A muted finding is remembered apart (`<key> #muted`): it is neither a recovery when its mute
 * begins nor forgotten, and when the mute ends its failure is new again, so it is alerted once.
 */
const MUTED_SUFFIX = ' #muted';
const mutedKey = (key: string) => `${key}${MUTED_SUFFIX}`;
const unmutedKey = (key: string) => (key.endsWith(MUTED_SUFFIX) ? key.slice(0, -MUTED_SUFFIX.length) : key);

/** The check a remembered key belongs to: check ids hold no space. */
function checkOfKey(key: string): string {
  const space = key.indexOf(' ');
  return space === -1 ? key : key.slice(0, space);
}

/**
 * Compares this run's failures (FAIL and ERROR) with the previous run's, so the scheduled audit
 * alerts on what changed, not on the same failure every day. No previous run: everything is new.
 *
 * @param judged the checks a run of only some checks judged. Such a run knows nothing new about
 *   the other checks, so their remembered failures are neither "recovered" nor forgotten: they are
 *   carried into the memory as they were. Merging rather than not remembering at all keeps the
 *   promise of one alert per change: a new failure a partial run found and alerted is not alerted
 *   again by the next run. Omit it for a run of every enabled check, which replaces the memory.
 */
export function diffPosture(
  previous: readonly string[] | undefined,
  findings: readonly Finding[],
  judged?: readonly string[],
): PostureChange {
  const failingNow = [
    ...new Set(findings.filter((f) => f.status === 'FAIL' || f.status === 'ERROR').map(findingKey)),
  ].sort();
  const mutedNow = [...new Set(findings.filter((f) => f.status === 'MUTED').map(findingKey))].sort();
  const remembered = previous ?? [];
  const isJudged = (key: string) => judged === undefined || judged.includes(checkOfKey(key));
  const before = new Set(remembered);
  // Still there, failing or muted: a mute is not a recovery.
  const present = new Set([...failingNow, ...mutedNow]);
  const kept = remembered.filter((key) => !isJudged(key));
  return {
    // A failure remembered as muted fails again when its mute ends: that is news, and alerted.
    newFailures: failingNow.filter((key) => !before.has(key)),
    recoveries: [
      ...new Set([...before].filter((key) => isJudged(key) && !present.has(unmutedKey(key))).map(unmutedKey)),
    ].sort(),
    failing: [...new Set([...kept, ...failingNow, ...mutedNow.map(mutedKey)])].sort(),
  };
}
