import type { CheckSettings } from '../../../../config/schema';
import type { Finding } from '../../../../findings';
import { dayCount, elapsedDays, tenths, wholeDays } from '../../../kit/time';
import { diskSpaceFinding } from '../../finding';
import type { Point } from '../../ports';
import { amount, type Volume } from '../../volumes';

type Settings = Pick<CheckSettings['disk-space'], 'warnDays' | 'failDays'>;

/** Fewest datapoints, and shortest span, from which a rate is taken: less says nothing about a week. */
export const MIN_POINTS = 12;
export const MIN_SPAN_DAYS = 1;

/** How free space moved over the window: the least-squares rate, per day (negative: filling). */
export type Drain =
  | { readonly kind: 'too-few'; readonly points: number; readonly spanDays: number }
  | { readonly kind: 'rate'; readonly perDay: number; readonly points: number; readonly spanDays: number };

/**
 * The rate free space changes at, per day, by least squares over every point (noise averages out;
 * one spike does not decide). Fewer than {@link MIN_POINTS} points, or a span under
 * {@link MIN_SPAN_DAYS} day: too few to say.
 */
export function drainRate(free: readonly Point[]): Drain {
  const first = free[0];
  const last = free.at(-1);
  const spanDays = first === undefined || last === undefined ? 0 : elapsedDays(first.at, last.at);
  if (free.length < MIN_POINTS || spanDays < MIN_SPAN_DAYS || first === undefined) {
    return { kind: 'too-few', points: free.length, spanDays };
  }
  const xs = free.map((p) => elapsedDays(first.at, p.at));
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length;
  const meanY = free.reduce((a, p) => a + p.value, 0) / free.length;
  let covariance = 0;
  let variance = 0;
  xs.forEach((x, i) => {
    covariance += (x - meanX) * ((free[i]?.value ?? meanY) - meanY);
    variance += (x - meanX) ** 2;
  });
  return { kind: 'rate', perDay: variance === 0 ? 0 : covariance / variance, points: free.length, spanDays };
}

/** Days until no space is left, from `free` now at `perDay`; `undefined` when free space is not shrinking. */
export function daysUntilFull(free: number, perDay: number): number | undefined {
  if (perDay >= 0) return undefined;
  return Math.max(0, free) / -perDay;
}

/**
 * `trend`: days until full at the last 7 days' rate, from the free space series (oldest first, in
 * the volume's unit). Within `failDays`: FAIL; within `warnDays`: WARN; not filling, or slower:
 * PASS. Too few datapoints to take a rate: WARN, saying how many there were (never a pass by
 * silence). Day counts are whole days, rounded down, as shown.
 */
export function judgeTrend(volume: Volume, free: readonly Point[], settings: Settings): Finding {
  const drain = drainRate(free);
  const latest = free.at(-1);
  const evidence = {
    kind: volume.kind,
    metric: `${volume.metric.namespace}/${volume.metric.metricName}`,
    points: drain.points,
    spanDays: tenths(drain.spanDays),
    warnDays: settings.warnDays,
    failDays: settings.failDays,
  };
  if (drain.kind === 'too-few' || latest === undefined) {
    return diskSpaceFinding('trend', volume.resource, {
      status: 'WARN',
      message: `${volume.label}: ${drain.points} datapoint(s) over ${tenths(drain.spanDays)} day(s) of the last 7, too few to tell how fast it fills.`,
      evidence,
      remediation: `Check that ${volume.metric.namespace} ${volume.metric.metricName} is published for it (at least hourly), then run again.`,
    });
  }
  const exact = daysUntilFull(latest.value, drain.perDay);
  // Least squares leaves float noise (39.9999999 for 40): kept to a millionth of a day, then rounded down.
  const days = exact === undefined ? undefined : Math.round(exact * 1e6) / 1e6;
  const withRate = {
    ...evidence,
    freePerDay: drain.perDay,
    daysUntilFull: days === undefined ? null : wholeDays(days),
  };
  if (days === undefined) {
    return diskSpaceFinding('trend', volume.resource, {
      status: 'PASS',
      message: `${volume.label} is not filling: free space ${drain.perDay === 0 ? 'stayed flat' : `grew ${amount(volume, drain.perDay)} a day`} over ${tenths(drain.spanDays)} days of datapoints.`,
      evidence: withRate,
    });
  }
  const shown = wholeDays(days);
  const status = shown < settings.failDays ? 'FAIL' : shown < settings.warnDays ? 'WARN' : 'PASS';
  const limit = status === 'FAIL' ? settings.failDays : settings.warnDays;
  return diskSpaceFinding('trend', volume.resource, {
    status,
    message: `${volume.label} fills in ${dayCount(shown)} at the last 7 days' rate (${amount(volume, -drain.perDay)} a day)${status === 'PASS' ? '' : `, under ${dayCount(limit)}`}.`,
    evidence: withRate,
    ...(status === 'PASS'
      ? {}
      : {
          remediation:
            'Find what is writing (logs, temporary files, a growing table), then free space or grow the volume before it fills; turn on storage autoscaling where the service offers it.',
        }),
  });
}
