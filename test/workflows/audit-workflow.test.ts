import { ListCertificatesCommand } from '@aws-sdk/client-acm';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ListUsersCommand } from '@aws-sdk/client-iam';
import { ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PreflightConfigInput } from '../../lambdas/core/config/schema';
import type { AuditReport } from '../../lambdas/core/report/model';
import type { RunCheckEvent } from '../../lambdas/handlers/audit/contract';
import { run as runCheckHandler } from '../../lambdas/handlers/audit/run-check';
import { type ExtractedStateMachine, extractStateMachine } from '../harness/asl';
import { type LocalRunOptions, runLocally } from '../harness/run';
import { synthPreflight } from '../harness/synth';
import { stubHealthyAccount } from '../support/account-stubs';
import { stubS3 } from '../support/s3-stub';

// Thursday 2026-11-26 10:00 in London.
const NOW = new Date('2026-11-26T10:00:00Z');
const ALL_ATTESTATIONS = {
  'tests-passing': 'https://ci.example.com/runs/1#tests',
  'build-completed': 'https://ci.example.com/runs/1',
  'images-scanned': 'https://ci.example.com/runs/1#scan',
  'migrations-tested': 'https://ci.example.com/runs/1#migrations',
  'api-compatibility': 'https://ci.example.com/runs/1#api',
};

interface Output {
  runId: string;
  verdict: string;
  counts: Record<string, number>;
  blockingItems: string[];
  reportLocation: { json: string; markdown: string };
}

const s3 = stubS3();
const account = stubHealthyAccount(NOW);

function machineFor(config: PreflightConfigInput): ExtractedStateMachine {
  return extractStateMachine(
    synthPreflight({ timezone: 'Europe/London', ...config }).template,
    'AuditStateMachine',
  );
}

async function gate(
  machine: ExtractedStateMachine,
  input: Record<string, unknown>,
  options: LocalRunOptions = {},
) {
  const run = await runLocally(machine, input as never, { startTime: NOW, name: 'deploy-42', ...options });
  const output = run.output as unknown as Output | undefined;
  const report = output ? s3.json<AuditReport>(`runs/${output.runId}/report.json`) : undefined;
  return { ...run, output, report };
}

function itemStatus(report: AuditReport | undefined, id: string) {
  return report?.items.find((i) => i.id === id)?.status;
}

beforeEach(() => {
  s3.install();
  account.install();
});

describe('audit state machine: the gate', () => {
  let machine: ExtractedStateMachine;
  beforeAll(() => {
    machine = machineFor({
      notifications: { emails: ['oncall@example.com'], phoneNumbers: ['+15555550100'] },
    });
  });

  describe('invalid input', () => {
    it.each([
      [{ checks: ['no-such-check'] }, /checks: unknown no-such-check/],
      [{ servce: 'orders' }, /servce/],
      [
        { attestations: { 'tests-pass': 'https://ci.example.com' } },
        /attestations\.tests-pass: unknown attestation key/,
      ],
      [
        { attestations: { 'tests-passing': 'not a link' } },
        /attestations\.tests-passing: expected an http\(s\) evidence link/,
      ],
      [{ windowOverride: { reason: '' } }, /windowOverride\.reason/],
    ])('rejects %j before any check runs, naming the field', async (input, message) => {
      const run = await gate(machine, input);

      expect(run.error?.name).toBe('InvalidInputError');
      expect(run.error?.cause).toMatch(message);
      expect(run.statesEntered).not.toContain('Run check');
      expect(run.published).toEqual([]);
    });
  });

  it('tells a crash apart from bad input', async () => {
    const run = await gate(
      machine,
      { attestations: ALL_ATTESTATIONS },
      {
        tasks: {
          'Validate input': async () => {
            throw Object.assign(new Error('Cannot find module'), { name: 'Runtime.ImportModuleError' });
          },
        },
      },
    );

    expect(run.error?.name).toBe('Runtime.ImportModuleError');
    expect(run.statesEntered).toContain('Validation failed');
    expect(run.statesEntered).not.toContain('Input rejected');
  });

  it('passes when every check passes and every required attestation is given', async () => {
    const run = await gate(machine, {
      service: 'orders',
      environment: 'prod',
      attestations: ALL_ATTESTATIONS,
    });

    expect(run.error).toBeUndefined();
    expect(run.output).toMatchObject({ runId: 'deploy-42', verdict: 'PASS', blockingItems: [] });
    expect(run.output?.reportLocation.json).toMatch(/^s3:\/\/.+\/runs\/deploy-42\/report\.json$/);
    expect(itemStatus(run.report, 'application.tests-passing')).toBe('PASS');
    expect(run.report?.checks.map((c) => c.checkId)).toHaveLength(9);
    expect(s3.objects.size).toBeGreaterThanOrEqual(10);
    const recorded = account.mocks.dynamodb
      .commandCalls(PutItemCommand)
      .map((c) => JSON.parse(c.args[0].input.Item?.event?.S ?? '{}'));
    expect(recorded).toEqual([
      expect.objectContaining({
        kind: 'gate',
        service: 'orders',
        environment: 'prod',
        verdict: 'PASS',
        runId: 'deploy-42',
      }),
    ]);
    expect(recorded[0].items).toMatchObject({
      'security.ssl-certificates': 'PASS',
      'application.tests-passing': 'PASS',
    });
  });

  it('notifies with the full report by email and a summary of at most 160 characters by SMS', async () => {
    const run = await gate(machine, {
      service: 'orders',
      environment: 'prod',
      attestations: ALL_ATTESTATIONS,
    });

    expect(run.published).toHaveLength(1);
    const [message] = run.published;
    expect(message?.structure).toBe('json');
    expect(message?.attributes).toEqual({ verdict: { DataType: 'String', StringValue: 'PASS' } });
    expect(message?.subject).toBe('Preflight PASS: orders prod');
    const perProtocol = JSON.parse(message?.message ?? '{}') as {
      default: string;
      email: string;
      sms: string;
    };
    expect(perProtocol.email).toContain('Pre-Deployment Verification\n  Security & Compliance');
    expect(perProtocol.default).toBe(perProtocol.email);
    expect(perProtocol.sms.length).toBeLessThanOrEqual(160);
    expect(perProtocol.sms).toMatch(
      /^Preflight PASS orders prod: 0 fail 0 err 0 warn \d+ ok\. Run deploy-42$/,
    );
  });

  it('fails when one check fails, naming the item, with the remediation in the email', async () => {
    account.mocks.acm.on(ListCertificatesCommand).resolves({
      CertificateSummaryList: [
        {
          CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/expiring',
          DomainName: 'shop.example.com',
          Type: 'IMPORTED',
          Status: 'ISSUED',
          InUse: true,
          KeyAlgorithm: 'RSA_2048',
          NotAfter: account.days(3),
        },
      ],
    });

    const run = await gate(machine, {
      service: 'orders',
      environment: 'prod',
      attestations: ALL_ATTESTATIONS,
    });

    expect(run.output?.verdict).toBe('FAIL');
    expect(run.output?.blockingItems).toEqual(['security.ssl-certificates']);
    const sms = (JSON.parse(run.published[0]?.message ?? '{}') as { sms: string }).sms;
    expect(sms).toBe(
      'Preflight FAIL orders prod: 1 fail 0 err 0 warn 13 ok. Blocking: security.ssl-certificates. Run deploy-42',
    );
    expect(sms.length).toBeLessThanOrEqual(160);
    const email = (JSON.parse(run.published[0]?.message ?? '{}') as { email: string }).email;
    expect(email).toMatch(
      /FAIL {2}acm-certificates .*shop\.example\.com \(IMPORTED\) expires in 3 days\.\n +fix: Imported certificates never renew/,
    );
  });

  it('reports ERROR when one check task throws, and the other checks still report', async () => {
    const run = await gate(
      machine,
      { attestations: ALL_ATTESTATIONS },
      {
        tasks: {
          'Run check': async (input) => {
            const event = input as unknown as RunCheckEvent;
            if (event.checkId === 'alarms')
              throw Object.assign(new Error('Runtime exited'), { name: 'Lambda.Unknown' });
            return (await runCheckHandler(event)) as never;
          },
        },
      },
    );

    expect(run.output?.verdict).toBe('ERROR');
    expect(run.output?.blockingItems).toEqual(['infrastructure.monitoring-alerting', 'realtime.alert-rules']);
    const alarms = run.report?.findings.filter((f) => f.checkId === 'alarms');
    expect(alarms).toMatchObject([{ status: 'ERROR', message: expect.stringMatching(/Lambda\.Unknown/) }]);
    expect(run.report?.checks.filter((c) => c.status === 'PASS').length).toBeGreaterThanOrEqual(4);
  });

  it('names the denied call when a check cannot read the account', async () => {
    account.mocks.iam
      .on(ListUsersCommand)
      .rejects(Object.assign(new Error('not authorized to perform iam:ListUsers'), { name: 'AccessDenied' }));

    const run = await gate(machine, { attestations: ALL_ATTESTATIONS });

    expect(run.output?.verdict).toBe('ERROR');
    expect(run.report?.findings.find((f) => f.checkId === 'iam-access-keys')?.message).toMatch(
      /iam:ListUsers was denied/,
    );
    expect(account.mocks.secrets).toHaveReceivedCommandTimes(ListSecretsCommand, 2);
  });

  it('fails the items whose required attestation is missing', async () => {
    const { 'tests-passing': _omitted, ...rest } = ALL_ATTESTATIONS;
    const run = await gate(machine, { attestations: rest });

    expect(run.output?.verdict).toBe('FAIL');
    expect(run.output?.blockingItems).toEqual(['application.tests-passing']);
    const finding = run.report?.findings.find((f) => f.itemId === 'application.tests-passing');
    expect(finding).toMatchObject({
      status: 'FAIL',
      message: 'Required attestation "tests-passing" is missing.',
    });
  });

  it('records the report even when the notification cannot be sent', async () => {
    const run = await gate(
      machine,
      { attestations: ALL_ATTESTATIONS },
      {
        tasks: {
          Notify: async () => {
            throw Object.assign(new Error('KMS key disabled'), { name: 'SNS.KMSDisabledException' });
          },
        },
      },
    );

    expect(run.error).toBeUndefined();
    expect(run.output?.verdict).toBe('PASS');
    expect(run.report?.verdict).toBe('PASS');
  });
});

describe('audit state machine: a notification that cannot be sent', () => {
  let machine: ExtractedStateMachine;
  beforeAll(() => {
    machine = machineFor({ notifications: { emails: ['oncall@example.com'] } });
  });
  const publishFails = async () => {
    throw Object.assign(new Error('KMS key disabled'), { name: 'SNS.KMSDisabledException' });
  };
  const COUNTED = {
    state: 'Count failed notification',
    service: 'cloudwatch',
    action: 'putMetricData',
    parameters: {
      Namespace: 'Preflight',
      MetricData: [
        {
          MetricName: 'NotificationsFailed',
          Dimensions: [{ Name: 'Workflow', Value: 'audit' }],
          Unit: 'Count',
          Value: 1,
        },
      ],
    },
  };

  it('is counted in the NotificationsFailed metric, and the verdict stays what it was', async () => {
    const { 'tests-passing': _omitted, ...rest } = ALL_ATTESTATIONS;
    const run = await gate(machine, { attestations: rest }, { tasks: { Notify: publishFails } });

    expect(run.error).toBeUndefined();
    expect(run.output?.verdict).toBe('FAIL');
    expect(run.output?.blockingItems).toEqual(['application.tests-passing']);
    expect(run.sdkCalls).toEqual([COUNTED]);
  });

  it('is not counted when the notification is sent', async () => {
    const run = await gate(machine, { attestations: ALL_ATTESTATIONS });

    expect(run.published).toHaveLength(1);
    expect(run.sdkCalls).toEqual([]);
  });

  it('still ends with the verdict when even counting it fails', async () => {
    const run = await gate(
      machine,
      { attestations: ALL_ATTESTATIONS },
      {
        tasks: {
          Notify: publishFails,
          'Count failed notification': async () => {
            throw Object.assign(new Error('Rate exceeded'), { name: 'CloudWatch.CloudWatchException' });
          },
        },
      },
    );

    expect(run.error).toBeUndefined();
    expect(run.output?.verdict).toBe('PASS');
    // Retried before giving up.
    expect(run.sdkCalls.length).toBeGreaterThan(1);
    expect(run.sdkCalls.every((c) => c.state === COUNTED.state)).toBe(true);
  });
});

describe('audit state machine: sign-offs', () => {
  let machine: ExtractedStateMachine;
  beforeAll(() => {
    machine = machineFor({
      gate: { signoffs: { roles: ['Security Engineer', 'Product Manager'], timeoutMinutes: 60 } },
    });
  });

  const approver =
    (answers: Record<string, 'approve' | 'reject' | 'silence'>) =>
    async (input: unknown): Promise<never> => {
      // The callback task calls lambda:invoke.waitForTaskToken: its input is {FunctionName, Payload}.
      const { role } = (input as { Payload: { role: string } }).Payload;
      if (answers[role] === 'reject') {
        throw Object.assign(
          new Error(
            JSON.stringify({
              reason: 'pen test not finished',
              by: 'arn:aws:sts::1:assumed-role/sec/ana',
              at: NOW.toISOString(),
            }),
          ),
          {
            name: 'SignoffRejected',
          },
        );
      }
      if (answers[role] === 'silence')
        throw Object.assign(new Error('no heartbeat'), { name: 'States.Timeout' });
      return {
        role,
        approved: true,
        by: `arn:aws:sts::1:assumed-role/${role}/someone`,
        at: NOW.toISOString(),
      } as never;
    };

  it('waits for every role and passes when all approve, recording who and when', async () => {
    const run = await gate(
      machine,
      { attestations: ALL_ATTESTATIONS },
      {
        tasks: {
          'Request sign-off': approver({ 'Security Engineer': 'approve', 'Product Manager': 'approve' }),
        },
      },
    );

    expect(run.statesEntered.filter((s) => s === 'Request sign-off')).toHaveLength(2);
    expect(run.output?.verdict).toBe('PASS');
    const kinds = account.mocks.dynamodb
      .commandCalls(PutItemCommand)
      .map((c) => (JSON.parse(c.args[0].input.Item?.event?.S ?? '{}') as { kind: string }).kind);
    expect(kinds).toEqual(['gate', 'signoff', 'signoff']);
    expect(itemStatus(run.report, 'signoff-technical.security-engineer')).toBe('PASS');
    expect(
      run.report?.findings.find((f) => f.itemId === 'signoff-business.product-manager')?.message,
    ).toMatch(
      /^Approved by arn:aws:sts::1:assumed-role\/Product Manager\/someone at 2026-11-26T10:00:00\.000Z/,
    );
    expect(run.published).toHaveLength(1);
  });

  it('fails with the reason when a role rejects', async () => {
    const run = await gate(
      machine,
      { attestations: ALL_ATTESTATIONS },
      {
        tasks: {
          'Request sign-off': approver({ 'Security Engineer': 'reject', 'Product Manager': 'approve' }),
        },
      },
    );

    expect(run.output?.verdict).toBe('FAIL');
    expect(run.output?.blockingItems).toEqual(['signoff-technical.security-engineer']);
    expect(
      run.report?.findings.find((f) => f.itemId === 'signoff-technical.security-engineer')?.message,
    ).toBe('Not approved: rejected by arn:aws:sts::1:assumed-role/sec/ana: pen test not finished');
  });

  it('fails when nobody answers in time', async () => {
    const run = await gate(
      machine,
      { attestations: ALL_ATTESTATIONS },
      {
        tasks: {
          'Request sign-off': approver({ 'Security Engineer': 'approve', 'Product Manager': 'silence' }),
        },
      },
    );

    expect(run.output?.verdict).toBe('FAIL');
    expect(run.report?.findings.find((f) => f.itemId === 'signoff-business.product-manager')?.message).toBe(
      'Not approved: no answer within 60 minutes (timed out)',
    );
  });

  it('does not ask anyone to sign off a gate that already failed', async () => {
    const run = await gate(machine, { attestations: {} }, { tasks: { 'Request sign-off': approver({}) } });

    expect(run.output?.verdict).toBe('FAIL');
    expect(run.statesEntered).not.toContain('Request sign-off');
  });
});

describe('audit state machine: deployment window', () => {
  let machine: ExtractedStateMachine;
  beforeAll(() => {
    machine = machineFor({
      gate: {
        window: {
          days: ['MON', 'TUE', 'WED', 'THU'],
          start: '09:00',
          end: '16:00',
          blackoutDates: ['2026-12-24'],
        },
      },
    });
  });

  it('passes inside the window', async () => {
    const run = await gate(machine, { attestations: ALL_ATTESTATIONS });
    expect(itemStatus(run.report, 'final.deployment-window')).toBe('PASS');
    expect(run.output?.verdict).toBe('PASS');
  });

  it('fails outside the window (a Friday)', async () => {
    const run = await gate(
      machine,
      { attestations: ALL_ATTESTATIONS },
      { startTime: new Date('2026-11-27T10:00:00Z') },
    );

    expect(run.output?.verdict).toBe('FAIL');
    expect(run.report?.findings.find((f) => f.itemId === 'final.deployment-window')?.message).toBe(
      'Outside the deployment window: FRI is not a deployment day (MON, TUE, WED, THU) (Europe/London).',
    );
  });

  it('passes outside the window with an override, and records who and why', async () => {
    const CHRISTMAS_EVE = new Date('2026-12-24T11:00:00Z');
    account.install(CHRISTMAS_EVE);
    const run = await gate(
      machine,
      { attestations: ALL_ATTESTATIONS, windowOverride: { reason: 'hotfix for INC-1234', by: 'ana' } },
      { startTime: CHRISTMAS_EVE },
    );

    expect(run.output?.verdict).toBe('PASS');
    const finding = run.report?.findings.find((f) => f.itemId === 'final.deployment-window');
    expect(finding?.message).toBe(
      'Outside the deployment window (2026-12-24 is a blackout date), overridden by ana: hotfix for INC-1234',
    );
    expect(finding?.evidence).toMatchObject({ override: { reason: 'hotfix for INC-1234', by: 'ana' } });
  });
});

describe('audit state machine: pre-deployment backup', () => {
  const target = {
    resourceArn: 'arn:aws:rds:us-east-1:123456789012:db:orders-db',
    iamRoleArn: 'arn:aws:iam::123456789012:role/backup',
  };
  let machine: ExtractedStateMachine;
  beforeAll(() => {
    machine = machineFor({ gate: { preDeploymentBackup: { targets: [target] } } });
  });

  it('starts the job, waits while it runs, and passes when it completes', async () => {
    const states = ['RUNNING', 'RUNNING', 'COMPLETED'];
    const started: unknown[] = [];
    const run = await gate(
      machine,
      { attestations: ALL_ATTESTATIONS },
      {
        tasks: {
          'Start backup job': async (input) => {
            started.push(input);
            return { BackupJobId: 'job-1' };
          },
          'Describe backup job': async () => ({ BackupJobId: 'job-1', State: states.shift() ?? 'COMPLETED' }),
        },
      },
    );

    expect(started).toEqual([
      expect.objectContaining({
        ResourceArn: target.resourceArn,
        BackupVaultName: 'Default',
        IdempotencyToken: 'deploy-42-0',
      }),
    ]);
    expect(run.statesEntered.filter((s) => s === 'Describe backup job')).toHaveLength(3);
    expect(run.output?.verdict).toBe('PASS');
    expect(itemStatus(run.report, 'phase1.pre-deployment-backup')).toBe('PASS');
  });

  it('fails the gate when the backup fails', async () => {
    const run = await gate(
      machine,
      { attestations: ALL_ATTESTATIONS },
      {
        tasks: {
          'Start backup job': async () => ({ BackupJobId: 'job-2' }),
          'Describe backup job': async () => ({
            BackupJobId: 'job-2',
            State: 'FAILED',
            StatusMessage: 'Insufficient privileges',
          }),
        },
      },
    );

    expect(run.output?.verdict).toBe('FAIL');
    expect(run.report?.findings.find((f) => f.itemId === 'phase1.pre-deployment-backup')?.message).toBe(
      'Pre-deployment backup FAILED: Insufficient privileges.',
    );
  });

  it('fails the gate when the job cannot even start', async () => {
    const run = await gate(
      machine,
      { attestations: ALL_ATTESTATIONS },
      {
        tasks: {
          'Start backup job': async () => {
            throw Object.assign(new Error('User is not authorized'), {
              name: 'Backup.AccessDeniedException',
            });
          },
        },
      },
    );

    expect(run.output?.verdict).toBe('FAIL');
    expect(run.statesEntered).not.toContain('Describe backup job');
  });

  it('takes no backup in a scheduled audit', async () => {
    const run = await gate(machine, { mode: 'scheduled' });
    expect(run.statesEntered).not.toContain('Start backup job');
    expect(run.output?.verdict).toBe('PASS');
  });
});

describe('audit state machine: scheduled posture audit', () => {
  let machine: ExtractedStateMachine;
  beforeAll(() => {
    machine = machineFor({});
  });

  it('alerts on new failures and on recoveries, not on the same failure every day', async () => {
    const expiring = {
      CertificateSummaryList: [
        {
          CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/expiring',
          DomainName: 'shop.example.com',
          Type: 'IMPORTED' as const,
          Status: 'ISSUED' as const,
          InUse: true,
          KeyAlgorithm: 'RSA_2048' as const,
          NotAfter: account.days(3),
        },
      ],
    };
    account.mocks.acm.on(ListCertificatesCommand).resolves(expiring);
    const first = await gate(machine, { mode: 'scheduled' }, { name: 'day-1' });
    s3.install({ clear: false });
    const second = await gate(machine, { mode: 'scheduled' }, { name: 'day-2' });
    account.install();
    s3.install({ clear: false });
    const third = await gate(machine, { mode: 'scheduled' }, { name: 'day-3' });

    expect([first.output?.verdict, second.output?.verdict, third.output?.verdict]).toEqual([
      'FAIL',
      'FAIL',
      'PASS',
    ]);
    expect(first.published).toHaveLength(1);
    expect(first.published[0]?.subject).toBe('Preflight posture FAIL: 1 new failure(s), 0 recovered');
    expect(second.published).toEqual([]);
    expect(third.published).toHaveLength(1);
    const email = (JSON.parse(third.published[0]?.message ?? '{}') as { email: string }).email;
    expect(email).toContain(
      'RECOVERED acm-certificates expiry arn:aws:acm:us-east-1:123456789012:certificate/expiring',
    );
  });

  it('asks for no attestations and records no deployment', async () => {
    const run = await gate(machine, { mode: 'scheduled' });
    expect(run.report?.findings.some((f) => f.checkId === 'attestations')).toBe(false);
    expect(account.mocks.dynamodb.commandCalls(PutItemCommand)).toHaveLength(0);
  });
});
