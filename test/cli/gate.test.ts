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
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED_CHECKLIST } from '../../lambdas/core/checklist/seed';
import { buildReport } from '../../lambdas/core/report/build';
import { runCliInProcess } from '../support/cli-in-process';
import { LocalControlEndpoint } from '../support/control-server';
import { expectValidJunit, expectValidSarif } from '../support/report-formats';
import { stubS3 } from '../support/s3-stub';

const ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:PreflightAudit';
const sfn = mockClient(SFNClient);
const s3 = stubS3();
afterAll(() => {
  sfn.restore();
  s3.mock.restore();
});
const endpoint = new LocalControlEndpoint();

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
  label: 'orders prod build-7',
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

/** The input `preflight gate` sends for build-7 of orders in prod, as DescribeExecution returns it. */
const startedAs = (attestations: Record<string, string> = {}) =>
  JSON.stringify({
    mode: 'gate',
    service: 'orders',
    environment: 'prod',
    deploymentId: 'build-7',
    attestations,
  });

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
  beforeAll(() => endpoint.start());
  afterAll(() => endpoint.stop());
  beforeEach(() => {
    sfn.reset();
    s3.install();
    endpoint.reset();
    s3.objects.set('reports/runs/build-7/report.json', JSON.stringify(report));
    sfn
      .on(StartExecutionCommand)
      .resolves({ executionArn: `${ARN.replace(':stateMachine:', ':execution:')}:build-7` });
    // The gate's caller holds no access to execution history (which holds task data).
    sfn.on(GetExecutionHistoryCommand).rejects(
      Object.assign(new Error('not authorized: states:GetExecutionHistory'), {
        name: 'AccessDeniedException',
      }),
    );
  });

  it('starts the state machine named by the deployment id, with the attestations', async () => {
    const run = await gate(
      '--attest',
      'tests-passing=https://ci.example.com/7#tests',
      '--attest',
      'build-completed=https://ci.example.com/7',
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
    });
    expect(JSON.parse(run.stdout)).toMatchObject({ runId: 'build-7', existed: false });
    expect(endpoint.received).toHaveLength(0);
  });

  describe('--override-window', () => {
    const override = (...extra: string[]) =>
      gate(
        '--override-window',
        'hotfix INC-9',
        '--control-url',
        endpoint.url,
        '--region',
        'us-east-1',
        ...extra,
      );

    it('records the override through the control endpoint (signed), then starts the gate without it', async () => {
      endpoint.answer(200, {
        message:
          'Window overridden for build-7 by arn:aws:sts::1:assumed-role/Release/ray at now: hotfix INC-9',
      });

      const run = await override();

      expect(run.code).toBe(0);
      const [request] = endpoint.received;
      expect(request?.headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=test\/\d{8}\/us-east-1\/lambda\/aws4_request, /,
      );
      // For this gate only: the gate believes an override for its own service and environment.
      expect(JSON.parse(request?.body ?? '{}')).toEqual({
        action: 'override-window',
        deploymentId: 'build-7',
        service: 'orders',
        environment: 'prod',
        reason: 'hotfix INC-9',
      });
      expect(run.stderr).toContain('Window overridden for build-7');
      const input = JSON.parse(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input.input ?? '{}');
      expect(input).not.toHaveProperty('windowOverride');
    });

    it('goes on when the window was already overridden: the first override stands', async () => {
      endpoint.answer(409, {
        error: 'Conflict',
        message: 'The window was already overridden for build-7 by x at t: y; the first override stands.',
      });

      const run = await override();

      expect(run.code).toBe(0);
      expect(run.stderr).toContain('the first override stands');
      expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(1);
    });

    it('does not start the gate when the caller may not override (exit 3)', async () => {
      endpoint.answer(403, {
        error: 'Forbidden',
        message:
          'arn:aws:sts::1:assumed-role/DeployPipeline/b may not override the deployment window; nobody may: gate.window.overrideBy lists no principal.',
      });

      const run = await override();

      expect(run.code).toBe(3);
      expect(run.stderr).toBe(
        'preflight: arn:aws:sts::1:assumed-role/DeployPipeline/b may not override the deployment window; nobody may: gate.window.overrideBy lists no principal.\n',
      );
      expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
    });

    it.each([
      ['x', /^preflight: --override-window: got "x"; expected a reason of 5-500 characters/],
      // Spaces are what the user gave, not nothing: quoted as given, control characters escaped.
      ['      ', /^preflight: --override-window: got " {6}"; expected a reason of 5-500 characters/],
      [
        'hotfix\r\nPASS \u001b[2K',
        /^preflight: --override-window: got "hotfix\\r\\nPASS \\u001b\[2K"; expected a reason as plain text, without a control or format character \(U\+000D\)/,
      ],
    ])('exits 2 on a reason too short (%j), before anything is sent', async (reason, message) => {
      const run = await gate(
        '--override-window',
        reason,
        '--control-url',
        endpoint.url,
        '--region',
        'us-east-1',
      );

      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(endpoint.received).toHaveLength(0);
      expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
    });
  });

  it('waits, shows progress, prints the stored report and exits 1 on FAIL', async () => {
    sfn
      .on(DescribeExecutionCommand)
      .resolvesOnce({ status: 'RUNNING', startDate: new Date(Date.now() - 120_000) })
      .resolves(succeededWith('FAIL'));

    const run = await gate('--wait', '--poll-seconds', '1');

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/waiting: running \(12\d s\)/);
    expect(sfn.commandCalls(GetExecutionHistoryCommand)).toHaveLength(0);
    expect(run.stdout).toContain('[FAIL] security.ssl-certificates');
    expect(run.stdout).toContain('Verdict: FAIL');
  });

  it.each([
    ['PASS', 0],
    ['ERROR', 2],
  ])('exits by the verdict: %s is %i', async (verdict, code) => {
    sfn.on(DescribeExecutionCommand).resolves(succeededWith(verdict));
    s3.objects.set('reports/runs/build-7/report.json', JSON.stringify({ ...report, verdict }));
    const run = await gate('--wait', '--format', 'markdown');
    expect(run.code).toBe(code);
    expect(run.stdout).toMatch(/^## Preflight:/);
  });

  describe('--format sarif and junit', () => {
    it('waits and prints the stored report as SARIF valid against the schema, exiting by the verdict', async () => {
      sfn.on(DescribeExecutionCommand).resolves(succeededWith('FAIL'));
      const run = await gate('--wait', '--format', 'sarif');
      expect(run.code).toBe(1);
      const log = expectValidSarif(run.stdout);
      expect(log.runs[0]?.results?.map((r) => [r.ruleId, r.level, r.message.text])).toEqual([
        ['acm-certificates/expiry', 'error', 'expires in 3 days (shop)'],
      ]);
    });

    it('waits and prints the stored report as JUnit XML', async () => {
      sfn.on(DescribeExecutionCommand).resolves(succeededWith('FAIL'));
      const run = await gate('--wait', '--format', 'junit');
      expect(run.code).toBe(1);
      const [suite] = await expectValidJunit(run.stdout);
      const failed = suite?.testcase?.filter((c) => (c.failure ?? []).length > 0).map((c) => c.name);
      expect(failed).toEqual([expect.stringMatching(/^security\.ssl-certificates: /)]);
    });

    it('writes no file and exits 2 when the stored report cannot be read: a summary is no SARIF', async () => {
      sfn.on(DescribeExecutionCommand).resolves(succeededWith('PASS'));
      s3.objects.delete('reports/runs/build-7/report.json');
      const run = await gate('--wait', '--format', 'sarif');
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(
        /could not fetch the full report \(no object at s3:\/\/reports\/runs\/build-7\/report.json\); no sarif written/,
      );
    });

    // The report is read back from the bucket, which more principals may write than the workflow;
    // the execution's own output is the verdict. A report that disagrees with it is not shown, nor
    // turned into a file that would close every code-scanning alert.
    it.each([
      { case: 'a PASS where the execution failed', stored: { ...report, verdict: 'PASS', findings: [] } },
      { case: 'other counts', stored: { ...report, counts: { ...report.counts, FAIL: 0 } } },
      { case: 'other blocking items', stored: { ...report, blockingItems: [] } },
      { case: 'not a report', stored: { verdict: 'FAIL' } },
    ])('writes no SARIF from a stored report with $case, and exits 2', async ({ stored }) => {
      sfn.on(DescribeExecutionCommand).resolves(succeededWith('FAIL'));
      s3.objects.set('reports/runs/build-7/report.json', JSON.stringify(stored));

      const run = await gate('--wait', '--format', 'sarif');

      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(
        /could not fetch the full report \(the object at s3:\/\/reports\/runs\/build-7\/report\.json is not this run's report: .+\); no sarif written/,
      );
    });

    it('shows the execution’s own verdict, not a stored report that says PASS, and exits 1', async () => {
      sfn.on(DescribeExecutionCommand).resolves(succeededWith('FAIL'));
      s3.objects.set(
        'reports/runs/build-7/report.json',
        JSON.stringify({ ...report, verdict: 'PASS', findings: [] }),
      );

      const run = await gate('--wait', '--format', 'markdown');

      expect(run.code).toBe(1);
      expect(run.stdout).toBe('Verdict: FAIL; blocking: security.ssl-certificates\n');
      expect(run.stderr).toMatch(/the stored report says PASS, the execution FAIL/);
    });

    it('refuses a file format without --wait, before anything starts', async () => {
      const run = await gate('--format', 'junit');
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--format junit needs --wait/);
      expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
    });
  });

  it('starts the same deployment once: a second call follows the first execution', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    sfn.on(DescribeExecutionCommand).resolves({ ...succeededWith('PASS'), input: startedAs() });

    const run = await gate('--wait');

    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'already started: arn:aws:states:us-east-1:123456789012:execution:PreflightAudit:build-7',
    );
    expect(sfn).toHaveReceivedCommandWith(DescribeExecutionCommand, {
      executionArn: 'arn:aws:states:us-east-1:123456789012:execution:PreflightAudit:build-7',
    });
  });

  describe('follows an execution of the deployment id only when it is this gate', () => {
    const exists = () =>
      sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));

    it('follows a run a Step Functions action started with the same request (mode left to its default)', async () => {
      exists();
      sfn.on(DescribeExecutionCommand).resolves({
        ...succeededWith('PASS'),
        input: JSON.stringify({ service: 'orders', environment: 'prod', deploymentId: 'build-7' }),
      });

      const run = await gate('--wait');

      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Verdict:');
    });

    it.each([
      {
        case: 'a scheduled audit, which asks for no sign-off, attestation, window or backup',
        input: { mode: 'scheduled', service: 'orders', environment: 'prod', deploymentId: 'build-7' },
        says: /mode: "scheduled" there, "gate" here/,
      },
      {
        case: 'a gate of another service',
        input: { mode: 'gate', service: 'billing', environment: 'prod', deploymentId: 'build-7' },
        says: /service: "billing" there, "orders" here/,
      },
      {
        case: 'a gate of another environment',
        input: { mode: 'gate', service: 'orders', environment: 'dev', deploymentId: 'build-7' },
        says: /environment: "dev" there, "prod" here/,
      },
      {
        case: 'an execution whose input cannot be read',
        input: undefined,
        says: /execution build-7 already exists and its input could not be read/,
      },
    ])('refuses to report $case as this gate (exit 2), with or without --wait', async ({ input, says }) => {
      exists();
      sfn.on(DescribeExecutionCommand).resolves({
        ...succeededWith('PASS'),
        ...(input === undefined ? {} : { input: JSON.stringify(input) }),
      });

      for (const args of [['--wait'], []]) {
        const run = await gate(...args);

        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(says);
        expect(run.stderr).toContain('use another --deployment-id');
        expect(run.stdout).toBe('');
      }
    });

    it('refuses a run that carries attestations other than the ones this call gives', async () => {
      exists();
      sfn.on(DescribeExecutionCommand).resolves({
        ...succeededWith('PASS'),
        input: startedAs({ 'tests-passing': 'https://attacker.example.com/green' }),
      });

      const run = await gate('--attest', 'tests-passing=https://ci.example.com/7#tests', '--wait');

      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/attestations: .*attacker\.example\.com.* there, .*ci\.example\.com.* here/);
    });
  });

  describe('--image', () => {
    const DIGEST = `sha256:${'0f'.repeat(32)}`;
    const IMAGE = `123456789012.dkr.ecr.us-east-1.amazonaws.com/orders@${DIGEST}`;
    const SIDECAR = `123456789012.dkr.ecr.us-east-1.amazonaws.com/team/log-router@${DIGEST}`;

    it('starts the gate with the release: every image, as given', async () => {
      const run = await gate('--image', IMAGE, '--image', SIDECAR);

      expect(run.code).toBe(0);
      const input = JSON.parse(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input?.input ?? '{}');
      expect(input.release).toEqual({ images: [IMAGE, SIDECAR] });
    });

    it('sends no release when no image is given', async () => {
      await gate();
      const input = JSON.parse(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input?.input ?? '{}');
      expect(input).not.toHaveProperty('release');
    });

    it.each([
      {
        case: 'a tag',
        images: ['123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1.42.0'],
        message:
          /^preflight: --image #1: .*pinned by tag "1\.42\.0": pin the digest: a tag can move between scan and deploy/,
      },
      {
        case: 'a registry that is not ECR',
        images: [`ghcr.io/attacker/orders@${DIGEST}`],
        message: /registry "ghcr\.io" is not an Amazon ECR private registry/,
      },
      {
        case: 'a repository name carrying a command',
        images: [`123456789012.dkr.ecr.us-east-1.amazonaws.com/orders$(curl evil)@${DIGEST}`],
        message: /holds spaces, control or quote characters/,
      },
      {
        case: 'the same image twice',
        images: [IMAGE, IMAGE],
        message: /^preflight: --image #2: .* is given twice/,
      },
    ])('refuses $case with exit 2, and starts no execution', async ({ images, message }) => {
      const run = await gate(...images.flatMap((image) => ['--image', image]));

      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
    });

    it("refuses an image outside the environment's account and regions, calling no AWS", async () => {
      const dir = mkdtempSync(join(tmpdir(), 'preflight-gate-'));
      const config = join(dir, 'preflight.config.json');
      writeFileSync(
        config,
        JSON.stringify({
          environments: { prod: { account: '123456789012', region: 'us-east-1' } },
          services: { orders: { environments: ['prod'], resources: { tags: { service: 'orders' } } } },
        }),
      );
      const elsewhere = IMAGE.replace('123456789012', '999999999999').replace('us-east-1', 'eu-west-1');

      const run = await gate('--image', elsewhere, '--config', config);

      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/is in account 999999999999, not environment "prod"'s account 123456789012/);
      expect(run.stderr).toMatch(/is in eu-west-1, not a region of environment "prod" \(us-east-1\)/);
      expect(sfn.calls()).toHaveLength(0);
    });

    it('refuses to follow a run of the same deployment id that judged other images', async () => {
      sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
      sfn.on(DescribeExecutionCommand).resolves({
        ...succeededWith('PASS'),
        input: JSON.stringify({
          mode: 'gate',
          service: 'orders',
          environment: 'prod',
          deploymentId: 'build-7',
          attestations: {},
          release: { images: [SIDECAR] },
        }),
      });

      const run = await gate('--image', IMAGE, '--wait');

      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/release: .*log-router.* there, .*orders@.* here/);
      expect(run.stdout).toBe('');
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
    // Each says what is wrong in it, not only the shape.
    [
      ['--attest', 'Tests-Passing=https://ci.example.com/7'],
      /key "Tests-Passing": expected lowercase letters, digits and -/,
    ],
    [
      ['--attest', 'tests-passing=ci.example.com/7'],
      /tests-passing: the evidence link "ci\.example\.com\/7" is not an http\(s\) URL/,
    ],
    [
      ['--attest', 'tests-passing=https://ci.example.com/a b'],
      /the evidence link .* is not an http\(s\) URL/,
    ],
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
        message: /^preflight: --deployment-id: got .*; expected 1-128 letters, digits/,
      },
      {
        case: 'an empty deployment id',
        args: ['--service', 'orders', '--env', 'prod', '--deployment-id', ''],
        message: /^preflight: --deployment-id: got .*; expected 1-128 letters, digits/,
      },
      {
        case: 'a deployment id with a space',
        args: ['--service', 'orders', '--env', 'prod', '--deployment-id', 'build 7'],
        message: /^preflight: --deployment-id: got .*; expected 1-128 letters/,
      },
      {
        case: 'an environment with markup',
        args: ['--service', 'orders', '--env', '<prod>', '--deployment-id', 'build-7'],
        message: /^preflight: --env: got .*; expected 1-64 letters, digits, - or _/,
      },
      {
        case: 'a service with a slash',
        args: ['--service', 'orders/api', '--env', 'prod', '--deployment-id', 'build-7'],
        message: /^preflight: --service: got .*; expected 1-64 letters, digits, _ \. or -/,
      },
      {
        case: 'a subset of the checks',
        args: ['--service', 'orders', '--env', 'prod', '--deployment-id', 'build-7', '--checks', 'alarms'],
        message:
          /^preflight: --checks: a gate judges every enabled check; a subset is for scheduled runs and `preflight audit`/,
      },
      {
        case: 'an unknown check',
        args: ['--service', 'orders', '--env', 'prod', '--deployment-id', 'build-7', '--checks', 'alarm'],
        message: /--checks: unknown alarm; expected ids from .*; did you mean "alarms"\?/,
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
        message: /^preflight: --attest tests-pass: unknown attestation key; .*did you mean "tests-passing"\?/,
      },
      {
        // The link is echoed in the report, the e-mail and the history: an escape sequence rewrites a terminal there.
        case: 'an evidence link carrying an escape sequence',
        args: [
          ...['--service', 'orders', '--env', 'prod', '--deployment-id', 'build-7'],
          ...['--attest', 'tests-passing=https://ci.example.com/7\u001b[2K'],
        ],
        message: /^preflight: --attest tests-passing: got ".*\\u001b\[2K"; expected .*\(U\+001B\)/,
      },
      {
        case: 'an evidence link with a bidi override',
        args: [
          ...['--service', 'orders', '--env', 'prod', '--deployment-id', 'build-7'],
          ...['--attest', 'tests-passing=https://ci.example.com/\u202e7'],
        ],
        message: /^preflight: --attest tests-passing: got ".*\\u202e7"; expected .*\(U\+202E\)/,
      },
      {
        case: 'an evidence link of a megabyte',
        args: [
          ...['--service', 'orders', '--env', 'prod', '--deployment-id', 'build-7'],
          ...['--attest', `tests-passing=https://ci.example.com/${'a'.repeat(1_000_000)}`],
        ],
        message:
          /^preflight: --attest tests-passing: got ".*\(1000023 characters\); expected an http\(s\) evidence link of at most 2048 characters/,
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
      expect(run.stderr).toMatch(/^preflight: --service: .*; --env: .*; --deployment-id: /);
      expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
    });

    it.each([
      [
        ['--service', 'order-api', '--env', 'prod'],
        /unknown service "order-api"; .*did you mean "orders-api"\?/,
      ],
      [['--service', 'orders-api', '--env', 'prd'], /service "orders-api" is not deployed to "prd"/],
      [['--service', 'payments', '--env', 'prod'], /unknown service "payments"; expected one of orders-api/],
    ])(
      'refuses %j against the services of its configuration with exit 2, calling no AWS',
      async (args, message) => {
        const dir = mkdtempSync(join(tmpdir(), 'preflight-gate-'));
        const config = join(dir, 'services.json');
        writeFileSync(
          config,
          JSON.stringify({
            environments: { prod: { account: '111122223333', region: 'eu-west-1' } },
            services: {
              'orders-api': { environments: ['prod'], resources: { tags: { service: 'orders-api' } } },
            },
          }),
        );
        const run = await runCliInProcess([
          ...base,
          ...args,
          '--deployment-id',
          'build-7',
          '--override-window',
          'hotfix for INC-1234',
          '--control-url',
          endpoint.url,
          '-c',
          config,
        ]);

        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(message);
        expect(sfn.calls()).toHaveLength(0);
        expect(endpoint.received).toHaveLength(0);
      },
    );

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
    // A safe id that looks like another id's lossless name (its readable part, `-`, ten hex digits)
    // once took that name: whichever gate came second was refused, or followed the other's run.
    it('never gives a safe id the name of another id made lossless', async () => {
      const started = new Map<string, string>();
      sfn.on(StartExecutionCommand).callsFake((input: { name: string; input: string }) => {
        if (started.has(input.name)) throw new ExecutionAlreadyExists({ message: 'exists', $metadata: {} });
        started.set(input.name, input.input);
        return { executionArn: `${ARN.replace(':stateMachine:', ':execution:')}:${input.name}` };
      });
      sfn.on(DescribeExecutionCommand).callsFake((input: { executionArn: string }) => ({
        status: 'RUNNING',
        input: started.get(input.executionArn.split(':').at(-1) ?? ''),
      }));
      const start = (deploymentId: string) =>
        runCliInProcess([...base, '--service', 'orders', '--env', 'prod', '--deployment-id', deploymentId]);

      const dotted = await start('v1.2');
      const lookalike = [...started.keys()][0] ?? '';
      const other = await start(lookalike);

      expect(lookalike).toMatch(/^v1-2-[0-9a-f]{10}$/);
      expect(dotted.code).toBe(0);
      expect(other.stderr).toMatch(/^started: /);
      expect(other.code).toBe(0);
      expect(started.size).toBe(2);
      expect([...started.values()].map((i) => JSON.parse(i).deploymentId)).toEqual(['v1.2', lookalike]);
    });
  });

  it('says where to find the state machine when none is given', async () => {
    const run = await runCliInProcess(['gate', '--service', 'orders', '--env', 'prod']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('pass --state-machine-arn or set PREFLIGHT_STATE_MACHINE_ARN');
  });

  describe('checks every flag before it looks for the state machine, so the input error is the one shown', () => {
    const DIGEST = `sha256:${'0f'.repeat(32)}`;
    it.each([
      {
        case: 'an image pinned by tag',
        flags: ['--image', '123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1.42.0'],
        message: /^preflight: --image #1: .*pinned by tag "1\.42\.0"/,
      },
      {
        case: 'an image outside ECR',
        flags: ['--image', `ghcr.io/attacker/orders@${DIGEST}`],
        message: /registry "ghcr\.io" is not an Amazon ECR private registry/,
      },
      {
        case: 'an unknown attestation key',
        flags: ['--attest', 'made-up=https://ci.example.com/1'],
        message: /^preflight: --attest made-up: unknown attestation key/,
      },
      {
        case: 'an override reason too short',
        flags: ['--override-window', 'x', '--control-url', 'https://control.example.com'],
        message: /expected a reason of 5-500 characters/,
      },
      {
        case: 'a file format without --wait',
        flags: ['--format', 'sarif'],
        message: /--format sarif needs --wait/,
      },
      {
        case: 'a region that is no region',
        flags: ['--region', 'mars-1'],
        message: /--region: got "mars-1"; expected an AWS region/,
      },
    ])('$case, with no state machine given', async ({ flags, message }) => {
      const run = await runCliInProcess(['gate', '--service', 'orders', '--env', 'prod', ...flags]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toContain('no state machine');
      expect(sfn.calls()).toHaveLength(0);
    });
  });
});
