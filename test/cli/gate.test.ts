import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SEED_CHECKLIST } from '../../lambdas/core/checklist/seed';
import { buildReport } from '../../lambdas/core/report/build';
import { runCliInProcess } from '../support/cli-in-process';
import { stubS3 } from '../support/s3-stub';

const ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:PreflightAudit';
const sfn = mockClient(SFNClient);
const s3 = stubS3();

const report = buildReport({
  checklist: SEED_CHECKLIST,
  results: [
    {
      checkId: 'acm-certificates',
      startedAt: '2026-11-26T10:00:00.000Z',
      durationMs: 1,
      findings: [
        {
          checkId: 'acm-certificates',
          rule: 'expiry',
          resource: 'shop',
          status: 'FAIL',
          message: 'expires in 3 days',
          remediation: 'renew',
        },
      ],
    },
  ],
  now: new Date('2026-11-26T10:00:00Z'),
  target: 'orders prod build-7',
  warnBlocks: false,
});

function succeededWith(verdict: string) {
  return {
    status: 'SUCCEEDED' as const,
    output: JSON.stringify({
      runId: 'build-7',
      verdict,
      counts: report.counts,
      blockingItems: report.blockingItems,
      reportLocation: {
        json: 's3://reports/runs/build-7/report.json',
        markdown: 's3://reports/runs/build-7/report.md',
      },
    }),
  };
}

const gate = (...extra: string[]) =>
  runCliInProcess([
    'gate',
    '--service',
    'orders',
    '--env',
    'prod',
    '--deployment-id',
    'build-7',
    '--state-machine-arn',
    ARN,
    ...extra,
  ]);

describe('preflight gate', () => {
  beforeEach(() => {
    sfn.reset();
    s3.install();
    s3.objects.set('reports/runs/build-7/report.json', JSON.stringify(report));
    sfn
      .on(StartExecutionCommand)
      .resolves({ executionArn: `${ARN.replace(':stateMachine:', ':execution:')}:build-7` });
    sfn.on(GetExecutionHistoryCommand).resolves({ events: [] });
  });

  it('starts the state machine named by the deployment id, with the attestations and the window override', async () => {
    const run = await gate(
      '--attest',
      'tests-passing=https://ci.example.com/7#tests',
      '--attest',
      'build-completed=https://ci.example.com/7',
      '--override-window',
      'hotfix INC-9',
    );

    expect(run.code).toBe(0);
    const input = sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input;
    expect(input).toMatchObject({ stateMachineArn: ARN, name: 'build-7' });
    expect(JSON.parse(input?.input ?? '{}')).toMatchObject({
      mode: 'gate',
      service: 'orders',
      environment: 'prod',
      deploymentId: 'build-7',
      attestations: {
        'tests-passing': 'https://ci.example.com/7#tests',
        'build-completed': 'https://ci.example.com/7',
      },
      windowOverride: { reason: 'hotfix INC-9' },
    });
    expect(JSON.parse(run.stdout)).toMatchObject({ runId: 'build-7', existed: false });
  });

  it('waits, shows progress, prints the stored report and exits 1 on FAIL', async () => {
    sfn.on(DescribeExecutionCommand).resolvesOnce({ status: 'RUNNING' }).resolves(succeededWith('FAIL'));
    sfn.on(GetExecutionHistoryCommand).resolves({
      events: [
        {
          id: 9,
          type: 'TaskStateEntered',
          timestamp: new Date(),
          stateEnteredEventDetails: { name: 'Run checks' },
        },
      ],
    });

    const run = await gate('--wait', '--poll-seconds', '1');

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/waiting: Run checks \(\d+ s\)/);
    expect(run.stdout).toContain('[FAIL] security.ssl-certificates');
    expect(run.stdout).toContain('Verdict: FAIL');
  });

  it.each([
    ['PASS', 0],
    ['ERROR', 2],
  ])('exits by the verdict: %s is %i', async (verdict, code) => {
    sfn.on(DescribeExecutionCommand).resolves(succeededWith(verdict));
    const run = await gate('--wait', '--format', 'markdown');
    expect(run.code).toBe(code);
    expect(run.stdout).toMatch(/^## Preflight:/);
  });

  it('starts the same deployment once: a second call follows the first execution', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    sfn.on(DescribeExecutionCommand).resolves(succeededWith('PASS'));

    const run = await gate('--wait');

    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'already started: arn:aws:states:us-east-1:123456789012:execution:PreflightAudit:build-7',
    );
    expect(sfn).toHaveReceivedCommandWith(DescribeExecutionCommand, {
      executionArn: 'arn:aws:states:us-east-1:123456789012:execution:PreflightAudit:build-7',
    });
  });

  it('exits 2 when the execution itself fails', async () => {
    sfn
      .on(DescribeExecutionCommand)
      .resolves({ status: 'FAILED', error: 'InvalidInputError', cause: 'checks: unknown x' });
    const run = await gate('--wait');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the gate did not finish: FAILED InvalidInputError checks: unknown x');
  });

  it.each([
    [['--attest', 'tests-passing'], /expected KEY=URL/],
    [['--format', 'html'], /expected one of text, json, markdown/],
  ])('rejects bad options %j with exit 2', async (args, message) => {
    const run = await gate(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  describe("validates with the state machine's own rules before it starts anything", () => {
    const base = ['gate', '--state-machine-arn', ARN];
    it.each([
      {
        case: 'a deployment id with a path',
        args: ['--service', 'orders', '--env', 'prod', '--deployment-id', '../../x'],
        message: /deploymentId: expected 1-128 letters, digits/,
      },
      {
        case: 'an empty deployment id',
        args: ['--service', 'orders', '--env', 'prod', '--deployment-id', ''],
        message: /deploymentId: expected 1-128 letters, digits/,
      },
      {
        case: 'a deployment id with a space',
        args: ['--service', 'orders', '--env', 'prod', '--deployment-id', 'build 7'],
        message: /deploymentId: expected 1-128 letters/,
      },
      {
        case: 'an environment with markup',
        args: ['--service', 'orders', '--env', '<prod>', '--deployment-id', 'build-7'],
        message: /environment: expected 1-64 letters, digits, - or _/,
      },
      {
        case: 'a service with a slash',
        args: ['--service', 'orders/api', '--env', 'prod', '--deployment-id', 'build-7'],
        message: /service: expected 1-64 letters, digits, _ \. or -/,
      },
      {
        case: 'a subset of the checks',
        args: ['--service', 'orders', '--env', 'prod', '--deployment-id', 'build-7', '--checks', 'alarms'],
        message:
          /checks: a gate judges every enabled check; a subset is for scheduled runs and `preflight audit`/,
      },
      {
        case: 'an unknown check',
        args: ['--service', 'orders', '--env', 'prod', '--deployment-id', 'build-7', '--checks', 'alarm'],
        message: /checks: unknown alarm; expected ids from .*; did you mean "alarms"\?/,
      },
      {
        case: 'an unknown attestation key',
        args: [
          '--service',
          'orders',
          '--env',
          'prod',
          '--deployment-id',
          'build-7',
          '--attest',
          'tests-pass=https://ci.example.com/7',
        ],
        message: /attestations\.tests-pass: unknown attestation key; .*did you mean "tests-passing"\?/,
      },
    ])('refuses $case with exit 2, and starts no execution', async ({ args, message }) => {
      const run = await runCliInProcess([...base, ...args]);

      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
    });

    it('reports every problem at once', async () => {
      const run = await runCliInProcess([
        ...base,
        '--service',
        'orders api',
        '--env',
        'prod!',
        '--deployment-id',
        'build/7',
      ]);

      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/service: .*; environment: .*; deploymentId: /);
      expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
    });

    it('accepts the attestation keys of the configuration it is given', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'preflight-gate-'));
      const config = join(dir, 'preflight.config.json');
      writeFileSync(
        config,
        JSON.stringify({
          checklist: {
            items: [
              {
                id: 'security.waf-enabled',
                section: 'pre-deployment',
                group: 'Security & Compliance',
                title: 'WAF attached',
                verification: { kind: 'attestation', key: 'waf' },
              },
            ],
          },
        }),
      );
      const waf = ['--attest', 'waf=https://ci.example.com/7#waf'];

      const without = await gate(...waf);
      const withConfig = await gate(...waf, '--config', config);

      expect(without.code).toBe(2);
      expect(withConfig.code).toBe(0);
      expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(1);
    });

    it('names the execution losslessly after a deployment id that is not a safe name', async () => {
      const run = await runCliInProcess([
        ...base,
        '--service',
        'orders',
        '--env',
        'prod',
        '--deployment-id',
        'v1.2',
      ]);

      expect(run.code).toBe(0);
      const input = sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input;
      expect(input?.name).toMatch(/^v1-2-[0-9a-f]{10}$/);
      expect(JSON.parse(input?.input ?? '{}')).toMatchObject({ deploymentId: 'v1.2' });
    });
  });

  it('says where to find the state machine when none is given', async () => {
    const run = await runCliInProcess(['gate', '--service', 'orders', '--env', 'prod']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('pass --state-machine-arn or set PREFLIGHT_STATE_MACHINE_ARN');
  });
});
