import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { GetDeploymentCommand, StopDeploymentCommand } from '@aws-sdk/client-codedeploy';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateScheduleCommand } from '@aws-sdk/client-scheduler';
import { StartAutomationExecutionCommand } from '@aws-sdk/client-ssm';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../lambdas/core/config/validate';
import type { WatchDecidedEvent } from '../../lambdas/core/history/events';
import { sweepTriggers } from '../../lambdas/core/review/triggers';
import { AlertTopic } from '../../lib/alert-topic';
import { HistoryTable } from '../../lib/history-table';
import { PreflightStack } from '../../lib/preflight-stack';
import { ReportBucket } from '../../lib/report-bucket';
import { WatchWorkflow } from '../../lib/watch-workflow';
import { type ExtractedStateMachine, extractStateMachine } from '../harness/asl';
import {
  breaking,
  CODEDEPLOY,
  cloudwatch,
  codedeploy,
  DEPLOYMENT,
  HEALTHY,
  historyEvent,
  historyKinds,
  INPUT,
  lambdaClient,
  METRICS,
  machineFor,
  messages,
  metricsFrom,
  rollbackCalls,
  type Scenario,
  s3,
  scheduler,
  ssm,
  stubWatchAccount,
  watch,
} from './watch-fixtures';

stubWatchAccount();

/*
 * The synthesized watch state machine, run locally: every Lambda task is the real handler, AWS is
 * stubbed at the SDK clients (see watch-fixtures.ts).
 */

describe('watch state machine', () => {
  let machine: ExtractedStateMachine;
  beforeAll(() => {
    machine = machineFor({ watch: { minutes: 10, metrics: METRICS, rollback: CODEDEPLOY } });
  });

  describe('a healthy release', () => {
    it('PROCEEDs after the window with one GetMetricData call per step, and never rolls back', async () => {
      metricsFrom(HEALTHY);

      const run = await watch(machine);

      expect(run.error).toBeUndefined();
      expect(run.output).toEqual({
        deploymentId: DEPLOYMENT,
        decision: 'PROCEED',
        decidedAt: '2026-11-26T10:13:00.000Z',
        trigger: null,
        reason: 'every trigger passed over the 10-minute watch',
      });
      const evaluations = run.statesEntered.filter((s) => s === 'Evaluate').length;
      expect(evaluations).toBe(10);
      // The baseline, then one call per step.
      expect(cloudwatch.commandCalls(GetMetricDataCommand)).toHaveLength(1 + evaluations);
      expect(rollbackCalls()).toBe(0);
      // The stack's real follow-up scheduler: three self-deleting schedules, 1 h, 24 h and 7 d after the decision.
      expect(
        scheduler.commandCalls(CreateScheduleCommand).map((c) => c.args[0].input.ScheduleExpression),
      ).toEqual(['at(2026-11-26T11:13:00)', 'at(2026-11-27T10:13:00)', 'at(2026-12-03T10:13:00)']);
    });

    it('asks only for complete periods, never the newest one still filling', async () => {
      metricsFrom(HEALTHY);

      await watch(machine);

      const ranges = cloudwatch.commandCalls(GetMetricDataCommand).map((c) => ({
        from: (c.args[0].input.StartTime as Date).toISOString().slice(11, 16),
        to: (c.args[0].input.EndTime as Date).toISOString().slice(11, 16),
      }));
      expect(ranges[0]).toEqual({ from: '09:00', to: '10:00' });
      // First step at 10:04: 10:01 and 10:02 are complete (2 minutes of ingestion lag).
      expect(ranges[1]).toEqual({ from: '10:01', to: '10:02' });
      expect(ranges.at(-1)).toEqual({ from: '10:10', to: '10:11' });
      const query = cloudwatch.commandCalls(GetMetricDataCommand)[1]?.args[0].input;
      expect(query?.ScanBy).toBe('TimestampAscending');
      expect(query?.MetricDataQueries?.map((q) => q.Id).sort()).toEqual(
        ['db_connection_errors', 'errors', 'latency', 'requests', 'unhealthy_hosts'].sort(),
      );
    });

    it('tells email subscribers with the evidence, tagged PASS so the SMS filter keeps it off phones', async () => {
      metricsFrom(HEALTHY);

      const run = await watch(machine);

      expect(run.published).toHaveLength(1);
      expect(run.published[0]?.attributes).toEqual({ verdict: { DataType: 'String', StringValue: 'PASS' } });
      expect(run.published[0]?.subject).toBe('Preflight watch PROCEED: orders prod (every trigger passed)');
      const { email, sms } = messages(run);
      expect(email).toContain('Decision:  PROCEED at 2026-11-26T10:13:00.000Z');
      expect(email).toMatch(/PASS +error-rate\n +10 periods judged, no breach; last 0\.005 against > 0\.05/);
      expect(email).toMatch(/baseline median 0\.1, p95 0\.1, spread 0 \(60 of 60 periods\)/);
      expect(sms.length).toBeLessThanOrEqual(160);
    });

    it('records watch-started with the baseline and watch-decided', async () => {
      metricsFrom(HEALTHY);

      await watch(machine, { ...INPUT, commitTime: '2026-11-26T08:12:00Z' });

      expect(historyKinds()).toEqual(['watch-started', 'watch-decided']);
      expect(historyEvent('watch-started')).toMatchObject({
        runId: DEPLOYMENT,
        service: 'orders',
        environment: 'prod',
        at: '2026-11-26T10:00:30.000Z',
        commitAt: '2026-11-26T08:12:00.000Z',
        baseline: { latency: { median: 0.1, sampleCount: 60, unusableReason: null } },
      });
      expect(historyEvent('watch-decided')).toMatchObject({
        decision: 'PROCEED',
        at: '2026-11-26T10:13:00.000Z',
      });
      // Without environments the watch is in Preflight's own account and region: named by no field,
      // so the history groups it with the gates of the same account.
      for (const kind of ['watch-started', 'watch-decided']) {
        expect(Object.keys(historyEvent(kind) ?? {})).not.toContain('account');
        expect(Object.keys(historyEvent(kind) ?? {})).not.toContain('region');
      }
      // Every judged period, kept so the quarterly review can replay the trigger at other thresholds.
      const outcomes = historyEvent('watch-decided')?.outcomes as Record<
        string,
        { readings: number[]; threshold: number }
      >;
      expect(outcomes['error-rate']).toMatchObject({
        status: 'PASS',
        threshold: 0.05,
        window: { breaching: 5, of: 5 },
      });
      expect(outcomes['error-rate']?.readings).toHaveLength(10);
      expect(outcomes['error-rate']?.readings.every((v) => Math.abs(v - 0.005) < 1e-9)).toBe(true);
    });
  });

  describe('a rolling deployment that began before the watch', () => {
    // New code from 09:20 (41 minutes before the first watched period), with latency 0.25 against 0.1.
    const rolledOutFrom0920 = breaking('latency', 0.25, -41);

    it('ends the baseline where the deployment began (deploymentStartedAt): the regression rolls back', async () => {
      metricsFrom(rolledOutFrom0920);

      const run = await watch(machine, { ...INPUT, deploymentStartedAt: '2026-11-26T10:20:30+01:00' });

      expect(run.output?.decision).toBe('ROLLBACK');
      expect(run.output?.reason).toMatch(
        /^latency: 3 of the last 3 judged periods > 0\.2 \(0\.25, 0\.25, 0\.25\)/,
      );
      const baseline = cloudwatch.commandCalls(GetMetricDataCommand)[0]?.args[0].input;
      expect([baseline?.StartTime, baseline?.EndTime]).toEqual([
        new Date('2026-11-26T08:20:00Z'),
        new Date('2026-11-26T09:20:00Z'),
      ]);
      expect(messages(run).email).toContain(
        'Baseline:  2026-11-26T08:20:00.000Z to 2026-11-26T09:20:00.000Z, the complete periods before the deployment started (deploymentStartedAt 2026-11-26T09:20:30.000Z)',
      );
      expect(historyEvent('watch-started')).toMatchObject({ baseline: { latency: { median: 0.1 } } });
    });

    it('without it, the hour before the watch holds the new code, whose latency becomes the norm', async () => {
      metricsFrom(rolledOutFrom0920);

      const run = await watch(machine);

      expect(run.output?.decision).toBe('PROCEED');
      expect(messages(run).email).toContain(
        'Baseline:  2026-11-26T09:00:00.000Z to 2026-11-26T10:00:00.000Z, the complete periods before the watch started',
      );
    });
  });

  describe('the baseline at the start, where CloudWatch is still filling its last periods', () => {
    // A database incident since 09:53 (30 errors a minute); at the start (10:00:30) CloudWatch holds
    // only 8 of 09:59's errors. The fix takes two minutes to take effect.
    const incidentBeingFixed: Scenario = (id, minute) => {
      if (id !== 'db_connection_errors') return HEALTHY(id, minute);
      if (minute === -2) return 8;
      return minute >= -8 && minute < 2 ? 30 : 0;
    };

    it('judges only the periods complete by the ingestion lag: the incident is seen, and its fix is not rolled back', async () => {
      metricsFrom(incidentBeingFixed);

      const run = await watch(machine);

      expect(run.output?.decision).toBe('PROCEED');
      expect(messages(run).email).toMatch(
        /db-connection-errors \(critical\)\n.*\n +threshold > 45; baseline median 0, p95 30, .*already breaching before the deployment/,
      );
    });
  });

  describe('rollback by each default trigger', () => {
    it.each([
      ['error-rate', breaking('errors', 200), '10:08', /5 of the last 5 judged periods > 0\.05 \(0\.2, 0\.2/],
      [
        'latency',
        breaking('latency', 0.5),
        '10:06',
        /3 of the last 3 judged periods > 0\.2 \(0\.5, 0\.5, 0\.5\)/,
      ],
      [
        'health-checks',
        breaking('unhealthy_hosts', 2),
        '10:06',
        /3 of the last 3 judged periods > 0 \(2, 2, 2\)/,
      ],
      [
        'db-connection-errors',
        breaking('db_connection_errors', 50, 2, 1),
        '10:06',
        /1 of the last 1 .* > 10 \(50\)/,
      ],
    ])(
      '%s: ROLLBACK at %s, stopping the CodeDeploy deployment once',
      async (trigger, scenario, at, reason) => {
        metricsFrom(scenario);

        const run = await watch(machine);

        expect(run.output?.decision).toBe('ROLLBACK');
        expect(run.output?.trigger).toBe(trigger);
        expect(run.output?.decidedAt).toBe(`2026-11-26T${at}:00.000Z`);
        expect(run.output?.reason).toMatch(reason);
        expect(codedeploy).toHaveReceivedCommandTimes(StopDeploymentCommand, 1);
        expect(codedeploy).toHaveReceivedCommandWith(StopDeploymentCommand, {
          deploymentId: DEPLOYMENT,
          autoRollbackEnabled: true,
        });
        expect(rollbackCalls()).toBe(1);
      },
    );

    it('acts on a critical trigger at once, on a single breaching period', async () => {
      metricsFrom(breaking('db_connection_errors', 50, 2, 1));

      const run = await watch(machine);

      // Period 10:03 breached; it is complete at 10:04 + 2 minutes of lag.
      expect(run.output?.reason).toBe(
        'db-connection-errors (critical): 1 of the last 1 judged periods > 10 (50)',
      );
      expect(run.statesEntered.filter((s) => s === 'Evaluate')).toHaveLength(3);
    });

    it('never rolls back on a single error spike', async () => {
      metricsFrom(breaking('errors', 500, 3, 1));

      const run = await watch(machine);

      expect(run.output?.decision).toBe('PROCEED');
      expect(rollbackCalls()).toBe(0);
    });

    it('alerts by email and by SMS (FAIL) with the evidence, and records the rollback', async () => {
      metricsFrom(breaking('errors', 200));

      const run = await watch(machine);

      expect(run.published).toHaveLength(1);
      expect(run.published[0]?.attributes).toEqual({ verdict: { DataType: 'String', StringValue: 'FAIL' } });
      const { email, sms } = messages(run);
      expect(sms).toBe(`Preflight ROLLBACK orders prod: error-rate. Dep ${DEPLOYMENT}`);
      expect(sms.length).toBeLessThanOrEqual(160);
      expect(email).toContain('Trigger:   error-rate');
      expect(email).toContain(
        `Rollback:  codedeploy: done: stopped CodeDeploy deployment ${DEPLOYMENT} of orders/orders-prod with rollback (Pending)`,
      );
      expect(email).toMatch(/breaching periods \(UTC start, value\): 10:01 0\.2B, 10:02 0\.2B, 10:03 0\.2B/);
      expect(historyKinds()).toEqual(['watch-started', 'rollback', 'watch-decided']);
      expect(historyEvent('rollback')).toMatchObject({ action: 'codedeploy', succeeded: true });
      expect(historyEvent('watch-decided')).toMatchObject({ decision: 'ROLLBACK', trigger: 'error-rate' });
      expect(
        s3.json<{ decision: { kind: string } }>(`watches/${DEPLOYMENT}/decision.json`).decision.kind,
      ).toBe('ROLLBACK');
    });

    it('records and reports a rollback action that fails, without hiding the decision', async () => {
      metricsFrom(breaking('errors', 200));
      codedeploy.on(StopDeploymentCommand).rejects(
        Object.assign(new Error('deployment is already complete'), {
          name: 'DeploymentAlreadyCompletedException',
        }),
      );

      const run = await watch(machine);

      expect(run.output?.decision).toBe('ROLLBACK');
      expect(codedeploy).toHaveReceivedCommandTimes(StopDeploymentCommand, 1);
      expect(historyEvent('rollback')).toMatchObject({
        succeeded: false,
        detail: expect.stringMatching(/already complete/),
      });
      const { email, sms } = messages(run);
      expect(email).toContain('Roll back by hand now');
      expect(sms).toContain('FAILED');
      expect(sms.length).toBeLessThanOrEqual(160);
    });
  });

  describe('another team’s deployment', () => {
    it('is never stopped: the deployment id names a deployment outside the configured groups', async () => {
      metricsFrom(breaking('errors', 200));
      codedeploy.on(GetDeploymentCommand).resolves({
        deploymentInfo: {
          deploymentId: DEPLOYMENT,
          applicationName: 'payments',
          deploymentGroupName: 'payments-prod',
        },
      });

      const run = await watch(machine);

      expect(run.output?.decision).toBe('ROLLBACK');
      expect(codedeploy).toHaveReceivedCommandWith(GetDeploymentCommand, { deploymentId: DEPLOYMENT });
      expect(codedeploy).not.toHaveReceivedCommand(StopDeploymentCommand);
      expect(historyEvent('rollback')).toMatchObject({
        action: 'codedeploy',
        succeeded: false,
        detail: `refused to stop CodeDeploy deployment ${DEPLOYMENT}: it belongs to payments/payments-prod, not to a configured deployment group (orders/orders-prod); nothing was stopped`,
      });
      const { email, sms } = messages(run);
      expect(email).toContain('Rollback:  codedeploy: FAILED: refused to stop CodeDeploy deployment');
      expect(email).toContain('Roll back by hand now');
      expect(sms).toContain('rollback action FAILED');
    });
  });
  describe('manual abort', () => {
    it('rolls back at the next step after the abort appears, recording it once', async () => {
      const bucket = [...machine.handlersByArn.values()].find((fn) => fn.environment.REPORT_BUCKET)
        ?.environment.REPORT_BUCKET;
      const abort = {
        deploymentId: DEPLOYMENT,
        reason: 'data-corruption',
        text: 'orders written twice',
        by: 'arn:aws:sts::123456789012:assumed-role/oncall/ana',
        requestedAt: '2026-11-26T10:05:10Z',
      };
      // The abort lands between the third and the fourth step.
      metricsFrom(HEALTHY, (n) => {
        if (n === 4) s3.objects.set(`${bucket}/watches/${DEPLOYMENT}/abort.json`, JSON.stringify(abort));
      });

      const run = await watch(machine);

      expect(run.output).toMatchObject({
        decision: 'ROLLBACK',
        trigger: null,
        decidedAt: '2026-11-26T10:07:00.000Z',
        reason: 'manual abort (data-corruption): orders written twice',
      });
      expect(codedeploy).toHaveReceivedCommandTimes(StopDeploymentCommand, 1);
      expect(historyKinds()).toEqual(['watch-started', 'abort', 'rollback', 'watch-decided']);
      expect(historyEvent('abort')).toMatchObject({
        reasonCode: 'data-corruption',
        text: 'orders written twice',
        by: abort.by,
        at: '2026-11-26T10:05:10.000Z',
      });
      expect(historyEvent('watch-decided')).toMatchObject({ trigger: 'manual-abort' });
      expect(messages(run).sms).toBe(
        `Preflight ROLLBACK orders prod: manual abort (data-corruption). Dep ${DEPLOYMENT}`,
      );
    });
  });

  describe('data that cannot show health', () => {
    it('a negative datapoint (a custom metric published wrong) is invalid data: INCONCLUSIVE, saying so', async () => {
      metricsFrom(breaking('errors', -5));

      const run = await watch(machine);

      expect(run.output?.decision).toBe('INCONCLUSIVE');
      expect(run.output?.reason).toMatch(
        /error-rate INCONCLUSIVE: 10 period\(s\) held invalid data, never judged \(first: errors -5 at 2026-11-26T10:01:00\.000Z\)/,
      );
      expect(rollbackCalls()).toBe(0);
    });

    it('an error metric silent over the baseline and the watch while requests flow reads 0, and the decision says so', async () => {
      // A load balancer publishes no 0 for 5XX: silence is what a healthy service looks like, and
      // also what an unpublished metric looks like, so the PROCEED names it.
      metricsFrom((id, minute) => (id === 'errors' ? undefined : HEALTHY(id, minute)));

      const run = await watch(machine);

      expect(run.output?.decision).toBe('PROCEED');
      expect(run.output?.reason).toMatch(
        /; error-rate: errors reported no datapoint in the baseline or the watch and was read as 0 \(fillZero\): if it is not published at all, this trigger watched nothing/,
      );
    });

    it('an error metric alive in the baseline and silent during the watch reads 0: PROCEED', async () => {
      metricsFrom((id, minute) => (id === 'errors' && minute >= 0 ? undefined : HEALTHY(id, minute)));

      const run = await watch(machine);

      expect(run.output?.decision).toBe('PROCEED');
    });
  });

  describe('monitoring problems never roll back', () => {
    it.each([
      ['AccessDenied', 'User is not authorized to perform cloudwatch:GetMetricData'],
      ['ThrottlingException', 'Rate exceeded'],
    ])('GetMetricData %s: INCONCLUSIVE, no rollback', async (name, message) => {
      cloudwatch.on(GetMetricDataCommand).rejects(Object.assign(new Error(message), { name }));

      const run = await watch(machine);

      expect(run.error).toBeUndefined();
      expect(run.output?.decision).toBe('INCONCLUSIVE');
      expect(run.output?.reason).toMatch(/no metrics data for more than 10 minutes/);
      expect(rollbackCalls()).toBe(0);
      const { email } = messages(run);
      expect(email).toContain(`metrics provider error: errors: cloudwatch:GetMetricData failed (${name})`);
      expect(run.published.at(-1)?.attributes).toEqual({
        verdict: { DataType: 'String', StringValue: 'ERROR' },
      });
    });

    it('ends INCONCLUSIVE when a step itself fails, notifying and recording, having run no rollback action', async () => {
      metricsFrom(breaking('errors', 200));

      const run = await watch(machine, INPUT, {
        tasks: {
          Evaluate: async () => {
            throw Object.assign(new Error('Runtime exited'), { name: 'Lambda.Unknown' });
          },
        },
      });

      expect(run.error).toBeUndefined();
      expect(run.output).toMatchObject({
        decision: 'INCONCLUSIVE',
        trigger: null,
        reason: 'the watch itself failed (Lambda.Unknown); it ran no rollback action',
      });
      expect(rollbackCalls()).toBe(0);
      expect(run.statesEntered).toContain('Record failure');
      expect(historyEvent('watch-decided')).toMatchObject({ decision: 'INCONCLUSIVE' });
      expect(run.published).toHaveLength(1);
      expect(messages(run).email).toContain('Lambda.Unknown: Runtime exited');
      expect(messages(run).sms.length).toBeLessThanOrEqual(160);
    });

    it('still notifies from the machine itself when even recording the failure fails', async () => {
      const fail = async () => {
        throw Object.assign(new Error('Runtime exited'), { name: 'Lambda.Unknown' });
      };
      metricsFrom(HEALTHY);

      const run = await watch(machine, INPUT, { tasks: { Evaluate: fail, 'Record failure': fail } });

      expect(run.error).toBeUndefined();
      expect(run.output).toMatchObject({
        deploymentId: DEPLOYMENT,
        decision: 'INCONCLUSIVE',
        decidedAt: null,
        trigger: null,
      });
      expect(run.published).toHaveLength(1);
      expect(run.published[0]?.subject).toBe('Preflight watch INCONCLUSIVE (the watch failed)');
      expect(run.published[0]?.attributes).toEqual({ verdict: { DataType: 'String', StringValue: 'ERROR' } });
      // The machine cannot read the rollback marker here, so it never claims that nothing was rolled back.
      expect(run.output?.reason).toBe(
        'the watch itself failed, and so did recording the failure; check whether a rollback action ran',
      );
      const { email, sms } = messages(run);
      expect(sms).toBe(`Preflight INCONCLUSIVE: watch ${DEPLOYMENT} failed; check if a rollback ran.`);
      expect(email).toContain('Whether the rollback action ran is not known here: check');
      expect(`${email} ${sms} ${run.output?.reason}`).not.toMatch(/nothing was rolled back|no rollback\b/i);
    });

    // SNS refuses a subject over 100 characters: with the execution's name (up to 80) in it, the
    // one alert of a watch that failed twice was lost for a long deployment id.
    it('sends that alert with a subject SNS takes, whatever the deployment id, naming it in the messages', async () => {
      const fail = async () => {
        throw Object.assign(new Error('Runtime exited'), { name: 'Lambda.Unknown' });
      };
      metricsFrom(HEALTHY);
      const longId = `release-${'7'.repeat(72)}`;
      // Without CodeDeploy, whose deployment ids are short, a deployment id takes all 80 characters.
      const plain = machineFor({ watch: { minutes: 10, metrics: METRICS } });

      const run = await watch(
        plain,
        { ...INPUT, deploymentId: longId },
        { tasks: { Evaluate: fail, 'Record failure': fail } },
      );

      expect(run.published).toHaveLength(1);
      const subject = run.published[0]?.subject ?? '';
      expect(subject).toMatch(/^[\x20-\x7e]{1,100}$/);
      expect(subject).toContain('INCONCLUSIVE');
      const { email, sms } = messages(run);
      expect(email).toContain(longId);
      expect(sms).toContain(longId);
      expect(sms.length).toBeLessThanOrEqual(160);
    });

    it('records the decision even when the notification cannot be sent', async () => {
      metricsFrom(HEALTHY);

      const run = await watch(machine, INPUT, {
        tasks: {
          'Notify decision': async () => {
            throw Object.assign(new Error('KMS key disabled'), { name: 'SNS.KMSDisabledException' });
          },
        },
      });

      expect(run.output?.decision).toBe('PROCEED');
      expect(historyKinds()).toEqual(['watch-started', 'watch-decided']);
    });
  });

  describe('invalid input', () => {
    it.each([
      [{ ...INPUT, environment: undefined }, /environment: /],
      [{ ...INPUT, deploymentId: 'orders/7' }, /deploymentId: expected 1-128 letters/],
      [{ ...INPUT, minutes: 0 }, /minutes: /],
      [
        { ...INPUT, minutes: 24 * 60 + 1 },
        /minutes: got 1441; expected a whole number of minutes from 1 to 1440/,
      ],
      [{ ...INPUT, deploymentId: 'build-7' }, /deploymentId: the codedeploy rollback action stops/],
      [{ ...INPUT, commitTime: 'yesterday' }, /commitTime: expected an ISO 8601 time/],
      [
        { ...INPUT, commitTime: '2026-11-26T12:00:00+01:00' },
        /commitTime: got 2026-11-26T11:00:00\.000Z, after the watch starts \(2026-11-26T10:00:30\.000Z\)/,
      ],
      [
        { ...INPUT, deploymentStartedAt: '2026-11-26T10:06:00Z' },
        /deploymentStartedAt: got 2026-11-26T10:06:00\.000Z, after the watch starts \(2026-11-26T10:00:30\.000Z\); expected the time the deployment began rolling out/,
      ],
      [
        { ...INPUT, deploymentStartedAt: '2026-11-25T10:00:00Z' },
        /deploymentStartedAt: got 2026-11-25T10:00:00\.000Z, more than 24 hours before the watch starts/,
      ],
      [
        { ...INPUT, deploymentStartedAt: '2026-11-26T09:40:00' },
        /deploymentStartedAt: expected an ISO 8601 time with its offset/,
      ],
      [{ ...INPUT, servce: 'orders' }, /servce/],
    ])('rejects %j at once, naming the field', async (input, message) => {
      metricsFrom(HEALTHY);

      const run = await watch(machine, input);

      expect(run.error?.name).toBe('InvalidInputError');
      expect(run.error?.cause).toMatch(message);
      expect(run.statesEntered).not.toContain('Evaluate');
      expect(cloudwatch.commandCalls(GetMetricDataCommand)).toHaveLength(0);
      expect(run.published).toEqual([]);
    });

    it("refuses an execution not named by its deployment id, before it reads a metric or writes the deployment's records", async () => {
      // A second watch of the same deployment id under another name would overwrite its follow-up
      // settings, decision and rollback marker (all kept under the deployment id).
      metricsFrom(HEALTHY);
      const putsBefore = s3.mock.commandCalls(PutObjectCommand).length;

      const run = await watch(machine, INPUT, { name: `${DEPLOYMENT}-again` });

      expect(run.error?.name).toBe('InvalidInputError');
      expect(run.error?.cause).toContain(
        `The execution is named "${DEPLOYMENT}-again", not by its deployment id: a watch of deployment "${DEPLOYMENT}" must be started as execution "${DEPLOYMENT}"`,
      );
      expect(cloudwatch.commandCalls(GetMetricDataCommand)).toHaveLength(0);
      expect(s3.mock.commandCalls(PutObjectCommand)).toHaveLength(putsBefore);
    });

    it('rejects a watch whose triggers use metrics the configuration does not map', async () => {
      const unmapped = machineFor({});

      const run = await watch(unmapped);

      expect(run.error?.name).toBe('InvalidInputError');
      expect(run.error?.cause).toMatch(
        /metrics: metric id "requests" \(trigger "error-rate"\) has no CloudWatch definition/,
      );
    });

    it.each([
      [
        'disable every trigger',
        { triggers: { 'error-rate': { enabled: false }, latency: { enabled: false } } },
      ],
      [
        'make a trigger fire at 0.001 x baseline',
        { triggers: { latency: { threshold: { baselineMultiplier: 0.001 } } } },
      ],
      ['turn the rollback off', { rollback: { action: 'none' } }],
      [
        'aim the rollback at another function',
        {
          rollback: { action: 'lambda', functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:wipe' },
        },
      ],
    ])('refuses an input that would %s: only the configuration aims the watch', async (_, extra) => {
      metricsFrom(breaking('errors', 200));

      const run = await watch(machine, { ...INPUT, ...extra });

      expect(run.error?.name).toBe('InvalidInputError');
      expect(run.error?.cause).toMatch(
        /(triggers|rollback): not accepted in the input; triggers and the rollback action come from the configuration only/,
      );
      expect(run.statesEntered).not.toContain('Evaluate');
      expect(cloudwatch.commandCalls(GetMetricDataCommand)).toHaveLength(0);
      expect(rollbackCalls()).toBe(0);
      expect(lambdaClient).not.toHaveReceivedCommand(InvokeCommand);
    });
  });
});

describe("watch state machine: the quarterly review's threshold replay agrees with the watch", () => {
  // Two shadow triggers on the same readings, B, B, (no data), B, B, then healthy: missing data
  // counts as breaching for one (3 consecutive: BREACH) and as passing for the other (no 3 in a row).
  const hosts = { expression: 'unhealthy_hosts', threshold: 0, window: { consecutive: 3 }, shadow: true };
  let machine: ExtractedStateMachine;
  beforeAll(() => {
    machine = machineFor({
      watch: {
        minutes: 10,
        metrics: METRICS,
        triggers: {
          'health-checks': { enabled: false },
          'hosts-missing-breaching': { ...hosts, missingData: 'breaching' },
          'hosts-missing-passing': { ...hosts, missingData: 'notBreaching' },
          // 2 x a baseline of 1,000 requests is 2,000, below the floor: the floor (5,000) decides.
          'request-surge': {
            expression: 'requests',
            threshold: { baselineMultiplier: 2 },
            floor: 5000,
            window: { consecutive: 3 },
            shadow: true,
          },
        },
      },
    });
  });

  it('replays a period without data as the watch judged it, by its missing-data policy', async () => {
    metricsFrom((id, minute) =>
      id === 'unhealthy_hosts' && minute >= 0 && minute < 5
        ? minute === 2
          ? undefined
          : 1
        : HEALTHY(id, minute),
    );

    const run = await watch(machine);

    expect(run.output?.decision).toBe('PROCEED');
    const decided = historyEvent('watch-decided') as unknown as WatchDecidedEvent;
    const atOne = (id: string) =>
      sweepTriggers([decided])
        .find((s) => s.triggerId === id)
        ?.rows.find((r) => r.multiplier === 1);
    const status = (id: string) => (decided.outcomes?.[id] as { status?: string } | undefined)?.status;
    expect(status('hosts-missing-breaching')).toBe('BREACH');
    expect(atOne('hosts-missing-breaching')).toMatchObject({ falseAlarms: 1 });
    expect(status('hosts-missing-passing')).toBe('PASS');
    expect(atOne('hosts-missing-passing')).toMatchObject({ falseAlarms: 0 });
  });

  it('keeps every period a step judged after an outage, so the replay never joins periods the watch saw apart', async () => {
    // Unhealthy at minutes 0, 1 and 4, healthy otherwise; CloudWatch fails the steps for minutes 2 to
    // 7, and the step after judges minutes 2 to 8 at once. The watch saw B, B, P, P, B: never 3 in a row.
    metricsFrom(
      (id, minute) =>
        id === 'unhealthy_hosts' && minute >= 0 ? ([0, 1, 4].includes(minute) ? 1 : 0) : HEALTHY(id, minute),
      (n) => {
        if (n >= 4 && n <= 9) throw Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
      },
    );

    const run = await watch(machine);

    expect(run.output?.decision).toBe('PROCEED');
    const decided = historyEvent('watch-decided') as unknown as WatchDecidedEvent;
    expect(decided.outcomes?.['hosts-missing-passing']).toMatchObject({ status: 'PASS' });
    const atOne = sweepTriggers([decided])
      .find((s) => s.triggerId === 'hosts-missing-passing')
      ?.rows.find((r) => r.multiplier === 1);
    expect(atOne).toMatchObject({ falseAlarms: 0 });
    expect(
      (decided.outcomes?.['hosts-missing-passing'] as { readings?: unknown[] } | undefined)?.readings,
    ).toHaveLength(10);
  });

  it('replays a tighter threshold above the floor, as a watch configured with it would judge', async () => {
    // 3,000 requests a minute through the watch: 1.5 x the baseline, below the floor of 5,000.
    metricsFrom((id, minute) => (id === 'requests' && minute >= 0 ? 3000 : HEALTHY(id, minute)));

    const run = await watch(machine);

    expect(run.output?.decision).toBe('PROCEED');
    const decided = historyEvent('watch-decided') as unknown as WatchDecidedEvent;
    expect(decided.outcomes?.['request-surge']).toMatchObject({ status: 'PASS', threshold: 5000 });
    const sweep = sweepTriggers([decided]).find((s) => s.triggerId === 'request-surge');
    // At 0.5x the multiplier makes 1,000 (0.5 x 2 x 1,000), and the floor still holds at 5,000: no rollback.
    expect(sweep?.rows.map((r) => [r.multiplier, r.falseAlarms])).toEqual([
      [0.5, 0],
      [0.75, 0],
      [1, 0],
      [1.25, 0],
      [1.5, 0],
      [2, 0],
    ]);
  });
});

describe('watch state machine: rollback actions from the configuration', () => {
  const configured = (rollback: Record<string, unknown>) =>
    machineFor({ watch: { minutes: 10, metrics: METRICS, rollback } as never });

  it('invokes the configured Lambda function once with the decision and evidence', async () => {
    const functionArn = 'arn:aws:lambda:us-east-1:123456789012:function:orders-rollback';
    metricsFrom(breaking('unhealthy_hosts', 3));

    const run = await watch(configured({ action: 'lambda', functionArn }));

    expect(run.output?.decision).toBe('ROLLBACK');
    expect(lambdaClient).toHaveReceivedCommandTimes(InvokeCommand, 1);
    expect(lambdaClient).toHaveReceivedCommandWith(InvokeCommand, { FunctionName: functionArn });
    const payload = JSON.parse(
      new TextDecoder().decode(
        lambdaClient.commandCalls(InvokeCommand)[0]?.args[0].input.Payload as Uint8Array,
      ),
    );
    expect(payload).toMatchObject({
      source: 'preflight-watch',
      deploymentId: DEPLOYMENT,
      decision: { kind: 'ROLLBACK', triggerId: 'health-checks' },
      evidence: expect.arrayContaining([
        expect.objectContaining({ triggerId: 'health-checks', status: 'BREACH' }),
      ]),
    });
    expect(rollbackCalls()).toBe(1);
  });

  it('starts the configured SSM Automation once, filling in only validated values', async () => {
    metricsFrom(breaking('latency', 1));

    await watch(
      configured({
        action: 'ssm-automation',
        documentName: 'Orders-Rollback',
        parameters: { DeploymentId: ['{deploymentId}'], Target: ['{service}-{environment}'] },
      }),
      { ...INPUT, deploymentId: 'build-7' },
    );

    expect(ssm).toHaveReceivedCommandTimes(StartAutomationExecutionCommand, 1);
    expect(ssm).toHaveReceivedCommandWith(StartAutomationExecutionCommand, {
      DocumentName: 'Orders-Rollback',
      Parameters: { DeploymentId: ['build-7'], Target: ['orders-prod'] },
    });
    expect(rollbackCalls()).toBe(1);
  });

  it('never lets a hostile service name reach the automation parameters', async () => {
    metricsFrom(breaking('latency', 1));
    const machine = configured({
      action: 'ssm-automation',
      documentName: 'Orders-Rollback',
      parameters: { Target: ['{service}'] },
    });

    const run = await watch(machine, {
      ...INPUT,
      service: 'orders","AutomationAssumeRole":["arn:aws:iam::1:role/admin',
    });

    expect(run.error?.name).toBe('InvalidInputError');
    expect(run.error?.cause).toMatch(/service: expected 1-64 letters, digits/);
    expect(ssm).not.toHaveReceivedCommand(StartAutomationExecutionCommand);
  });

  it('runs nothing with action none: the pipeline acts on the ROLLBACK', async () => {
    metricsFrom(breaking('latency', 1));

    const run = await watch(configured({ action: 'none' }));

    expect(run.output?.decision).toBe('ROLLBACK');
    expect(rollbackCalls()).toBe(0);
    expect(messages(run).email).toContain('Rollback:  none configured: the pipeline acts on this decision');
    expect(historyKinds()).toEqual(['watch-started', 'watch-decided']);
  });
});

describe('watch state machine: escalation', () => {
  it('notifies once when the watch goes without data too long, then ends INCONCLUSIVE', async () => {
    const machine = machineFor({ watch: { minutes: 10, maxNoDataMinutes: 3, metrics: METRICS } });
    // Requests stop reporting after the deployment: the error rate has no data to judge.
    metricsFrom((id, minute) => (id === 'requests' && minute >= 0 ? undefined : HEALTHY(id, minute)));

    const run = await watch(machine, { ...INPUT, deploymentId: 'build-7' });

    expect(run.output?.decision).toBe('INCONCLUSIVE');
    expect(run.statesEntered.filter((s) => s === 'Notify escalation')).toHaveLength(1);
    expect(run.published).toHaveLength(2);
    expect(run.published[0]?.subject).toBe('Preflight watch escalation: no metrics data for orders prod');
    expect(run.published[0]?.attributes).toEqual({ verdict: { DataType: 'String', StringValue: 'ERROR' } });
    const escalation = messages(run, 0);
    expect(escalation.email).toContain('no metrics\ndata for more than 3 minutes (error-rate)');
    expect(escalation.sms.length).toBeLessThanOrEqual(160);
    expect(run.output?.reason).toMatch(
      /no metrics data for more than 3 minutes during the watch \(escalated\)/,
    );
  });
});

describe('watch state machine: metrics that go silent at the deployment', () => {
  it('names the starving triggers in the decision, and that they had data before the deployment', async () => {
    const machine = machineFor({ watch: { minutes: 10, maxNoDataMinutes: 3, metrics: METRICS } });
    // A new target group: the old one's latency, hosts and requests stop at the deployment.
    const moved = new Set(['requests', 'latency', 'unhealthy_hosts']);
    metricsFrom((id, minute) => (moved.has(id) && minute >= 0 ? undefined : HEALTHY(id, minute)));

    const run = await watch(machine, { ...INPUT, deploymentId: 'build-7' });

    expect(run.output?.decision).toBe('INCONCLUSIVE');
    expect(run.output?.reason).toBe(
      'no metrics data for more than 3 minutes during the watch (escalated): error-rate, latency, health-checks had data in the baseline and none since the deployment (metrics moved to new dimensions, such as a new target group, alias or version, are not the ones watch.metrics names)',
    );
    expect(messages(run).sms).toContain('INCONCLUSIVE');
  });
});

describe('watch state machine: latency in quiet minutes', () => {
  it('does not judge the p99 of 5 requests (their slowest one): PROCEED', async () => {
    const machine = machineFor({ watch: { minutes: 10, metrics: METRICS } });
    // Minutes 2 to 4: 5 requests a minute, whose p99 is 0.6 s, six times the baseline's.
    const quiet = (minute: number) => minute >= 2 && minute <= 4;
    metricsFrom((id, minute) => {
      if (quiet(minute) && id === 'requests') return 5;
      if (quiet(minute) && id === 'latency') return 0.6;
      return HEALTHY(id, minute);
    });

    const run = await watch(machine, { ...INPUT, deploymentId: 'build-7' });

    expect(run.output?.decision).toBe('PROCEED');
    expect(rollbackCalls()).toBe(0);
  });
});

describe('watch state machine: metrics that stop reporting before the watch ends', () => {
  it('is no PROCEED: a trigger with no data over its whole last window ends INCONCLUSIVE, saying since when', async () => {
    const machine = machineFor({ watch: { minutes: 10, metrics: METRICS } });
    // The load balancer's metrics stop at minute 7 of 10; the database counter keeps publishing.
    const stopped = new Set(['requests', 'errors', 'latency', 'unhealthy_hosts']);
    metricsFrom((id, minute) => (stopped.has(id) && minute >= 7 ? undefined : HEALTHY(id, minute)));

    const run = await watch(machine, { ...INPUT, deploymentId: 'build-7' });

    expect(run.output?.decision).toBe('INCONCLUSIVE');
    expect(run.output?.reason).toContain(
      'latency INCONCLUSIVE: no data over the last 3 periods of the watch (since 2026-11-26T10:08:00.000Z), its whole window: its metrics stopped reporting, so nothing shows the release healthy at the end',
    );
    expect(run.output?.reason).toContain('health-checks INCONCLUSIVE: no data over the last 3 periods');
    expect(rollbackCalls()).toBe(0);
  });
});

describe('watch state machine: a notification that cannot be sent', () => {
  const publishFails = async () => {
    throw Object.assign(new Error('KMS key disabled'), { name: 'SNS.KMSDisabledException' });
  };
  const counted = (state: string) => ({
    state,
    service: 'cloudwatch',
    action: 'putMetricData',
    parameters: {
      Namespace: 'Preflight',
      MetricData: [
        {
          MetricName: 'NotificationsFailed',
          Dimensions: [{ Name: 'Workflow', Value: 'watch' }],
          Unit: 'Count',
          Value: 1,
        },
      ],
    },
  });

  it('counts a decision it could not announce, and the decision (a rollback) stands', async () => {
    const machine = machineFor({ watch: { minutes: 10, metrics: METRICS, rollback: CODEDEPLOY } });
    metricsFrom(breaking('unhealthy_hosts', 1));

    const run = await watch(machine, INPUT, { tasks: { 'Notify decision': publishFails } });

    expect(run.error).toBeUndefined();
    expect(run.output?.decision).toBe('ROLLBACK');
    expect(codedeploy.commandCalls(StopDeploymentCommand)).toHaveLength(1);
    expect(run.sdkCalls).toEqual([counted('Count failed notification')]);
  });

  it('counts an escalation it could not send, and the watch goes on to its decision', async () => {
    const machine = machineFor({ watch: { minutes: 10, maxNoDataMinutes: 3, metrics: METRICS } });
    metricsFrom((id, minute) => (id === 'requests' && minute >= 0 ? undefined : HEALTHY(id, minute)));

    const run = await watch(
      machine,
      { ...INPUT, deploymentId: 'build-8' },
      {
        tasks: { 'Notify escalation': publishFails },
      },
    );

    expect(run.output?.decision).toBe('INCONCLUSIVE');
    expect(run.sdkCalls).toEqual([counted('Count failed escalation')]);
    expect(run.published).toHaveLength(1);
  });

  it('counts nothing when every notification is sent', async () => {
    const machine = machineFor({ watch: { minutes: 10, metrics: METRICS } });
    metricsFrom(HEALTHY);

    const run = await watch(machine);

    expect(run.output?.decision).toBe('PROCEED');
    expect(run.sdkCalls).toEqual([]);
  });
});

describe('watch state machine: follow-up after a PROCEED', () => {
  let machine: ExtractedStateMachine;
  beforeAll(() => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'WatchOnly');
    const alerts = new AlertTopic(stack, 'Alerts');
    const followupScheduler = new lambda.Function(stack, 'Followups', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({})'),
    });
    new WatchWorkflow(stack, 'Watch', {
      config: validateConfig({ watch: { minutes: 10, metrics: METRICS } }),
      alertTopic: alerts.topic,
      alertKey: alerts.key,
      reportBucket: new ReportBucket(stack, 'Reports', { retentionDays: 30 }),
      historyTable: new HistoryTable(stack, 'History').table,
      followupScheduler,
    });
    machine = extractStateMachine(Template.fromStack(stack), 'WatchStateMachine');
  });

  it('schedules the follow-up with the deployment and the decision time', async () => {
    metricsFrom(HEALTHY);
    const received: unknown[] = [];

    const run = await watch(
      machine,
      { ...INPUT, deploymentId: 'build-7' },
      {
        tasks: {
          'Schedule follow-up': async (input) => {
            received.push(input);
            return {};
          },
        },
      },
    );

    expect(run.output?.decision).toBe('PROCEED');
    expect(received).toEqual([
      {
        deploymentId: 'build-7',
        service: 'orders',
        environment: 'prod',
        decidedAt: '2026-11-26T10:13:00.000Z',
      },
    ]);
  });

  it('does not schedule one after a ROLLBACK', async () => {
    metricsFrom(breaking('unhealthy_hosts', 1));
    const received: unknown[] = [];

    const run = await watch(
      machine,
      { ...INPUT, deploymentId: 'build-7' },
      {
        tasks: {
          'Schedule follow-up': async (input) => {
            received.push(input);
            return {};
          },
        },
      },
    );

    expect(run.output?.decision).toBe('ROLLBACK');
    expect(received).toEqual([]);
  });

  it('ends normally when scheduling fails', async () => {
    metricsFrom(HEALTHY);

    const run = await watch(
      machine,
      { ...INPUT, deploymentId: 'build-7' },
      {
        tasks: {
          'Schedule follow-up': async () => {
            throw Object.assign(new Error('throttled'), { name: 'Lambda.TooManyRequestsException' });
          },
        },
      },
    );

    expect(run.error).toBeUndefined();
    expect(run.output?.decision).toBe('PROCEED');
    expect(run.statesEntered.filter((s) => s === 'Schedule follow-up').length).toBeGreaterThanOrEqual(1);
  });
});

describe('watch state machine: permissions', () => {
  const ROLE = 'arn:aws:iam::111122223333:role/orders-rollback-automation';
  const actions = [
    [CODEDEPLOY, 'codedeploy:StopDeployment'],
    [
      { action: 'lambda', functionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:orders-rollback' },
      'lambda:InvokeFunction',
    ],
    [
      {
        action: 'ssm-automation',
        documentName: 'Orders-Rollback',
        parameters: { AutomationAssumeRole: [ROLE] },
      },
      'ssm:StartAutomationExecution',
    ],
  ] as const;

  it.each(actions)(
    'grants the act function exactly what %j needs, and cdk-nag accepts it',
    (rollback, action) => {
      const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
      const stack = new PreflightStack(app, 'Preflight', { config: validateConfig({ watch: { rollback } }) });
      Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));

      expect(() => app.synth()).not.toThrow();
      const actionsOf = (fn: string) =>
        Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'))
          .filter((p) => JSON.stringify(p).includes(fn))
          .flatMap((p) =>
            (
              p as { Properties: { PolicyDocument: { Statement: { Action: string | string[] }[] } } }
            ).Properties.PolicyDocument.Statement.flatMap((st) => [st.Action].flat()),
          );
      expect(actionsOf('WatchActOnDecisionRole')).toContain(action);
      expect(actionsOf('WatchEvaluateWatchRole')).not.toContain(action);
      expect(actionsOf('WatchEvaluateWatchRole')).toEqual(
        expect.arrayContaining(['cloudwatch:GetMetricData', 's3:GetObject', 'dynamodb:PutItem']),
      );
    },
  );
});
