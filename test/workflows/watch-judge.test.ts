import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { StopDeploymentCommand } from '@aws-sdk/client-codedeploy';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WatchDecidedEvent } from '../../lambdas/core/history/events';
import { renderReviewMarkdown } from '../../lambdas/core/review/render';
import { buildQuarterlyReview } from '../../lambdas/core/review/review';
import type { ExtractedStateMachine } from '../harness/asl';
import {
  CODEDEPLOY,
  cloudwatch,
  codedeploy,
  dynamodb,
  HEALTHY,
  historyEvent,
  INPUT,
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

/*
 * The statistical judge and canary against baseline in the synthesized watch state machine, run
 * locally with the real handlers (see watch-fixtures.ts). `latency` must pass its Mann-Whitney judge
 * (last 7 periods against the baseline) before a breach counts; `latency-canary` compares the new
 * version's latency with the old version's over the same periods.
 */

const OLD = {
  ...METRICS.latency,
  dimensions: { ...METRICS.latency.dimensions, TargetGroup: 'targetgroup/orders-blue/73e2d6bc24d8a067' },
};

/** Latency of the new (`latency`) and the old version (`latency_old`) per minute since the first watched period. */
const versions =
  (latency: (minute: number) => number, old: (minute: number) => number = () => 0.1): Scenario =>
  (id, minute) =>
    id === 'latency' && minute >= 0
      ? latency(minute)
      : id === 'latency_old'
        ? minute >= 0
          ? old(minute)
          : 0.1
        : HEALTHY(id, minute);

describe('watch state machine: statistical judge and canary against baseline', () => {
  let machine: ExtractedStateMachine;
  let thresholdOnly: ExtractedStateMachine;
  beforeAll(() => {
    const base = { minutes: 10, metrics: { ...METRICS, latency_old: OLD }, rollback: CODEDEPLOY };
    machine = machineFor({
      watch: {
        ...base,
        triggers: {
          latency: { judge: { rule: 'mann-whitney', samples: 7, confidence: 0.999 } },
          'latency-canary': {
            expression: 'latency',
            threshold: { baselineMultiplier: 2 },
            floor: 0.05,
            window: { consecutive: 3 },
            versus: { expression: 'latency_old' },
          },
        },
      },
    });
    thresholdOnly = machineFor({ watch: base });
  });

  // Three minutes at 0.5 s, then back to 0.1 s, on both versions: a burst, not a regression of the release.
  const burst = versions(
    (m) => (m >= 2 && m < 5 ? 0.5 : 0.1),
    (m) => (m >= 2 && m < 5 ? 0.5 : 0.1),
  );

  it('the threshold rule alone rolls back a burst; with the judge the watch PROCEEDs, and says why', async () => {
    metricsFrom(burst);
    const alone = await watch(thresholdOnly);
    expect(alone.output).toMatchObject({ decision: 'ROLLBACK', trigger: 'latency' });

    codedeploy.resetHistory();
    dynamodb.resetHistory();
    metricsFrom(burst);
    const run = await watch(machine);

    expect(run.output).toMatchObject({ decision: 'PROCEED', trigger: null });
    expect(codedeploy.commandCalls(StopDeploymentCommand)).toHaveLength(0);
    const { email } = messages(run);
    expect(email).toMatch(
      /PASS +latency\n.*judge: Mann-Whitney does not agree: p = [\d.e-]+ \(U = \d+(\.\d+)?, 7 watched vs 60 reference values.*effect 1x below 1\.5x; the judge overruled the threshold rule 1 time\(s\)/,
    );
    expect(email).toMatch(
      / {15}judge mann-whitney: does not agree \(U \d+(\.\d+)?, p [\d.e-]+, effect 1x; 7 watched vs 60 reference values/,
    );
    const outcomes = historyEvent('watch-decided')?.outcomes as Record<
      string,
      { verdict?: Record<string, unknown> }
    >;
    expect(outcomes.latency?.verdict).toMatchObject({ rule: 'mann-whitney', agrees: false, effect: 1 });
  });

  it("the quarterly review's sweep never says a judged trigger would have rolled back a release its judge let proceed", async () => {
    metricsFrom(burst);
    const run = await watch(machine);
    expect(run.output).toMatchObject({ decision: 'PROCEED' });

    const decided = historyEvent('watch-decided') as unknown as WatchDecidedEvent;
    const review = buildQuarterlyReview('2026Q4', [decided], new Date('2027-01-04T09:00:00Z'));

    // At 1x the sweep replays the watch's own judgement: this release proceeded, so no trigger fired on it.
    for (const sweep of review.triggerSweeps) {
      expect({ trigger: sweep.triggerId, at1x: sweep.rows.find((r) => r.multiplier === 1) }).toMatchObject({
        at1x: { falseAlarms: 0 },
      });
    }
    expect(review.triggerSweeps.map((s) => s.triggerId)).not.toContain('latency');
    const markdown = renderReviewMarkdown(review);
    expect(markdown).toMatch(
      /`latency`: 1 watch\(es\) not replayed: decided with a statistical judge \(mann-whitney\)/,
    );
    expect(markdown).toMatch(
      /`latency-canary`: 1 watch\(es\) not replayed: judged against the old version's value of each period/,
    );
  });

  it('rolls back a sustained regression once the judge agrees, with its p-value in the evidence', async () => {
    // Both versions slow (the canary trigger stays quiet): the latency trigger decides, with its judge.
    metricsFrom(
      versions(
        (m) => (m >= 2 ? 0.5 : 0.1),
        (m) => (m >= 2 ? 0.5 : 0.1),
      ),
    );

    const run = await watch(machine);

    expect(run.output?.decision).toBe('ROLLBACK');
    expect(codedeploy).toHaveReceivedCommandTimes(StopDeploymentCommand, 1);
    expect(rollbackCalls()).toBe(1);
    const { email } = messages(run);
    expect(email).toMatch(
      / {15}judge mann-whitney: agrees \(U \d+(\.\d+)?, p [\d.e-]+, effect 5x; 7 watched vs 60 reference values/,
    );
    const outcomes = historyEvent('watch-decided')?.outcomes as Record<
      string,
      { verdict?: { pValue: number } }
    >;
    expect(outcomes.latency?.verdict?.pValue).toBeLessThanOrEqual(0.001);
  });

  it('compares the new version with the old one over the same periods: a rise both see is not the release', async () => {
    // Both versions at 0.3 s from minute 2: three times the baseline, the same for both.
    metricsFrom(
      versions(
        (m) => (m >= 2 ? 0.3 : 0.1),
        (m) => (m >= 2 ? 0.3 : 0.1),
      ),
    );

    const run = await watch(machine, INPUT);

    // The latency trigger (against the hour before) rolls back; the canary trigger passed.
    expect(run.output).toMatchObject({ decision: 'ROLLBACK', trigger: 'latency' });
    const { email } = messages(run);
    expect(email).toMatch(
      /PASS +latency-canary\n +\d+ periods judged, no breach; last 0\.3 against > 2 x the old version's value/,
    );
  });

  it("rolls back when the new version is above twice the old one's over the same periods, naming both values", async () => {
    metricsFrom(
      versions(
        (m) => (m >= 2 ? 0.5 : 0.2),
        (m) => (m >= 2 ? 0.2 : 0.2),
      ),
    );

    const run = await watch(machine);

    expect(run.output?.decision).toBe('ROLLBACK');
    const { email } = messages(run);
    expect(email).toMatch(
      /BREACH +latency-canary\n +3 of the last 3 judged periods > 2 x the old version's value \(floor 0\.05\) \(0\.5 vs 0\.2, 0\.5 vs 0\.2, 0\.5 vs 0\.2\)/,
    );
    // The old version's metric is read with the new one's, in the same GetMetricData calls.
    const ids = cloudwatch
      .commandCalls(GetMetricDataCommand)[1]
      ?.args[0].input.MetricDataQueries?.map((q) => q.Id);
    expect(ids).toEqual(expect.arrayContaining(['latency', 'latency_old']));
  });

  it("refuses an input that shortens the watch below the judge's sample: the judge could never agree", async () => {
    metricsFrom(versions((m) => (m >= 2 ? 0.5 : 0.1)));

    const run = await watch(machine, { ...INPUT, minutes: 5 });

    expect(run.error?.name).toBe('InvalidInputError');
    expect(run.error?.cause).toMatch(/judge\.samples.*at most the watch's 5 periods/);
    expect(run.statesEntered).not.toContain('Evaluate');
  });

  it.each([
    [
      'silence a trigger with a judge that never agrees',
      { judge: { rule: 'mann-whitney', confidence: 0.999999 } },
    ],
    ['compare the release with itself', { versus: { expression: 'latency' } }],
  ])(
    'refuses an input that would %s: judge and versus come from the configuration only',
    async (_, extra) => {
      metricsFrom(versions((m) => (m >= 2 ? 0.5 : 0.1)));

      const run = await watch(machine, { ...INPUT, ...extra });

      expect(run.error?.name).toBe('InvalidInputError');
      expect(run.error?.cause).toMatch(
        /(judge|versus): not accepted in the input; .*a trigger's judge and versus too/,
      );
      expect(run.statesEntered).not.toContain('Evaluate');
      expect(cloudwatch.commandCalls(GetMetricDataCommand)).toHaveLength(0);
    },
  );
});
