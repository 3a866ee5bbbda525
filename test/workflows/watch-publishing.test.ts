import { GetMetricDataCommand, type GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExtractedStateMachine } from '../harness/asl';
import {
  breaking,
  CODEDEPLOY,
  cloudwatch,
  HEALTHY,
  METRICS,
  machineFor,
  messages,
  metricsFrom,
  rollbackCalls,
  type Scenario,
  stubWatchAccount,
  watch,
} from './watch-fixtures';

stubWatchAccount();

const MIN = 60_000;
/** The first watched period: the fixtures' scenario minute 0. */
const FIRST_PERIOD = Date.parse('2026-11-26T10:01:00Z');

/*
 * Counters published once every 5 minutes (a custom metric flushed as a 5-minute sum, or one stored
 * at a coarser resolution than the watch's period), watched at one-minute periods: CloudWatch returns
 * one datapoint per 5 minutes holding the whole 5 minutes' count, and no datapoint in the minutes
 * between. The watch must judge a count per minute, not the 5-minute sum as one minute's count.
 */

/** Minute `m` of the scenario (0 = 10:01) is a multiple of 5 on the clock: 10:05, 10:10, ... and 09:00 ... 09:55. */
const onFive = (minute: number) => (((minute + 1) % 5) + 5) % 5 === 0;

/**
 * Healthy one-minute latency and hosts; `requests`, `errors` and `db_connection_errors` published
 * every 5 minutes as 5-minute sums (5000 requests, 25 errors, 0 database errors), each overridden by
 * `sums` from scenario minute `fromMinute` on.
 */
function everyFiveMinutes(sums: Record<string, number> = {}, fromMinute = 0): Scenario {
  const healthy: Record<string, number> = { requests: 5000, errors: 25, db_connection_errors: 0 };
  return (id, minute) => {
    const base = healthy[id];
    if (base === undefined) return HEALTHY(id, minute);
    if (!onFive(minute)) return undefined;
    return minute >= fromMinute ? (sums[id] ?? base) : base;
  };
}

describe('watch state machine: counters published every 5 minutes, watched at 1-minute periods', () => {
  let machine: ExtractedStateMachine;
  beforeAll(() => {
    machine = machineFor({ watch: { minutes: 10, metrics: METRICS, rollback: CODEDEPLOY } });
  });

  it('30 database errors in 5 minutes are 6 a minute, not 30 in one: PROCEED', async () => {
    metricsFrom(everyFiveMinutes({ db_connection_errors: 30 }));

    const run = await watch(machine);

    expect(run.output?.decision).toBe('PROCEED');
    expect(rollbackCalls()).toBe(0);
  });

  it('55 in 5 minutes are 11 a minute: ROLLBACK, the evidence saying how the sum was read', async () => {
    metricsFrom(everyFiveMinutes({ db_connection_errors: 55 }, 4));

    const run = await watch(machine);

    expect(run.output?.decision).toBe('ROLLBACK');
    expect(run.output?.trigger).toBe('db-connection-errors');
    expect(run.output?.reason).toBe(
      'db-connection-errors (critical): 1 of the last 1 judged periods > 10 (11) [db_connection_errors: one datapoint every 300 s, spread over the 5 periods of 60 s it covers (its count / 5 in each)]',
    );
    expect(rollbackCalls()).toBe(1);
  });

  it('an error rate of 10% over 5-minute sums is 10% in each of its 5 minutes: ROLLBACK', async () => {
    metricsFrom(everyFiveMinutes({ errors: 500 }, 4));

    const run = await watch(machine);

    expect(run.output?.decision).toBe('ROLLBACK');
    expect(run.output?.trigger).toBe('error-rate');
    expect(run.output?.reason).toMatch(
      /^error-rate: 5 of the last 5 judged periods > 0\.05 \(0\.1, 0\.1, 0\.1, 0\.1, 0\.1\)/,
    );
  });

  it("a 5XX count CloudWatch omitted over the healthy baseline takes the request count's 5 minutes: 10% is ROLLBACK", async () => {
    // No error at all before the release, so no datapoint to tell the error count's interval by.
    const sparse = everyFiveMinutes({ errors: 500 }, 4);
    metricsFrom((id, minute) => (id === 'errors' && minute < 4 ? undefined : sparse(id, minute)));

    const run = await watch(machine);

    expect(run.output?.decision).toBe('ROLLBACK');
    expect(run.output?.trigger).toBe('error-rate');
    expect(run.output?.reason).toMatch(
      /^error-rate: 5 of the last 5 judged periods > 0\.05 \(0\.1, 0\.1, 0\.1, 0\.1, 0\.1\).*errors: one datapoint every 300 s/,
    );
    expect(rollbackCalls()).toBe(1);
  });

  it('a healthy release whose counters come every 5 minutes PROCEEDs', async () => {
    metricsFrom(everyFiveMinutes());

    const run = await watch(machine);

    expect(run.output?.decision).toBe('PROCEED');
  });
});

/*
 * A count read with the wrong statistic: CloudWatch's Average, Minimum and Maximum of a load
 * balancer's count metrics are 1 per datapoint, whatever the traffic. An error rate over them is
 * 1 / 1 (100%) in any minute with one error, and "at least 50 requests" is never met: the watch
 * could only roll back on a single error or end INCONCLUSIVE.
 */
describe('watch state machine: a count mapped with a statistic other than Sum', () => {
  it('is refused at the start, naming the metric, before any metric is read', async () => {
    const averaged = machineFor({
      watch: {
        minutes: 10,
        metrics: { ...METRICS, requests: { ...METRICS.requests, stat: 'Average' } },
        rollback: CODEDEPLOY,
      },
    });
    // What CloudWatch answers for the Average of RequestCount and HTTPCode_Target_5XX_Count.
    metricsFrom((id, minute) => (id === 'requests' || id === 'errors' ? 1 : HEALTHY(id, minute)));

    const run = await watch(averaged);

    expect(run.error?.name).toBe('InvalidInputError');
    expect(run.error?.cause).toContain(
      'metrics.requests.stat: Average of AWS/ApplicationELB RequestCount, a count: CloudWatch gives 1 for its Average, Minimum and Maximum whatever the traffic, so triggers.error-rate (errors / requests) would read 1 request a period; expected "Sum"',
    );
    expect(cloudwatch.commandCalls(GetMetricDataCommand)).toHaveLength(0);
    expect(rollbackCalls()).toBe(0);
  });
});

/*
 * CloudWatch running late: at each step the newest period asked for has not arrived yet (no metric
 * has a datapoint in it), and arrives by the next step. A counter CloudWatch omits when nothing
 * failed must not be read as 0 for a period that simply has not arrived.
 */
function lateBy(scenario: Scenario, periods: number): void {
  cloudwatch.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => {
    const from = (input.StartTime as Date).getTime();
    const to = (input.EndTime as Date).getTime();
    const arrived = to - periods * MIN;
    return {
      MetricDataResults: (input.MetricDataQueries ?? []).map((q) => {
        const timestamps: Date[] = [];
        const values: number[] = [];
        for (let t = from; t < Math.min(to, arrived); t += MIN) {
          const value = scenario(q.Id as string, (t - FIRST_PERIOD) / MIN);
          if (value === undefined) continue;
          timestamps.push(new Date(t));
          values.push(value);
        }
        return { Id: q.Id, Timestamps: timestamps, Values: values, StatusCode: 'Complete' as const };
      }),
    };
  });
}

describe('watch state machine: the newest period arrives after the ingestion lag', () => {
  let machine: ExtractedStateMachine;
  beforeAll(() => {
    machine = machineFor({ watch: { minutes: 10, metrics: METRICS, rollback: CODEDEPLOY } });
  });

  it('50 database errors in a minute that arrived one step late still roll back', async () => {
    lateBy(breaking('db_connection_errors', 50, 3, 1), 1);

    const run = await watch(machine);

    expect(run.output?.decision).toBe('ROLLBACK');
    expect(run.output?.reason).toBe(
      'db-connection-errors (critical): 1 of the last 1 judged periods > 10 (50)',
    );
  });

  it('a healthy release running late PROCEEDs', async () => {
    lateBy(HEALTHY, 1);

    const run = await watch(machine);

    expect(run.output?.decision).toBe('PROCEED');
  });
});

describe('watch state machine: quiet minutes', () => {
  let machine: ExtractedStateMachine;
  beforeAll(() => {
    machine = machineFor({ watch: { minutes: 10, metrics: METRICS, rollback: CODEDEPLOY } });
  });

  it('1 failure out of 3 requests is not a 33% error rate to act on, and the evidence says what was not judged', async () => {
    // Minutes 2 to 4 are quiet: 3 requests, 1 of them failing.
    metricsFrom((id, minute) =>
      minute >= 2 && minute < 5 && (id === 'requests' || id === 'errors')
        ? { requests: 3, errors: 1 }[id]
        : HEALTHY(id, minute),
    );

    const run = await watch(machine);

    expect(run.output?.decision).toBe('PROCEED');
    expect(messages(run).email).toMatch(
      /PASS +error-rate\n +7 periods judged, no breach; last 0\.005 against > 0\.05; 3 periods not judged: requests below the minimum 50 \(too little traffic to judge\)/,
    );
  });
});
