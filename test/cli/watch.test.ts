import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { executionName } from '../../lambdas/core/execution-name';
import { runCliInProcess } from '../support/cli-in-process';
import { LocalControlEndpoint } from '../support/control-server';
import { stubS3 } from '../support/s3-stub';
import { withDefaults } from './flag-defaults';

const ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:PreflightWatch';
const EXECUTION = 'arn:aws:states:us-east-1:123456789012:execution:PreflightWatch:d-4EXAMPLE1';
const CALLER = 'arn:aws:sts::123456789012:assumed-role/oncall/ana';
const sfn = mockClient(SFNClient);
const s3 = stubS3();
afterAll(() => {
  sfn.restore();
  s3.mock.restore();
});
const endpoint = new LocalControlEndpoint();

const metric = (metricName: string, stat = 'Sum') => ({ namespace: 'AWS/ApplicationELB', metricName, stat });
const METRICS = {
  requests: metric('RequestCount'),
  errors: metric('HTTPCode_Target_5XX_Count'),
  latency: metric('TargetResponseTime', 'p99'),
  unhealthy_hosts: metric('UnHealthyHostCount', 'Maximum'),
  db_connection_errors: metric('DatabaseConnectionErrors'),
};
const CODEDEPLOY = {
  action: 'codedeploy',
  deploymentGroups: [{ applicationName: 'orders', deploymentGroupName: 'orders-prod' }],
};
let dir: string;

/** A configuration file with this `watch` section, as the stack was deployed with. */
function configFile(watch: Record<string, unknown>, name = 'preflight.config.json'): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify({ watch }));
  return file;
}

let config: string;

/** `watch start` with valid flags and the configuration; a flag given in `extra` replaces its default. */
const start = (...extra: string[]) =>
  runCliInProcess([
    'watch',
    'start',
    ...withDefaults(
      [
        ['--service', 'orders'],
        ['--env', 'prod'],
        ['--deployment-id', 'd-4EXAMPLE1'],
        ['--state-machine-arn', ARN],
        ['--config', config],
      ],
      extra,
    ),
  ]);

const abort = (...extra: string[]) =>
  runCliInProcess([
    'watch',
    'abort',
    ...withDefaults(
      [
        ['--deployment-id', 'd-4EXAMPLE1'],
        ['--control-url', endpoint.url],
        ['--region', 'us-east-1'],
      ],
      extra,
    ),
  ]);

/** The input `start()` sends, as DescribeExecution returns it. */
const WATCH_INPUT = JSON.stringify({ deploymentId: 'd-4EXAMPLE1', service: 'orders', environment: 'prod' });

function decided(decision: string, trigger: string | null = null) {
  return {
    status: 'SUCCEEDED' as const,
    output: JSON.stringify({
      deploymentId: 'd-4EXAMPLE1',
      decision,
      decidedAt: '2026-11-26T10:13:00.000Z',
      trigger,
      reason: trigger === null ? 'every trigger passed over the 30-minute watch' : `${trigger}: breached`,
    }),
  };
}

describe('preflight watch', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'preflight-watch-'));
    await endpoint.start();
  });
  afterAll(() => endpoint.stop());
  beforeEach(() => {
    config = configFile({ metrics: METRICS, rollback: CODEDEPLOY });
    sfn.reset();
    s3.install();
    endpoint.reset();
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION });
    // Following a watch needs DescribeExecution only: the caller holds no access to execution history.
    sfn.on(GetExecutionHistoryCommand).rejects(
      Object.assign(new Error('not authorized: states:GetExecutionHistory'), {
        name: 'AccessDeniedException',
      }),
    );
  });

  describe('start', () => {
    it('starts the execution named by the deployment id, with the watch input', async () => {
      // Relative to now: a commit more than 366 days before the watch is refused.
      const commitTime = new Date(Date.now() - 2 * 3_600_000).toISOString();
      const run = await start('--minutes', '45', '--commit-time', commitTime);

      expect(run.code).toBe(0);
      const call = sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input;
      expect(call).toMatchObject({ stateMachineArn: ARN, name: 'd-4EXAMPLE1' });
      expect(JSON.parse(call?.input ?? '{}')).toEqual({
        deploymentId: 'd-4EXAMPLE1',
        service: 'orders',
        environment: 'prod',
        minutes: 45,
        commitTime,
      });
      expect(JSON.parse(run.stdout)).toEqual({
        deploymentId: 'd-4EXAMPLE1',
        executionArn: EXECUTION,
        existed: false,
      });
    });

    it('sends --deployment-started-at as deploymentStartedAt, where the baseline ends', async () => {
      const startedAt = new Date(Date.now() - 20 * 60_000).toISOString();

      const run = await start('--deployment-started-at', startedAt);

      expect(run.code).toBe(0);
      const call = sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input;
      expect(JSON.parse(call?.input ?? '{}')).toMatchObject({ deploymentStartedAt: startedAt });
    });

    it('watches once when started twice: the second start follows the first execution', async () => {
      sfn
        .on(StartExecutionCommand)
        .resolvesOnce({ executionArn: EXECUTION })
        .rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
      sfn.on(DescribeExecutionCommand).resolves({ ...decided('PROCEED'), input: WATCH_INPUT });

      const first = await start();
      const second = await start('--wait');

      expect(first.code).toBe(0);
      expect(second.code).toBe(0);
      expect(second.stderr).toContain(`already watching: ${EXECUTION}`);
      expect(sfn).toHaveReceivedCommandWith(DescribeExecutionCommand, { executionArn: EXECUTION });
      expect(sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input.name)).toEqual([
        'd-4EXAMPLE1',
        'd-4EXAMPLE1',
      ]);
    });

    it.each([
      {
        case: 'a shorter watch',
        input: { deploymentId: 'd-4EXAMPLE1', service: 'orders', environment: 'prod', minutes: 1 },
        says: /minutes: 1 there, the configured length here/,
      },
      {
        case: 'a watch of another service',
        input: { deploymentId: 'd-4EXAMPLE1', service: 'billing', environment: 'prod' },
        says: /service: "billing" there, "orders" here/,
      },
    ])('does not follow $case started under the same deployment id (exit 2)', async ({ input, says }) => {
      sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
      sfn.on(DescribeExecutionCommand).resolves({ ...decided('PROCEED'), input: JSON.stringify(input) });

      const run = await start('--wait');

      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(says);
      expect(run.stderr).toContain('use another --deployment-id');
      expect(run.stdout).toBe('');
    });

    it.each([
      ['PROCEED', null, 0],
      ['ROLLBACK', 'error-rate', 1],
      ['INCONCLUSIVE', null, 2],
    ])('with --wait, exits by the decision: %s (trigger %s) is %i', async (decision, trigger, code) => {
      sfn.on(DescribeExecutionCommand).resolves(decided(decision, trigger));

      const run = await start('--wait');

      expect(run.code).toBe(code);
      expect(run.stdout).toMatch(
        new RegExp(`^${decision}${trigger ? ` \\(${trigger}\\)` : ''} at 2026-11-26T10:13:00.000Z`),
      );
    });

    it('shows progress while waiting (from DescribeExecution only) and prints the stored evidence', async () => {
      sfn
        .on(DescribeExecutionCommand)
        .resolvesOnce({ status: 'RUNNING', startDate: new Date(Date.now() - 90_000) })
        .resolves(decided('ROLLBACK', 'latency'));
      s3.objects.set(
        'reports/watches/d-4EXAMPLE1/decision.json',
        JSON.stringify({
          summary: 'Preflight deployment watch: ROLLBACK for orders prod\nTriggers\n  BREACH latency\n',
        }),
      );

      const run = await start('--wait', '--poll-seconds', '1', '--bucket', 'reports');

      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/watching: running \(9\d s\)/);
      expect(run.stdout).toContain('BREACH latency');
      expect(sfn.commandCalls(GetExecutionHistoryCommand)).toHaveLength(0);
    });

    it('prints the decision as JSON with every trigger outcome', async () => {
      sfn.on(DescribeExecutionCommand).resolves(decided('PROCEED'));
      s3.objects.set(
        'reports/watches/d-4EXAMPLE1/decision.json',
        JSON.stringify({ summary: 'x', outcomes: [{ triggerId: 'error-rate', status: 'PASS' }] }),
      );

      const run = await start('--wait', '--format', 'json', '--bucket', 'reports');

      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({
        decision: 'PROCEED',
        outcomes: [{ triggerId: 'error-rate', status: 'PASS' }],
      });
    });

    it('exits 2 when the watch itself fails (its input rejected)', async () => {
      sfn
        .on(DescribeExecutionCommand)
        .resolves({ status: 'FAILED', error: 'InvalidInputError', cause: 'minutes: too big' });

      const run = await start('--wait');

      expect(run.code).toBe(2);
      expect(run.stderr).toContain('the watch did not finish: FAILED InvalidInputError minutes: too big');
    });

    it.each([
      [['--commit-time', 'yesterday'], /expected an ISO 8601 time/],
      [
        ['--commit-time', '2999-01-01T00:00:00Z'],
        /--commit-time: got 2999-01-01T00:00:00\.000Z, after the watch starts \(.*\); a change is committed before it is deployed/,
      ],
      [
        ['--deployment-started-at', '2999-01-01T00:00:00Z'],
        /--deployment-started-at: got 2999-01-01T00:00:00\.000Z, after the watch starts \(.*\); expected the time the deployment began rolling out, before it is watched/,
      ],
      [
        ['--deployment-started-at', '2020-01-01T00:00:00Z'],
        /--deployment-started-at: got 2020-01-01T00:00:00\.000Z, more than 24 hours before the watch starts \(.*\); expected the time this deployment began rolling out, at most 24 hours earlier/,
      ],
      [
        ['--deployment-started-at', '09:40'],
        /--deployment-started-at: expected an ISO 8601 time with its offset/,
      ],
      [['--minutes', '0'], /expected a positive integer/],
      [['--format', 'markdown'], /expected one of text, json/],
    ])('rejects bad options %j with exit 2 before starting anything', async (args, message) => {
      const run = await start(...args);

      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
    });

    describe("checks its input with the state machine's rules before any AWS call", () => {
      it.each([
        [['--deployment-id', 'orders/7'], /^preflight: --deployment-id: expected 1-128 letters/],
        [['--deployment-id', '../../x'], /--deployment-id: expected 1-128 letters/],
        [['--deployment-id', ''], /--deployment-id: expected 1-128 letters/],
        [['--deployment-id', 'v1..2'], /--deployment-id: expected no "\.\." in a deployment id/],
        [['--env', 'prod eu'], /--env: expected 1-64 letters, digits, - or _/],
        [['--env', 'prod/eu'], /--env: expected 1-64 letters/],
        [['--service', 'orders,Target=*'], /--service: expected 1-64 letters, digits/],
        [['--minutes', '1441'], /--minutes: got 1441; expected a whole number of minutes from 1 to 1440/],
        [
          ['--deployment-id', 'build-7'],
          /--deployment-id: the codedeploy rollback action stops the deployment named by the deployment id/,
        ],
      ])('%j: exit 2 naming the flag, and nothing is started', async (args, message) => {
        const run = await start(...args);

        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(message);
        expect(sfn).not.toHaveReceivedCommand(StartExecutionCommand);
      });

      it('rejects minutes that are not a whole number of the configured periods', async () => {
        config = configFile({ metrics: METRICS, periodSeconds: 300 });

        const run = await start('--minutes', '7');

        expect(run.code).toBe(2);
        expect(run.stderr).toContain('--minutes: expected a whole number of periods of 300 s');
        expect(sfn).not.toHaveReceivedCommand(StartExecutionCommand);
      });

      it('rejects a watch whose triggers use metrics the configuration does not map', async () => {
        config = configFile({ rollback: CODEDEPLOY });

        const run = await start();

        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(
          /watch metrics: metric id "requests" \(trigger "error-rate"\) has no CloudWatch definition/,
        );
        expect(sfn).not.toHaveReceivedCommand(StartExecutionCommand);
      });

      it.each([
        [
          'threshold 500 against ALB TargetResponseTime (seconds)',
          { metrics: METRICS, triggers: { latency: { threshold: 500 } } },
          'watch triggers.latency.threshold: 500 against AWS/ApplicationELB TargetResponseTime, which CloudWatch reports in seconds: no response time a watch compares with; for 500 ms write 0.5',
        ],
        [
          // The millisecond default floor written as it is for API Gateway: a p99 from 0.2 s to 20 s would proceed.
          'floor 50 against ALB TargetResponseTime (seconds)',
          { metrics: METRICS, triggers: { latency: { floor: 50 } } },
          'watch triggers.latency.floor: 50 against AWS/ApplicationELB TargetResponseTime, which CloudWatch reports in seconds: a floor of 10 s or more lets every response time below it pass, whatever the baseline (a p99 from 0.2 s to 9 s); for 50 ms write 0.05',
        ],
        [
          'floor 0.2 against API Gateway Latency (milliseconds)',
          {
            metrics: {
              ...METRICS,
              latency: { namespace: 'AWS/ApiGateway', metricName: 'Latency', stat: 'p99' },
            },
            triggers: { latency: { floor: 0.2 } },
          },
          'watch triggers.latency.floor: 0.2 against AWS/ApiGateway Latency, which CloudWatch reports in milliseconds: no response time a watch compares with; for 0.2 s write 200',
        ],
        [
          'a canary comparing seconds with milliseconds',
          {
            metrics: {
              ...METRICS,
              latency_green: metric('TargetResponseTime', 'p99'),
              latency_blue: { namespace: 'AWS/ApiGateway', metricName: 'Latency', stat: 'p99' },
            },
            triggers: {
              'latency-canary': {
                expression: 'latency_green',
                threshold: { baselineMultiplier: 1.3 },
                versus: { expression: 'latency_blue' },
              },
            },
          },
          "watch triggers.latency-canary.versus.expression: latency_blue is AWS/ApiGateway Latency, in milliseconds, and the new version's latency_green is AWS/ApplicationELB TargetResponseTime, in seconds: a ratio of the two is off by 1000; compare like with like",
        ],
      ])('refuses a latency limit in the wrong unit for its metric: %s', async (_, watch, message) => {
        config = configFile(watch);

        const run = await start();

        expect(run.code).toBe(2);
        expect(run.stderr).toContain(message);
        expect(sfn).not.toHaveReceivedCommand(StartExecutionCommand);
      });

      it("refuses a watch shorter than a trigger's window: it could never roll back on it, nor pass it", async () => {
        config = configFile({ metrics: METRICS });

        const run = await start('--minutes', '3');

        expect(run.code).toBe(2);
        expect(run.stderr).toContain(
          '--minutes: a 3-minute watch judges 3 periods of 60 s, and triggers.error-rate needs 5 (its window): it could never roll back on error-rate nor pass it, and would end INCONCLUSIVE every time; expected at least 5 minutes, or a shorter window for the trigger (or make it shadow)',
        );
        expect(sfn).not.toHaveReceivedCommand(StartExecutionCommand);
      });

      it("starts a watch shorter than a shadow trigger's window: a shadow trigger decides nothing", async () => {
        config = configFile({ metrics: METRICS, triggers: { 'error-rate': { shadow: true } } });

        const run = await start('--minutes', '3');

        expect(run.stderr).not.toContain('--minutes');
        expect(sfn).toHaveReceivedCommandTimes(StartExecutionCommand, 1);
      });

      it('refuses periods under a minute for metrics AWS services publish at one minute at best', async () => {
        config = configFile({ metrics: METRICS, periodSeconds: 30, minutes: 10 });

        const run = await start();

        expect(run.code).toBe(2);
        expect(run.stderr).toContain(
          'watch periodSeconds: 30 s with errors (AWS/ApplicationELB HTTPCode_Target_5XX_Count), requests (AWS/ApplicationELB RequestCount), latency (AWS/ApplicationELB TargetResponseTime), unhealthy_hosts (AWS/ApplicationELB UnHealthyHostCount), db_connection_errors (AWS/ApplicationELB DatabaseConnectionErrors): AWS services publish their metrics every minute at best, and GetMetricData returns nothing for them below 60 s; expected 60 or a multiple of it (under a minute only with high-resolution custom metrics)',
        );
        expect(sfn).not.toHaveReceivedCommand(StartExecutionCommand);
      });

      it('refuses a deployment start whose baseline CloudWatch no longer holds at sub-minute periods', async () => {
        config = configFile({ metrics: METRICS, periodSeconds: 10, minutes: 10 });
        const fourHoursAgo = new Date(Date.now() - 4 * 3_600_000).toISOString();

        const run = await start('--deployment-started-at', fourHoursAgo);

        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(
          /--deployment-started-at: at 10-second periods CloudWatch returns data of the last 3 hours only, and the baseline would start at .*; expected at most 120 minutes before the watch starts \(3 hours less baseline\.minutes, 60\)/,
        );
        expect(sfn).not.toHaveReceivedCommand(StartExecutionCommand);
      });

      it('names the execution losslessly after the deployment id', async () => {
        config = configFile({ metrics: METRICS });

        await start('--deployment-id', 'v1.2');
        await start('--deployment-id', 'v1-2');

        const names = sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input.name);
        expect(names).toEqual([executionName('v1.2'), 'v1-2']);
        expect(names[0]).not.toBe(names[1]);
      });

      describe('with services and environments', () => {
        beforeEach(() => {
          config = path.join(dir, 'services.json');
          writeFileSync(
            config,
            JSON.stringify({
              environments: { prod: { region: 'eu-west-1' }, staging: { region: 'eu-west-1' } },
              watch: { metrics: METRICS },
              services: {
                orders: {
                  environments: ['prod'],
                  resources: { tags: { service: 'orders' } },
                  watch: { rollback: CODEDEPLOY },
                },
                billing: { environments: ['prod', 'staging'], resources: { tags: { service: 'billing' } } },
              },
            }),
          );
        });

        it.each([
          [
            ['--service', 'ordrs'],
            '--service: unknown service "ordrs"; expected one of orders, billing; did you mean "orders"?',
          ],
          [
            ['--env', 'staging'],
            '--env: service "orders" is not deployed to "staging"; expected one of prod',
          ],
          [['--env', 'qa'], '--env: service "orders" is not deployed to "qa"; expected one of prod'],
        ])('%j: exit 2 before any AWS call', async (flags, message) => {
          const run = await start(...flags);

          expect(run.code).toBe(2);
          expect(run.stderr).toContain(message);
          expect(sfn.calls()).toHaveLength(0);
          expect(s3.mock.calls()).toHaveLength(0);
        });

        it("checks the service's own watch: its rollback action needs a CodeDeploy deployment id", async () => {
          const orders = await start('--deployment-id', 'build-7');
          const billing = await start('--service', 'billing', '--deployment-id', 'build-7');

          expect(orders.code).toBe(2);
          expect(orders.stderr).toContain('--deployment-id: the codedeploy rollback action stops');
          expect(billing.code).toBe(0);
          expect(sfn).toHaveReceivedCommandTimes(StartExecutionCommand, 1);
        });
      });

      describe('without a configuration file', () => {
        const cwd = process.cwd();
        afterEach(() => process.chdir(cwd));

        it('checks the input alone and says the watch checks its configuration when it starts', async () => {
          process.chdir(mkdtempSync(path.join(tmpdir(), 'preflight-empty-')));

          const run = await runCliInProcess([
            'watch',
            'start',
            '--service',
            'orders',
            '--env',
            'prod',
            '--deployment-id',
            'build-7',
            '--state-machine-arn',
            ARN,
          ]);

          expect(run.code).toBe(0);
          expect(run.stderr).toContain('the watch checks its configuration when it starts');
          expect(sfn).toHaveReceivedCommandTimes(StartExecutionCommand, 1);
        });
      });
    });

    it('says where to find the state machine when none is given', async () => {
      const run = await runCliInProcess([
        'watch',
        'start',
        '--service',
        'orders',
        '--env',
        'prod',
        '--deployment-id',
        'd-4EXAMPLE1',
        '--config',
        config,
      ]);

      expect(run.code).toBe(2);
      expect(run.stderr).toContain('pass --state-machine-arn or set PREFLIGHT_WATCH_STATE_MACHINE_ARN');
    });
  });

  describe('status', () => {
    const status = () =>
      runCliInProcess(['watch', 'status', '--deployment-id', 'd-4EXAMPLE1', '--state-machine-arn', ARN]);

    it('shows that a watch runs, since when and for how long, from DescribeExecution only', async () => {
      const startDate = new Date(Date.now() - 600_000);
      sfn.on(DescribeExecutionCommand).resolves({ status: 'RUNNING', startDate });

      const run = await status();

      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^RUNNING since ${startDate.toISOString()} \\(60\\d s\\)\n$`));
      expect(sfn).toHaveReceivedCommandWith(DescribeExecutionCommand, { executionArn: EXECUTION });
      expect(sfn.commandCalls(GetExecutionHistoryCommand)).toHaveLength(0);
    });

    it('shows the decision of a finished watch', async () => {
      sfn.on(DescribeExecutionCommand).resolves(decided('ROLLBACK', 'db-connection-errors'));

      const run = await status();

      expect(run.stdout).toBe(
        'ROLLBACK (db-connection-errors) at 2026-11-26T10:13:00.000Z: db-connection-errors: breached\n',
      );
    });

    it('rejects a bad --deployment-id with exit 2 before any AWS call', async () => {
      const run = await runCliInProcess([
        'watch',
        'status',
        '--deployment-id',
        '../../x',
        '--state-machine-arn',
        ARN,
      ]);

      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--deployment-id: expected 1-128 letters');
      expect(sfn.calls()).toHaveLength(0);
    });

    it('says so when the deployment was never watched', async () => {
      sfn
        .on(DescribeExecutionCommand)
        .rejects(new ExecutionDoesNotExist({ message: 'no such execution', $metadata: {} }));

      const run = await status();

      expect(run.code).toBe(2);
      expect(run.stderr).toContain('No watch for deployment d-4EXAMPLE1.');
    });
  });

  describe('abort', () => {
    it('asks the control endpoint, signed, with the reason and the note, and says what happens', async () => {
      const message = `Abort requested for d-4EXAMPLE1 (security-vulnerability) by ${CALLER} at 2026-11-26T10:03:00.000Z: the watch rolls back within one period.`;
      endpoint.answer(200, { message });

      const run = await abort('--reason', 'security-vulnerability', '--note', 'token leak in logs');

      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`${message}\n`);
      const [request] = endpoint.received;
      expect(request?.headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=test\/\d{8}\/us-east-1\/lambda\/aws4_request, /,
      );
      expect(JSON.parse(request?.body ?? '{}')).toEqual({
        action: 'abort',
        deploymentId: 'd-4EXAMPLE1',
        reason: 'security-vulnerability',
        note: 'token leak in logs',
      });
      // The CLI writes nothing to the bucket itself: only the control function may.
      expect(s3.mock.calls()).toHaveLength(0);
    });

    it.each([
      // Each problem names the flag the user typed, not the request's field.
      [['--reason', 'bored'], /^preflight: --reason: got "bored"; expected one of critical-functionality/],
      [['--reason', 'other'], /^preflight: --note: got nothing; expected a note saying why/],
      [
        ['--reason', 'performance', '--deployment-id', '../../x'],
        /^preflight: --deployment-id: got "\.\.\/\.\.\/x"/,
      ],
      [['--reason', 'performance', '--deployment-id', ''], /^preflight: --deployment-id: got ""/],
      [['--reason', 'performance', '--deployment-id', ' \t'], /^preflight: --deployment-id: got " \\t"/],
      [['--reason', 'other', '--note', '  '], /^preflight: --note: got " {2}"; expected a note saying why/],
      [['--reason', 'performance', '--note', 'x'.repeat(1025)], /^preflight: --note: .*at most 1024 bytes/],
    ])('exits 2 on %j without sending anything', async (args, message) => {
      const run = await abort(...args);

      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(endpoint.received).toHaveLength(0);
    });

    it.each([
      [
        403,
        'arn:aws:sts::123456789012:assumed-role/Dev/x (as arn:aws:iam::123456789012:role/Dev) may not abort deployment d-4EXAMPLE1; watch.abortBy allows arn:aws:iam::123456789012:role/OnCall.',
        3,
      ],
      [404, 'No watch is running for d-4EXAMPLE1: none was started for this deployment id.', 4],
      [
        409,
        `Deployment d-4EXAMPLE1 was already aborted by ${CALLER} at 2026-11-26T10:03:00.000Z (performance); the first abort stands.`,
        5,
      ],
    ])('maps HTTP %i to one clear line and exit code', async (status, message, code) => {
      endpoint.answer(status, { error: 'x', message });

      const run = await abort('--reason', 'user-impact');

      expect(run.code).toBe(code);
      expect(run.stderr).toBe(`preflight: ${message}\n`);
    });
  });
});
