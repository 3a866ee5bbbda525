import { beforeAll, describe, expect, it } from 'vitest';
import type { ExtractedStateMachine } from '../harness/asl';
import {
  breaking,
  bucketOf,
  CODEDEPLOY,
  DEPLOYMENT,
  HEALTHY,
  INPUT,
  METRICS,
  machineFor,
  messages,
  metricsFrom,
  rollbackCalls,
  s3,
  stubWatchAccount,
  watch,
} from './watch-fixtures';

stubWatchAccount();

/*
 * The watch machine puts its end on the default event bus, as documented in docs/events.md: the
 * decision, and an abort or a rollback when there was one, so a team's rule can (for example) roll
 * back a database migration when a rollout aborts. Delivery fails open: counted, never in the way.
 */

const BY = 'arn:aws:sts::123456789012:assumed-role/oncall/ana';

const putEventsFails = {
  'Put events': async (): Promise<never> => {
    throw Object.assign(new Error('rate exceeded'), { name: 'EventBridge.ThrottlingException' });
  },
};

describe('watch state machine: events on the default bus', () => {
  let machine: ExtractedStateMachine;
  beforeAll(() => {
    machine = machineFor({ watch: { minutes: 10, metrics: METRICS, rollback: CODEDEPLOY } });
  });

  it('PROCEED: one Preflight Watch Decision event, verdict PASS, with the evidence link', async () => {
    metricsFrom(HEALTHY);

    const run = await watch(machine);

    expect(run.output?.decision).toBe('PROCEED');
    expect(run.events.map((e) => [e.source, e.detailType])).toEqual([
      ['preflight', 'Preflight Watch Decision'],
    ]);
    expect(run.events[0]?.detail).toMatchObject({
      version: '1',
      service: 'orders',
      environment: 'prod',
      verdict: 'PASS',
      counts: null,
      deploymentId: DEPLOYMENT,
      decision: 'PROCEED',
      decidedAt: run.output?.decidedAt,
      rollback: null,
      links: { evidence: `s3://${bucketOf(machine)}/watches/${DEPLOYMENT}/decision.json` },
    });
  });

  it('ROLLBACK on a trigger: the decision (verdict FAIL, the trigger) and the rollback that ran', async () => {
    metricsFrom(breaking('errors', 200, 2));

    const run = await watch(machine);

    expect(run.output?.decision).toBe('ROLLBACK');
    expect(run.events.map((e) => e.detailType)).toEqual(['Preflight Watch Decision', 'Preflight Rollback']);
    for (const event of run.events) {
      expect(event.detail).toMatchObject({
        verdict: 'FAIL',
        decision: 'ROLLBACK',
        trigger: run.output?.trigger,
        rollback: { action: 'codedeploy', succeeded: true },
      });
    }
  });

  it('a manual abort: the decision, a Preflight Watch Aborted event with its reason code, and the rollback', async () => {
    const abortKey = `${bucketOf(machine)}/watches/${DEPLOYMENT}/abort.json`;
    metricsFrom(HEALTHY, (n) => {
      if (n === 4)
        s3.objects.set(
          abortKey,
          JSON.stringify({ reason: 'data-corruption', by: BY, requestedAt: '2026-11-26T10:05:00Z' }),
        );
    });

    const run = await watch(machine);

    expect(run.output?.decision).toBe('ROLLBACK');
    expect(run.events.map((e) => e.detailType)).toEqual([
      'Preflight Watch Decision',
      'Preflight Watch Aborted',
      'Preflight Rollback',
    ]);
    expect(run.events[1]?.detail).toMatchObject({ abortReason: 'data-corruption', trigger: 'manual-abort' });
  });

  it('an escalation (no data too long): one Preflight Watch Escalation event before its notification, then the decision', async () => {
    const noData = machineFor({ watch: { minutes: 10, maxNoDataMinutes: 3, metrics: METRICS } });
    metricsFrom((id, minute) => (id === 'requests' && minute >= 0 ? undefined : HEALTHY(id, minute)));

    const run = await watch(noData, { ...INPUT, deploymentId: 'build-7' });

    expect(run.output?.decision).toBe('INCONCLUSIVE');
    expect(run.events.map((e) => e.detailType)).toEqual([
      'Preflight Watch Escalation',
      'Preflight Watch Decision',
    ]);
    expect(run.events[0]?.detail).toMatchObject({
      version: '1',
      service: 'orders',
      environment: 'prod',
      verdict: 'ERROR',
      deploymentId: 'build-7',
      summary: 'Preflight watch escalation: no metrics data for orders prod',
    });
    expect(run.statesEntered.indexOf('Put escalation events')).toBeLessThan(
      run.statesEntered.indexOf('Notify escalation'),
    );
  });

  it('still escalates to people when the escalation event cannot be put', async () => {
    const noData = machineFor({ watch: { minutes: 10, maxNoDataMinutes: 3, metrics: METRICS } });
    metricsFrom((id, minute) => (id === 'requests' && minute >= 0 ? undefined : HEALTHY(id, minute)));

    const run = await watch(
      noData,
      { ...INPUT, deploymentId: 'build-7' },
      {
        tasks: { 'Put escalation events': putEventsFails['Put events'] },
      },
    );

    expect(run.output?.decision).toBe('INCONCLUSIVE');
    expect(run.published.map((p) => p.subject)).toContain(
      'Preflight watch escalation: no metrics data for orders prod',
    );
    expect(run.statesEntered).toContain('Count failed Put escalation events');
  });

  it('keeps the decision, rolls back once and still notifies when PutEvents fails, counting the failure', async () => {
    metricsFrom(breaking('errors', 200, 2));

    const run = await watch(machine, undefined, { tasks: putEventsFails });

    expect(run.error).toBeUndefined();
    expect(run.output?.decision).toBe('ROLLBACK');
    expect(rollbackCalls()).toBe(1);
    expect(messages(run).sms).toMatch(/^Preflight ROLLBACK orders prod/);
    expect(run.sdkCalls.filter((c) => c.action === 'putMetricData').map((c) => c.parameters)).toEqual([
      expect.objectContaining({ MetricData: [expect.objectContaining({ MetricName: 'EventsFailed' })] }),
    ]);
  });
});
