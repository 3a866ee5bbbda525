import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { WatchSettingsSchema } from '../../../lambdas/core/config/watch-schema';
import { MAX_ABORT_TEXT_BYTES } from '../../../lambdas/core/watch/abort';
import { planWatch } from '../../../lambdas/core/watch/plan';
import { resolveWatchConfig } from '../../../lambdas/core/watch/resolve';
import { nextStepAtMs } from '../../../lambdas/core/watch/schedule';
import { recordBaseline } from '../../../lambdas/core/watch/start';
import type { StepEvent, WatchStep } from '../../../lambdas/handlers/watch/contract';
import { restoreEnvironment, saveEnvironment } from '../../support/environment';
import { stubS3 } from '../../support/s3-stub';

const environmentBefore = saveEnvironment();
afterAll(() => restoreEnvironment(environmentBefore));

/*
 * The evaluate handler reads the abort object at every step. Any object there aborts, whatever its
 * form; one requested before the watch started is reported in the step and never acted on; a note of
 * any length is capped and carried once.
 */

const BUCKET = 'reports';
const DEPLOYMENT = 'd-4EXAMPLE1';
const KEY = `${BUCKET}/watches/${DEPLOYMENT}/abort.json`;
const STARTED = new Date('2026-11-26T10:00:30Z');
const BY = 'arn:aws:sts::123456789012:assumed-role/oncall/ana';
const metric = (metricName: string, stat = 'Sum') => ({ namespace: 'AWS/ApplicationELB', metricName, stat });
const METRICS = {
  requests: metric('RequestCount'),
  errors: metric('HTTPCode_Target_5XX_Count'),
  latency: metric('TargetResponseTime', 'p99'),
  unhealthy_hosts: metric('UnHealthyHostCount', 'Maximum'),
  db_connection_errors: metric('DatabaseConnectionErrors'),
};

const s3 = stubS3();
const cloudwatch = mockClient(CloudWatchClient);
const dynamodb = mockClient(DynamoDBClient);

afterAll(() => {
  s3.mock.restore();
  cloudwatch.restore();
  dynamodb.restore();
});
let run: (event: StepEvent) => Promise<WatchStep>;

function firstStep(): StepEvent {
  const settings = WatchSettingsSchema.parse({ minutes: 10, metrics: METRICS });
  const plan = planWatch(resolveWatchConfig(settings), STARTED.getTime());
  const state = recordBaseline(plan, {
    fromMs: plan.baselineStartMs,
    toMs: plan.baselineEndMs,
    series: {},
    errors: {},
  });
  return {
    watch: {
      runId: DEPLOYMENT,
      deploymentId: DEPLOYMENT,
      service: 'orders',
      environment: 'prod',
      account: '123456789012',
      region: 'us-east-1',
      reach: { name: 'prod', regions: [], configured: false },
      startedAt: STARTED.toISOString(),
      rollback: { action: 'none' },
      maxNoDataMinutes: settings.maxNoDataMinutes,
      metrics: settings.metrics,
      periodSeconds: settings.periodSeconds,
      plan,
    },
    step: {
      state,
      nextStepAt: new Date(nextStepAtMs(plan, STARTED.getTime())).toISOString(),
      decision: { kind: 'CONTINUE', triggerId: null, reason: 'watching', decidedAtMs: null, abort: null },
      escalate: false,
      summary: [],
    },
  };
}

const historyKinds = () =>
  dynamodb.commandCalls(PutItemCommand).map((c) => JSON.parse(c.args[0].input.Item?.event?.S ?? '{}').kind);

describe('evaluate handler: the abort object', () => {
  beforeAll(async () => {
    Object.assign(process.env, {
      POWERTOOLS_SERVICE_NAME: 'preflight',
      REPORT_BUCKET: BUCKET,
      HISTORY_TABLE: 'history',
      HOME_ACCOUNT: '123456789012',
      HOME_REGION: 'us-east-1',
    });
    ({ run } = await import('../../../lambdas/handlers/watch/evaluate'));
  });
  beforeEach(() => {
    s3.install();
    cloudwatch.reset();
    cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    dynamodb.reset();
    dynamodb.on(PutItemCommand).resolves({});
    // Each step judges at the time its wait aimed for.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-26T10:04:00Z') });
  });
  afterEach(() => vi.useRealTimers());

  it('does nothing without an abort object', async () => {
    const step = await run(firstStep());

    expect(step.decision.kind).toBe('CONTINUE');
    expect(step.state.abort).toBeNull();
    expect(step.staleAbort).toBeUndefined();
  });

  it.each([
    ['an empty object', '', 'the object is empty'],
    ['text that is not JSON', '<html>abort</html>', 'the object is not JSON'],
    ['JSON missing its fields', JSON.stringify({ by: BY }), 'it has no reason code'],
    [
      'JSON without a requestedAt',
      JSON.stringify({ deploymentId: DEPLOYMENT, reason: 'performance', text: 'slow', by: BY }),
      'it has no valid requestedAt time',
    ],
  ])('%s aborts: ROLLBACK, reason other, saying why it could not be read', async (_, body, why) => {
    s3.objects.set(KEY, body);

    const step = await run(firstStep());

    expect(step.decision).toMatchObject({ kind: 'ROLLBACK', triggerId: null, abort: 'other' });
    expect(step.state.abort).toMatchObject({
      reason: 'other',
      text: `an abort request was found but could not be read (${why}); aborting anyway`,
    });
    expect(historyKinds()).toEqual(['abort']);
  });

  it('ignores an abort requested before the watch started, reporting it in the step', async () => {
    const before = new Date('2026-11-25T22:00:00Z');
    s3.objects.set(
      KEY,
      JSON.stringify({
        deploymentId: DEPLOYMENT,
        reason: 'user-impact',
        text: 'old',
        by: BY,
        requestedAt: before,
      }),
    );
    s3.lastModified.set(KEY, before);

    const step = await run(firstStep());

    expect(step.decision.kind).toBe('CONTINUE');
    expect(step.state.abort).toBeNull();
    expect(step.staleAbort).toEqual({
      requestedAt: '2026-11-25T22:00:00.000Z',
      reason: 'user-impact',
      detail:
        'an abort (user-impact) requested at 2026-11-25T22:00:00.000Z, before the watch started at 2026-11-26T10:00:30.000Z, was ignored: it is not about this rollout',
    });
    expect(historyKinds()).toEqual([]);
  });

  it('caps a huge note and carries it once: the step stays far below 256 KB', async () => {
    const note = `${'é'.repeat(100)}${'x'.repeat(300_000)}`;
    s3.objects.set(
      KEY,
      JSON.stringify({
        deploymentId: DEPLOYMENT,
        reason: 'data-corruption',
        text: note,
        by: BY,
        requestedAt: '2026-11-26T10:03:10Z',
      }),
    );

    const step = await run(firstStep());

    const kept = step.state.abort?.text ?? '';
    expect(step.decision).toMatchObject({
      kind: 'ROLLBACK',
      abort: 'data-corruption',
      reason: 'manual abort (data-corruption)',
    });
    expect(Buffer.byteLength(kept, 'utf8')).toBeLessThanOrEqual(MAX_ABORT_TEXT_BYTES);
    expect(kept).toMatch(/^é+x+ \[truncated\]$/);
    const serialized = JSON.stringify(step);
    expect(Buffer.byteLength(serialized, 'utf8')).toBeLessThan(16 * 1024);
    expect(serialized.split(kept).length - 1).toBe(1);
  });
});
