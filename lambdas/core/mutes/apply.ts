import type { Mute } from '../config/mutes-schema';
import type { CheckResult, Finding, FindingMute } from '../findings';
import { resourceMatcher, tagsSeen } from './match';

/*
 * Mutes applied to a run's results, by the report and only there. A FAIL or WARN a live mute covers
 * becomes MUTED, carrying the mute: shown with its reason and expiry, never a PASS, blocking
 * nothing. An ERROR (a check that could not tell) is never muted: what nobody saw cannot be an
 * accepted exception. A mute past its `until` mutes nothing and is reported, as a WARN of the check
 * it names, for as long as it stays in the configuration; so is a mute reaching further ahead than
 * `MAX_MUTE_DAYS`: an exception is renewed, with a reason, at least once a year. So is a mute granted
 * (`since`) after the day it is judged: the review counts a mute's age from `since`, and one dated
 * ahead (a mistyped year, or moved forward at each renewal) would never grow old there. One day is
 * allowed, for a `since` written in a time zone ahead of UTC.
 */

/** How far ahead a mute may reach, counted from the run. */
export const MAX_MUTE_DAYS = 366;
const DAY_MS = 86_400_000;

/** The instant a mute stops holding: the start of the day after `until`, UTC. */
export function muteEnds(mute: Pick<Mute, 'until'>): Date {
  return new Date(Date.parse(`${mute.until}T00:00:00Z`) + DAY_MS);
}

export type MuteState = 'active' | 'expired' | 'too-long' | 'since-future';

/** The latest `since` a mute judged at `now` may give: the next day (UTC), for zones ahead of UTC. */
export function latestSince(now: Date): string {
  return new Date(now.getTime() + DAY_MS).toISOString().slice(0, 10);
}

/** Whether a mute holds at `now`. */
export function muteState(mute: Pick<Mute, 'until' | 'since'>, now: Date): MuteState {
  const ends = muteEnds(mute).getTime();
  if (now.getTime() >= ends) return 'expired';
  if (ends - now.getTime() > (MAX_MUTE_DAYS + 1) * DAY_MS) return 'too-long';
  return mute.since !== undefined && mute.since > latestSince(now) ? 'since-future' : 'active';
}

const STALE_RULES: Record<Exclude<MuteState, 'active'>, string> = {
  expired: 'mute-expired',
  'too-long': 'mute-too-long',
  'since-future': 'mute-since-future',
};

/** A mute as findings and reports name it: `database-backups arn:...`. */
export const muteName = (mute: Pick<Mute, 'check' | 'resource'>) => `${mute.check} ${mute.resource}`;

function carried(mute: Mute, status: 'FAIL' | 'WARN'): FindingMute {
  return {
    status,
    resource: mute.resource,
    reason: mute.reason,
    until: mute.until,
    ...(mute.since === undefined ? {} : { since: mute.since }),
  };
}

/** The WARN that says a mute no longer mutes, and why. */
function staleMuteFinding(mute: Mute, state: Exclude<MuteState, 'active'>): Finding {
  return {
    checkId: mute.check,
    rule: STALE_RULES[state],
    resource: mute.resource,
    status: 'WARN',
    ...staleMuteWords(mute, state),
    evidence: { mute: { ...mute }, state },
  };
}

function staleMuteWords(
  mute: Mute,
  state: Exclude<MuteState, 'active'>,
): Pick<Finding, 'message' | 'remediation'> {
  switch (state) {
    case 'expired':
      return {
        message: `The mute of ${muteName(mute)} expired after ${mute.until} and mutes nothing now. Its reason was: ${mute.reason}`,
        remediation:
          'Fix the findings it muted and remove the mute, or renew it with a new until and a reason.',
      };
    case 'too-long':
      return {
        message: `The mute of ${muteName(mute)} runs to ${mute.until}, more than ${MAX_MUTE_DAYS} days ahead, so it mutes nothing.`,
        remediation: `Set until at most ${MAX_MUTE_DAYS} days ahead, and renew it when it expires.`,
      };
    case 'since-future':
      return {
        message: `The mute of ${muteName(mute)} was granted on ${mute.since}, a day still to come, so it mutes nothing: the review counts a mute's age from since, and one dated ahead would never grow old.`,
        remediation: 'Set since to the day the exception was granted (today at the latest, UTC).',
      };
  }
}

/** A finding as the checks gave it: a MUTED status arriving from anywhere but a mute is undone. */
function unmuted(finding: Finding): Finding {
  if (finding.status !== 'MUTED' && finding.mute === undefined) return finding;
  const { mute, ...rest } = finding;
  return { ...rest, status: finding.status === 'MUTED' ? (mute?.status ?? 'FAIL') : finding.status };
}

/**
 * The results with the configuration's mutes applied at `now`. Pure. Each stale mute is reported
 * once, on the first result of the check it names; a mute of a check this run did not judge says
 * nothing.
 */
export function applyMutes(
  results: readonly CheckResult[],
  mutes: readonly Mute[],
  now: Date,
): CheckResult[] {
  const tags = tagsSeen(results);
  const live = mutes
    .filter((mute) => muteState(mute, now) === 'active')
    .map((mute) => ({ mute, matches: resourceMatcher(mute.resource, tags) }));
  const reported = new Set<string>();
  return results.map((result) => {
    const own = live.filter(({ mute }) => mute.check === result.checkId);
    const findings = result.findings.map(unmuted).map((finding): Finding => {
      if (finding.status !== 'FAIL' && finding.status !== 'WARN') return finding;
      const hit = own.find(({ matches }) => matches(finding.resource));
      if (hit === undefined) return finding;
      return { ...finding, status: 'MUTED', mute: carried(hit.mute, finding.status) };
    });
    const stale = reported.has(result.checkId)
      ? []
      : mutes.flatMap((mute) => {
          const state = muteState(mute, now);
          return mute.check === result.checkId && state !== 'active' ? [staleMuteFinding(mute, state)] : [];
        });
    reported.add(result.checkId);
    return stale.length === 0 && findings.every((f, i) => f === result.findings[i])
      ? result
      : { ...result, findings: [...findings, ...stale] };
  });
}
