import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { executionName } from '../../lambdas/core/execution-name';
import { runCliInProcess } from '../support/cli-in-process';
import { stubS3 } from '../support/s3-stub';

const ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:PreflightWatch';
const EXECUTION = 'arn:aws:states:us-east-1:123456789012:execution:PreflightWatch:d-4EXAMPLE1';
const CALLER = 'arn:aws:sts::123456789012:assumed-role/oncall/ana';
const sfn = mockClient(SFNClient);
const sts = mockClient(STSClient);
const s3 = stubS3();

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

/** `watch start` with valid flags (the last of a repeated flag wins) and the configuration. */
const start = (...extra: string[]) =>
  runCliInProcess([
    'watch',
    'start',
    '--service',
    'orders',
    '--env',
    'prod',
    '--deployment-id',
    'd-4EXAMPLE1',
    '--state-machine-arn',
    ARN,
    '--config',
    config,
    ...extra,
  ]);

const abort = (...extra: string[]) =>
  runCliInProcess(['watch', 'abort', '--deployment-id', 'd-4EXAMPLE1', '--bucket', 'reports', ...extra]);

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
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'preflight-watch-'));
  });
  beforeEach(() => {
    config = configFile({ metrics: METRICS, rollback: CODEDEPLOY });
    sfn.reset();
    sts.reset();
    s3.install();
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION });
    sfn.on(GetExecutionHistoryCommand).resolves({ events: [] });
    sts.on(GetCallerIdentityCommand).resolves({ Arn: CALLER, Account: '123456789012' });
  });

  describe('start', () => {
    it('starts the execution named by the deployment id, with the watch input', async () => {
      const run = await start('--minutes', '45', '--commit-time', '2026-11-26T08:12:00Z');

      expect(run.code).toBe(0);
      const call = sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input;
      expect(call).toMatchObject({ stateMachineArn: ARN, name: 'd-4EXAMPLE1' });
      expect(JSON.parse(call?.input ?? '{}')).toEqual({
        deploymentId: 'd-4EXAMPLE1',
        service: 'orders',
        environment: 'prod',
        minutes: 45,
        commitTime: '2026-11-26T08:12:00Z',
      });
      expect(JSON.parse(run.stdout)).toEqual({
        deploymentId: 'd-4EXAMPLE1',
        executionArn: EXECUTION,
        existed: false,
      });
    });

    it('watches once when started twice: the second start follows the first execution', async () => {
      sfn
        .on(StartExecutionCommand)
        .resolvesOnce({ executionArn: EXECUTION })
        .rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
      sfn.on(DescribeExecutionCommand).resolves(decided('PROCEED'));

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
      ['PROCEED', null, 0],
      ['ROLLBACK', 'error-rate', 1],
      ['INCONCLUSIVE', null, 2],
    ])('with --wait, exits by the decision: %s is %i', async (decision, trigger, code) => {
      sfn.on(DescribeExecutionCommand).resolves(decided(decision, trigger));

      const run = await start('--wait');

      expect(run.code).toBe(code);
      expect(run.stdout).toMatch(
        new RegExp(`^${decision}${trigger ? ` \\(${trigger}\\)` : ''} at 2026-11-26T10:13:00.000Z`),
      );
    });

    it('shows progress while waiting and prints the stored evidence', async () => {
      sfn
        .on(DescribeExecutionCommand)
        .resolvesOnce({ status: 'RUNNING' })
        .resolves(decided('ROLLBACK', 'latency'));
      sfn.on(GetExecutionHistoryCommand).resolves({
        events: [
          {
            id: 7,
            type: 'TaskStateEntered',
            timestamp: new Date(),
            stateEnteredEventDetails: { name: 'Evaluate' },
          },
        ],
      });
      s3.objects.set(
        'reports/watches/d-4EXAMPLE1/decision.json',
        JSON.stringify({
          summary: 'Preflight deployment watch: ROLLBACK for orders prod\nTriggers\n  BREACH latency\n',
        }),
      );

      const run = await start('--wait', '--poll-seconds', '1', '--bucket', 'reports');

      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/watching: Evaluate \(\d+ s\)/);
      expect(run.stdout).toContain('BREACH latency');
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
        [['--minutes', '1441'], /--minutes: Too big: expected number to be <=1440/],
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

      it('names the execution losslessly after the deployment id', async () => {
        config = configFile({ metrics: METRICS });

        await start('--deployment-id', 'v1.2');
        await start('--deployment-id', 'v1-2');

        const names = sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input.name);
        expect(names).toEqual([executionName('v1.2'), 'v1-2']);
        expect(names[0]).not.toBe(names[1]);
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

    it('shows the current state of a running watch', async () => {
      sfn.on(DescribeExecutionCommand).resolves({ status: 'RUNNING' });
      sfn.on(GetExecutionHistoryCommand).resolves({
        events: [
          {
            id: 9,
            type: 'WaitStateEntered',
            timestamp: new Date(),
            stateEnteredEventDetails: { name: 'Wait for next period' },
          },
        ],
      });

      const run = await status();

      expect(run.code).toBe(0);
      expect(run.stdout).toBe('RUNNING: Wait for next period\n');
      expect(sfn).toHaveReceivedCommandWith(DescribeExecutionCommand, { executionArn: EXECUTION });
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
    it('writes the abort request with the reason code, the note, the caller and the time', async () => {
      const run = await abort('--reason', 'security-vulnerability', '--note', 'token leak in logs');

      expect(run.code).toBe(0);
      expect(s3.json('watches/d-4EXAMPLE1/abort.json')).toEqual({
        deploymentId: 'd-4EXAMPLE1',
        reason: 'security-vulnerability',
        text: 'token leak in logs',
        by: CALLER,
        requestedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      });
      expect(s3.objects.has('reports/watches/d-4EXAMPLE1/abort.json')).toBe(true);
      expect(run.stdout).toContain(`Abort requested for d-4EXAMPLE1 (security-vulnerability) by ${CALLER}`);
    });

    it('is idempotent: the first abort stands and a second one writes nothing', async () => {
      await abort('--reason', 'performance');
      s3.mock.resetHistory();

      const again = await abort('--reason', 'user-impact');

      expect(again.code).toBe(0);
      expect(again.stdout).toContain('was already aborted by');
      expect(again.stdout).toContain('(performance); the first abort stands');
      expect(s3.mock.commandCalls(PutObjectCommand)).toHaveLength(0);
      expect(s3.json<{ reason: string }>('watches/d-4EXAMPLE1/abort.json').reason).toBe('performance');
    });

    it.each([
      [
        ['--reason', 'bored'],
        /--reason: unknown abort reason "bored"; expected one of critical-functionality/,
      ],
      [['--reason', 'other'], /--reason: an abort with reason "other" needs a text/],
    ])('rejects %j with exit 2 and writes nothing', async (args, message) => {
      const run = await abort(...args);

      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(s3.objects.size).toBe(0);
    });

    it('explains an IAM denial', async () => {
      s3.mock
        .on(PutObjectCommand)
        .rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));

      const run = await abort('--reason', 'data-corruption');

      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        'You may not abort deployment d-4EXAMPLE1: IAM denies s3://reports/watches/d-4EXAMPLE1/abort.json.',
      );
    });
  });
});
