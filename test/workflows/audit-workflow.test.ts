import { ListCertificatesCommand } from '@aws-sdk/client-acm';
import { GetRestApisCommand, GetStagesCommand, GetUsagePlansCommand } from '@aws-sdk/client-api-gateway';
import { GetApisCommand, GetStagesCommand as GetHttpStagesCommand } from '@aws-sdk/client-apigatewayv2';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ListUsersCommand } from '@aws-sdk/client-iam';
import { ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { PublishCommand } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PreflightConfigInput } from '../../lambdas/core/config/schema';
import { roleSlug } from '../../lambdas/core/gate/signoff-role';
import type { AuditReport } from '../../lambdas/core/report/model';
import { run as runAlarmsCheck } from '../../lambdas/handlers/audit/checks/alarms';
import type { RunCheckEvent } from '../../lambdas/handlers/audit/contract';
import { type ExtractedStateMachine, extractStateMachine } from '../harness/asl';
import { functionByEntry, invokeFunction } from '../harness/functions';
import { type LocalRunOptions, runLocally } from '../harness/run';
import { synthPreflight } from '../harness/synth';
import { stubHealthyAccount, stubStateMachineListing } from '../support/account-stubs';
import { restoreEnvironment, saveEnvironment } from '../support/environment';
import { functionUrlEvent } from '../support/function-url-event';
import { stubS3 } from '../support/s3-stub';

// Thursday 2026-11-26 10:00 in London.
const NOW = new Date('2026-11-26T10:00:00Z');
const ALL_ATTESTATIONS = {
  'tests-passing': 'https://ci.example.com/runs/1#tests',
  'build-completed': 'https://ci.example.com/runs/1',
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
const sfn = mockClient(SFNClient);
const environmentBefore = saveEnvironment();
afterAll(() => {
  restoreEnvironment(environmentBefore);
  s3.mock.restore();
  account.restore();
  sfn.restore();
});

const ACCOUNT = '123456789012';
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const session = (name: string, who: string) => `arn:aws:sts::${ACCOUNT}:assumed-role/${name}/${who}`;
const ANA = session('SecurityApprovers', 'ana');
const BO = session('ProductApprovers', 'bo');
const RAY = session('ReleaseManagers', 'ray');
const PIPELINE = session('DeployPipeline', 'build-42');

/** Calls the stack's control function as a signed caller would reach it through its function URL. */
async function control(machine: ExtractedStateMachine, body: unknown, userArn: string) {
  const fn = functionByEntry(machine, 'lambdas/handlers/control/endpoint.ts');
  const reply = (await invokeFunction(fn, functionUrlEvent(body, { userArn }))) as {
    statusCode: number;
    body: string;
  };
  return { status: reply.statusCode, body: JSON.parse(reply.body) as { message: string } };
}

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
  sfn.reset();
  sfn.on(SendTaskSuccessCommand).resolves({});
  stubStateMachineListing(sfn);
  sfn.on(SendTaskFailureCommand).resolves({});
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
        /attestations\.tests-passing: got "not a link"; expected an http\(s\) evidence link/,
      ],
      [
        { windowOverride: { reason: 'hotfix for INC-1234', by: 'ana' } },
        /windowOverride: .*not accepted in the input.*preflight gate --override-window/,
      ],
      [
        // The gate starts at 10:00: a commit 6 minutes later (beyond 5 of clock skew) is not this change's.
        { commitTime: '2026-11-26T11:06:00+01:00' },
        /commitTime: got 2026-11-26T10:06:00\.000Z, after the gate starts \(2026-11-26T10:00:00\.000Z\); a change is committed before it is deployed/,
      ],
      [
        // The start is the execution's own ($$.Execution.StartTime): the input cannot name one.
        { commitTime: '2026-11-26T10:06:00Z', startedAt: '2026-11-26T12:00:00Z' },
        /startedAt: unknown field; expected one of mode, service/,
      ],
    ])('rejects %j before any check runs, naming the field', async (input, message) => {
      const run = await gate(machine, input);

      expect(run.error?.name).toBe('InvalidInputError');
      expect(run.error?.cause).toMatch(message);
      expect(run.statesEntered.filter((s) => s.startsWith('Run check ('))).toEqual([]);
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
    expect(run.report?.checks.map((c) => c.checkId)).toHaveLength(24);
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
      // The two warnings: a gate without --image judges no image (image-scans, images-pushed).
      /^Preflight PASS orders prod: 0 fail 0 err 2 warn \d+ ok\. Run deploy-42$/,
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
      'Preflight FAIL orders prod: 1 fail 0 err 2 warn 14 ok. Blocking: security.ssl-certificates. Run deploy-42',
    );
    expect(sms.length).toBeLessThanOrEqual(160);
    const email = (JSON.parse(run.published[0]?.message ?? '{}') as { email: string }).email;
    expect(email).toMatch(
      /FAIL {2}acm-certificates\/expiry: .*shop\.example\.com \(IMPORTED\) expires in 3 days\.\n +fix: Imported certificates never renew/,
    );
  });

  it("fails on the account's API Gateway APIs through each family's function: an untraced, unthrottled, unprotected REST stage and an HTTP API open to any origin with credentials", async () => {
    account.mocks.restApis.on(GetRestApisCommand).resolves({
      items: [{ id: 'a1b2c3', name: 'orders-api', endpointConfiguration: { types: ['REGIONAL'] } }],
    });
    account.mocks.restApis.on(GetStagesCommand, { restApiId: 'a1b2c3' }).resolves({
      item: [{ stageName: 'prod', tracingEnabled: false, methodSettings: {} }],
    });
    account.mocks.restApis.on(GetUsagePlansCommand).resolves({ items: [] });
    account.mocks.httpApis.on(GetApisCommand).resolves({
      Items: [
        {
          ApiId: 'h1j2k3',
          Name: 'orders-webhooks',
          ProtocolType: 'HTTP',
          RouteSelectionExpression: '$request.method $request.path',
          CorsConfiguration: { AllowOrigins: ['*'], AllowCredentials: true },
        },
      ],
    });
    account.mocks.httpApis.on(GetHttpStagesCommand, { ApiId: 'h1j2k3' }).resolves({
      Items: [
        {
          StageName: '$default',
          DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
        },
      ],
    });

    const run = await gate(machine, {
      service: 'orders',
      environment: 'prod',
      attestations: ALL_ATTESTATIONS,
    });

    expect(run.output?.verdict).toBe('FAIL');
    expect([...(run.output?.blockingItems ?? [])].sort()).toEqual([
      'realtime.tracing-enabled',
      'security.cors-policies',
      'security.rate-limiting',
    ]);
    const email = (JSON.parse(run.published[0]?.message ?? '{}') as { email: string }).email;
    expect(email).toMatch(/FAIL {2}tracing\/stage-tracing: orders-api stage prod does not trace/);
    expect(email).toMatch(/FAIL {2}rate-limiting\/stage-throttling: orders-api stage prod sets no throttle/);
    expect(email).toMatch(/FAIL {2}rate-limiting\/rate-based-rule: orders-api stage prod faces the internet/);
    expect(email).toMatch(
      /FAIL {2}cors-policies\/http-api-cors: orders-webhooks allows any site \(\*\) with/,
    );
  });

  it('reports ERROR when one check task throws, and the other checks still report', async () => {
    const run = await gate(
      machine,
      { attestations: ALL_ATTESTATIONS },
      {
        tasks: {
          'Run check (alarms)': async (input) => {
            const event = input as unknown as RunCheckEvent;
            if (event.task.checkId === 'alarms')
              throw Object.assign(new Error('Runtime exited'), { name: 'Lambda.Unknown' });
            return (await runAlarmsCheck(event)) as never;
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
    const keys = run.report?.findings.filter((f) => f.checkId === 'iam-access-keys') ?? [];
    // The users' keys are an ERROR naming the call; the root user is still judged.
    expect(keys.map((f) => `${f.rule} ${f.status}`)).toEqual(['root-keys PASS', 'list-users ERROR']);
    expect(keys[1]?.message).toMatch(/iam:ListUsers was denied/);
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
      gate: {
        signoffs: {
          roles: ['Security Engineer', 'Product Manager'],
          approvers: {
            'Security Engineer': [roleArn('SecurityApprovers')],
            'Product Manager': [roleArn('ProductApprovers')],
          },
          timeoutMinutes: 60,
        },
      },
    });
  });
  beforeEach(() => {
    account.mocks.sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  });

  type Answer = { readonly as: string; readonly approved: boolean; readonly reason?: string };
  const timedOut = () => Object.assign(new Error('no answer in time'), { name: 'States.Timeout' });

  /**
   * Plays Step Functions and the approvers for the callback task: the real request function stores
   * the request (a token of its own per role), then each approver calls the real control function
   * with their signed identity. What the control function sent for that token releases the task;
   * when it sent nothing, the task waits until it times out.
   */
  const approvers =
    (answers: Readonly<Record<string, Answer | undefined>>) =>
    async (input: unknown): Promise<never> => {
      // The callback task calls lambda:invoke.waitForTaskToken: its input is {FunctionName, Payload}.
      const { Payload } = input as { Payload: { role: string; runId: string } & Record<string, unknown> };
      const token = `token-${roleSlug(Payload.role)}`;
      await invokeFunction(functionByEntry(machine, 'lambdas/handlers/audit/request-signoff.ts'), {
        ...Payload,
        taskToken: token,
      });
      const answer = answers[Payload.role];
      if (answer === undefined) throw timedOut();
      await control(
        machine,
        {
          action: 'signoff',
          runId: Payload.runId,
          role: Payload.role,
          approved: answer.approved,
          ...(answer.reason === undefined ? {} : { reason: answer.reason }),
        },
        answer.as,
      );
      const success = sfn
        .commandCalls(SendTaskSuccessCommand)
        .find((c) => c.args[0].input.taskToken === token);
      if (success !== undefined) return JSON.parse(success.args[0].input.output ?? 'null') as never;
      const failure = sfn
        .commandCalls(SendTaskFailureCommand)
        .find((c) => c.args[0].input.taskToken === token);
      if (failure !== undefined) {
        const { error, cause } = failure.args[0].input;
        throw Object.assign(new Error(cause ?? ''), { name: error ?? 'Error' });
      }
      throw timedOut();
    };

  const finding = (report: AuditReport | undefined, itemId: string) =>
    report?.findings.find((f) => f.itemId === itemId);

  it('passes when every role approves through the control endpoint, recording the signed identity', async () => {
    const run = await gate(
      machine,
      { attestations: ALL_ATTESTATIONS },
      {
        tasks: {
          'Request sign-off': approvers({
            'Security Engineer': { as: ANA, approved: true },
            'Product Manager': { as: BO, approved: true },
          }),
        },
      },
    );

    expect(run.statesEntered.filter((s) => s === 'Request sign-off')).toHaveLength(2);
    expect(run.output?.verdict).toBe('PASS');
    expect(finding(run.report, 'signoff-technical.security-engineer')?.message).toBe(
      `Approved by ${ANA} at 2026-11-26T10:00:00.000Z.`,
    );
    expect(finding(run.report, 'signoff-business.product-manager')?.evidence).toEqual({
      by: BO,
      at: '2026-11-26T10:00:00.000Z',
    });
    const recorded = account.mocks.dynamodb
      .commandCalls(PutItemCommand)
      .map((c) => JSON.parse(c.args[0].input.Item?.event?.S ?? '{}') as { kind: string; by?: string });
    expect(recorded.map((e) => e.kind)).toEqual(['gate', 'signoff', 'signoff']);
    expect(recorded.filter((e) => e.kind === 'signoff').map((e) => e.by)).toEqual([ANA, BO]);
    expect(run.published).toHaveLength(1);
  });

  it('fails with the recorded reason and rejecter when a role rejects', async () => {
    const run = await gate(
      machine,
      { attestations: ALL_ATTESTATIONS },
      {
        tasks: {
          'Request sign-off': approvers({
            'Security Engineer': { as: ANA, approved: false, reason: 'pen test not finished' },
            'Product Manager': { as: BO, approved: true },
          }),
        },
      },
    );

    expect(run.output?.verdict).toBe('FAIL');
    expect(run.output?.blockingItems).toEqual(['signoff-technical.security-engineer']);
    expect(finding(run.report, 'signoff-technical.security-engineer')?.message).toBe(
      `Not approved: rejected by ${ANA}: pen test not finished`,
    );
  });

  it.each([
    ['the approver of another role', BO],
    ['the pipeline', PIPELINE],
  ])('does not let %s sign off: unanswered, the role fails at the timeout', async (_who, as) => {
    const run = await gate(
      machine,
      { attestations: ALL_ATTESTATIONS },
      {
        tasks: {
          'Request sign-off': approvers({
            'Security Engineer': { as, approved: true },
            'Product Manager': { as: BO, approved: true },
          }),
        },
      },
    );

    expect(run.output?.verdict).toBe('FAIL');
    expect(run.output?.blockingItems).toEqual(['signoff-technical.security-engineer']);
    expect(finding(run.report, 'signoff-technical.security-engineer')?.message).toBe(
      'Not approved: no answer within 60 minutes (timed out)',
    );
    expect(
      [...s3.objects.keys()].filter((k) => k.endsWith('/signoffs/deploy-42/security-engineer/answer.json')),
    ).toEqual([]);
    expect(
      [...s3.objects.keys()].filter((k) => k.endsWith('/signoffs/deploy-42/product-manager/answer.json')),
    ).toHaveLength(1);
  });

  it.each([
    [{ role: 'Security Engineer', approved: true, by: ANA, at: NOW.toISOString() }],
    [{ role: 'Product Manager', approved: true, by: BO, at: NOW.toISOString() }],
    [{ role: 'Security Engineer', approved: 'no' }],
  ])(
    'does not turn a token read from the execution into an approval: a release with %j and no recorded answer fails',
    async (forged) => {
      const run = await gate(
        machine,
        { attestations: ALL_ATTESTATIONS },
        {
          tasks: {
            // Someone who read the token releases the task with SendTaskSuccess, bypassing the endpoint.
            'Request sign-off': async (input) => {
              const { Payload } = input as { Payload: { role: string } };
              if (Payload.role === 'Security Engineer') return forged as never;
              return approvers({ 'Product Manager': { as: BO, approved: true } })(input);
            },
          },
        },
      );

      expect(run.output?.verdict).toBe('FAIL');
      expect(run.output?.blockingItems).toEqual(['signoff-technical.security-engineer']);
      expect(finding(run.report, 'signoff-technical.security-engineer')?.message).toBe(
        "Not approved: the sign-off was released as approved, but no answer recorded by Preflight's sign-off endpoint",
      );
    },
  );

  it('does not ask anyone to sign off a gate that already failed', async () => {
    const run = await gate(machine, { attestations: {} }, { tasks: { 'Request sign-off': approvers({}) } });

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
          overrideBy: [roleArn('ReleaseManagers')],
        },
      },
    });
  });
  const CHRISTMAS_EVE = new Date('2026-12-24T11:00:00Z');
  const override = { action: 'override-window', deploymentId: 'v1.2.3', reason: 'hotfix for INC-1234' };

  /** The control endpoint answering at `time`, as it would when the person overrode before the gate. */
  async function controlAt(time: Date, body: unknown, userArn: string) {
    vi.useFakeTimers({ toFake: ['Date'], now: time });
    try {
      return await control(machine, body, userArn);
    } finally {
      vi.useRealTimers();
    }
  }
  const MINUTES_BEFORE = new Date(CHRISTMAS_EVE.getTime() - 10 * 60_000);

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

  it('passes outside the window with an override recorded by the endpoint, naming who and why', async () => {
    expect((await controlAt(MINUTES_BEFORE, override, RAY)).status).toBe(200);
    account.install(CHRISTMAS_EVE);

    const run = await gate(
      machine,
      { deploymentId: 'v1.2.3', attestations: ALL_ATTESTATIONS },
      { startTime: CHRISTMAS_EVE },
    );

    expect(run.output?.verdict).toBe('PASS');
    const window = run.report?.findings.find((f) => f.itemId === 'final.deployment-window');
    expect(window?.message).toMatch(
      new RegExp(
        `^Outside the deployment window \\(2026-12-24 is a blackout date\\), overridden by ${RAY.replace(/\//g, '\\/')} at \\S+: hotfix for INC-1234$`,
      ),
    );
    expect(window?.evidence).toMatchObject({ override: { reason: 'hotfix for INC-1234', by: RAY } });
    const gateEvent = JSON.parse(
      account.mocks.dynamodb.commandCalls(PutItemCommand)[0]?.args[0].input.Item?.event?.S ?? '{}',
    ) as Record<string, unknown>;
    expect(gateEvent).toMatchObject({ windowOverride: 'hotfix for INC-1234', windowOverrideBy: RAY });
  });

  it('does not let a pipeline override the window without being listed: it stays closed', async () => {
    const refused = await controlAt(MINUTES_BEFORE, override, PIPELINE);
    account.install(CHRISTMAS_EVE);

    const run = await gate(
      machine,
      { deploymentId: 'v1.2.3', attestations: ALL_ATTESTATIONS },
      { startTime: CHRISTMAS_EVE },
    );

    expect(refused.status).toBe(403);
    expect(run.output?.verdict).toBe('FAIL');
    expect(run.output?.blockingItems).toEqual(['final.deployment-window']);
  });

  it('ignores an override recorded for another deployment', async () => {
    await controlAt(MINUTES_BEFORE, { ...override, deploymentId: 'v1.2.2' }, RAY);
    account.install(CHRISTMAS_EVE);

    const run = await gate(
      machine,
      { deploymentId: 'v1.2.3', attestations: ALL_ATTESTATIONS },
      { startTime: CHRISTMAS_EVE },
    );

    expect(run.output?.verdict).toBe('FAIL');
  });

  // Anyone who may start the machine names the execution and the deployment id: an override is
  // believed only for the gate it was given for, the service and environment it names, just before.
  it.each([
    {
      case: 'for another service under the same deployment id',
      recorded: { ...override, service: 'payments', environment: 'prod' },
      at: MINUTES_BEFORE,
    },
    {
      case: 'for another environment under the same deployment id',
      recorded: { ...override, service: 'orders', environment: 'staging' },
      at: MINUTES_BEFORE,
    },
    {
      case: 'for the same gate a month before (an old deployment id reused)',
      recorded: { ...override, service: 'orders', environment: 'prod' },
      at: new Date('2026-11-24T11:00:00Z'),
    },
    {
      case: 'naming no service or environment (a record of an earlier version)',
      recorded: override,
      at: MINUTES_BEFORE,
    },
  ])('keeps the window closed with an override recorded $case', async ({ recorded, at }) => {
    expect((await controlAt(at, recorded, RAY)).status).toBe(200);
    account.install(CHRISTMAS_EVE);

    const run = await gate(
      machine,
      { service: 'orders', environment: 'prod', deploymentId: 'v1.2.3', attestations: ALL_ATTESTATIONS },
      { startTime: CHRISTMAS_EVE, name: 'started-by-hand-1' },
    );

    expect(run.output?.verdict).toBe('FAIL');
    expect(run.output?.blockingItems).toEqual(['final.deployment-window']);
  });

  it('passes with the override recorded for this service and environment just before the gate', async () => {
    const recorded = { ...override, service: 'orders', environment: 'prod' };
    expect((await controlAt(MINUTES_BEFORE, recorded, RAY)).status).toBe(200);
    account.install(CHRISTMAS_EVE);

    const run = await gate(
      machine,
      { service: 'orders', environment: 'prod', deploymentId: 'v1.2.3', attestations: ALL_ATTESTATIONS },
      { startTime: CHRISTMAS_EVE },
    );

    expect(run.output?.verdict).toBe('PASS');
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
    expect(first.published[0]?.subject).toBe(
      'Preflight posture FAIL (scheduled audit): 1 new failure(s), 0 recovered',
    );
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
