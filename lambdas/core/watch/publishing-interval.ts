import { ownEntry } from '../own';
import type {
  Aggregation,
  Datapoint,
  MetricFetch,
  PublishingInterval,
  TriggerDefinition,
  WatchPlan,
} from './model';
import { metricIdsOfTrigger, zeroFilledIdsOf } from './period-reading';
import { type AlignedSeries, alignDown } from './periods';

/*
 * A metric published less often than the watch's period (a custom counter flushed as a 5-minute sum,
 * a metric stored at a coarser resolution) comes back from a one-minute query as one datapoint every
 * few periods, holding the whole interval's value, and nothing between. Read as it comes, a 5-minute
 * count of 55 is 55 in one minute and 0 in four: "more than 10 a minute" rolls back on 11 a minute.
 * The watch finds the interval from the datapoints' timestamps and reads each datapoint over the
 * periods it covers, from its own on: a count (Sum, SampleCount) divided evenly among them, any other
 * statistic repeated in each, so a one-minute watch decides as a watch at the metric's interval would.
 */

/**
 * Gaps needed before the spacing is trusted: a sparse one-minute counter (published only when
 * something failed) whose five gaps all fall on multiples of 5 minutes is a 1 in 3,000 chance, and
 * mistaking it for a coarse one would divide its real spikes.
 */
const MIN_GAPS = 5;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * The interval a series is published at, when coarser than the period: every gap between its
 * periods with data a multiple of one interval, itself a multiple of the period, with at least
 * `MIN_GAPS` gaps. `null` otherwise (data at the period, irregular, or too little to tell).
 */
export function publishingInterval(
  points: readonly Datapoint[],
  periodMs: number,
): PublishingInterval | null {
  const starts = [...new Set(points.map((p) => alignDown(p.timestamp, periodMs)))].sort((a, b) => a - b);
  if (starts.length <= MIN_GAPS) return null;
  let every = 0;
  for (let i = 1; i < starts.length; i += 1) every = gcd(every, (starts[i] ?? 0) - (starts[i - 1] ?? 0));
  if (every <= periodMs || every % periodMs !== 0) return null;
  return { everyMs: every, phaseMs: (((starts[0] ?? 0) % every) + every) % every };
}

/** Whether every datapoint falls in a period that starts one of the interval's intervals. */
function onGrid(points: readonly Datapoint[], interval: PublishingInterval, periodMs: number): boolean {
  return points.every((p) => {
    const start = alignDown(p.timestamp, periodMs);
    return intervalStart(start, interval) === start;
  });
}

/**
 * The coarse metrics of a baseline's fetch, by id. A counter CloudWatch omits when nothing happened
 * (`fillZero`) shows too few datapoints to tell its interval (none at all in a healthy baseline): read
 * beside coarse metrics of the same trigger (errors over a 5-minute request count), it is published
 * with them, so it takes the coarsest of their intervals when its own datapoints, if any, fall on that
 * interval's starts. Read as it came, a 5-minute error count would sit in one minute of five over
 * requests spread across all five: 10% errors for 20 minutes would read 50% then 0% four times, and
 * never be 5 consecutive breaching minutes.
 */
export function publishingIntervals(plan: WatchPlan, fetch: MetricFetch): Record<string, PublishingInterval> {
  const intervals: Record<string, PublishingInterval> = {};
  for (const [id, points] of Object.entries(fetch.series)) {
    const interval = publishingInterval(points, plan.periodMs);
    if (interval !== null) intervals[id] = interval;
  }
  const detected = { ...intervals };
  for (const trigger of plan.triggers) {
    const coarsest = metricIdsOfTrigger(trigger)
      .flatMap((id) => {
        const interval = ownEntry(detected, id);
        return interval === undefined ? [] : [interval];
      })
      .sort((a, b) => b.everyMs - a.everyMs)[0];
    if (coarsest === undefined) continue;
    for (const id of zeroFilledIdsOf(trigger)) {
      if (ownEntry(intervals, id) !== undefined) continue;
      if (onGrid(ownEntry(fetch.series, id) ?? [], coarsest, plan.periodMs)) intervals[id] = coarsest;
    }
  }
  return intervals;
}

/** Start of the interval holding `ms`. */
export function intervalStart(ms: number, interval: PublishingInterval): number {
  return alignDown(ms - interval.phaseMs, interval.everyMs) + interval.phaseMs;
}

/**
 * Reads each datapoint of a coarse series over the periods of its interval, from its own on: a
 * count's share (value x period / interval) in each, another statistic's value in each. A period
 * with a datapoint of its own keeps it. Two datapoints in one interval mean the metric is not as
 * coarse as its history said (it now publishes at the period): that interval is left as it came,
 * never divided.
 */
export function spreadSeries(
  series: AlignedSeries,
  interval: PublishingInterval,
  periodMs: number,
  aggregation: Aggregation,
  toMs: number,
): AlignedSeries {
  const perInterval = new Map<number, number[]>();
  for (const start of series.values.keys()) {
    const key = intervalStart(start, interval);
    perInterval.set(key, [...(perInterval.get(key) ?? []), start]);
  }
  const share = aggregation === 'sum' ? periodMs / interval.everyMs : 1;
  const values = new Map(series.values);
  for (const [key, starts] of perInterval) {
    const own = starts[0];
    if (starts.length !== 1 || own === undefined) continue;
    const value = (series.values.get(own) ?? 0) * share;
    for (let start = own; start < Math.min(key + interval.everyMs, toMs); start += periodMs) {
      if (!series.negative.has(start)) values.set(start, value);
    }
  }
  return { ...series, values };
}

/** The coarse metrics a trigger reads, with their intervals. */
export function coarseMetricsOf(
  trigger: TriggerDefinition,
  intervals: Readonly<Record<string, PublishingInterval>>,
): [string, PublishingInterval][] {
  return metricIdsOfTrigger(trigger).flatMap((id) => {
    const interval = ownEntry(intervals, id);
    return interval === undefined ? [] : [[id, interval] as [string, PublishingInterval]];
  });
}

/**
 * The earliest start, aligned down to a period, of the intervals holding `atMs` among the trigger's
 * coarse metrics (`atMs` itself when it reads none).
 */
function earliestIntervalStart(
  trigger: TriggerDefinition,
  intervals: Readonly<Record<string, PublishingInterval>>,
  atMs: number,
  periodMs: number,
): number {
  let start = atMs;
  for (const [, interval] of coarseMetricsOf(trigger, intervals)) {
    start = Math.min(start, alignDown(intervalStart(atMs, interval), periodMs));
  }
  return start;
}

/**
 * End of what a trigger may judge when it reads coarse metrics: only periods whose intervals have
 * all ended (before `untilMs`, the complete periods), so a datapoint published at the end of its
 * interval has arrived before any of its periods is judged, and none reads as 0 before it came.
 */
export function coarseHorizon(
  trigger: TriggerDefinition,
  intervals: Readonly<Record<string, PublishingInterval>>,
  untilMs: number,
  periodMs: number,
): number {
  return earliestIntervalStart(trigger, intervals, untilMs, periodMs);
}

/**
 * Where a query for a trigger's periods from `cursorMs` must start: at the start of the interval
 * holding the cursor, so the datapoint that covers it is fetched.
 */
export function coarseQueryStart(
  trigger: TriggerDefinition,
  intervals: Readonly<Record<string, PublishingInterval>>,
  cursorMs: number,
  periodMs: number,
): number {
  return earliestIntervalStart(trigger, intervals, cursorMs, periodMs);
}

/** How the trigger's coarse metrics were read, for its evidence (absent: none). */
export function publishingNote(
  trigger: TriggerDefinition,
  intervals: Readonly<Record<string, PublishingInterval>>,
  plan: Pick<WatchPlan, 'periodMs' | 'aggregation'>,
): string | undefined {
  const notes = coarseMetricsOf(trigger, intervals).map(([id, interval]) => {
    const periods = interval.everyMs / plan.periodMs;
    const how =
      (ownEntry(plan.aggregation, id) ?? 'average') === 'sum'
        ? `its count / ${periods} in each`
        : 'its value in each';
    return `${id}: one datapoint every ${interval.everyMs / 1000} s, spread over the ${periods} periods of ${plan.periodMs / 1000} s it covers (${how})`;
  });
  return notes.length === 0 ? undefined : notes.join('; ');
}
