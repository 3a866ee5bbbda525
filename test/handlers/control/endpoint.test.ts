import { GetObjectCommand, S3ServiceException } from '@aws-sdk/client-s3';
import {
  DescribeExecutionCommand,
  ExecutionDoesNotExist,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { ControlSettings } from '../../../lambdas/core/control/settings';
import { run } from '../../../lambdas/handlers/control/endpoint';
import { restoreEnvironment, saveEnvironment } from '../../support/environment';
import { functionUrlEvent } from '../../support/function-url-event';
import { stubS3 } from '../../support/s3-stub';

const environmentBefore = saveEnvironment();
afterAll(() => restoreEnvironment(environmentBefore));

const ACCOUNT = '111122223333';
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const session = (name: string, who: string) => `arn:aws:sts::${ACCOUNT}:assumed-role/${name}/${who}`;
const ANA = session('SecurityApprovers', 'ana'); // may sign for Security Engineer
const BO = session('ProductApprovers', 'bo'); // may sign for Product Manager
const RAY = session('ReleaseManagers', 'ray'); // may override the window
const PIPELINE = session('DeployPipeline', 'build-42');
const WATCH_MACHINE = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:PreflightWatch`;

const SETTINGS: ControlSettings = {
  approvers: {
    'Security Engineer': [role('SecurityApprovers')],
    'Product Manager': [role('ProductApprovers')],
  },
  overrideBy: [role('ReleaseManagers')],
  abortBy: ['*'],
};

process.env.POWERTOOLS_SERVICE_NAME = 'preflight';
process.env.REPORT_BUCKET = 'reports';
process.env.WATCH_STATE_MACHINE_ARN = WATCH_MACHINE;

const s3 = stubS3();
const sfn = mockClient(SFNClient);

afterAll(() => {
  s3.mock.restore();
  sfn.restore();
});

function configure(settings: Partial<ControlSettings> = {}) {
  process.env.CONTROL_SETTINGS = JSON.stringify({ ...SETTINGS, ...settings });
}

async function call(body: unknown, userArn: string | null, options: { method?: string; raw?: string } = {}) {
  const result = await run(functionUrlEvent(body, { userArn, ...options }));
  const { statusCode, body: text } = result as { statusCode: number; body: string };
  return { status: statusCode, body: JSON.parse(text) as { message: string } & Record<string, unknown> };
}

function pendingSignoff(runId: string, roleName: string, slug: string, taskToken: string) {
  s3.objects.set(
    `reports/signoffs/${runId}/${slug}/request.json`,
    JSON.stringify({
      runId,
      role: roleName,
      label: 'orders prod build-7',
      requestedAt: '2026-11-26T09:00:00.000Z',
      reportLocation: `s3://reports/runs/${runId}/report.json`,
      taskToken,
    }),
  );
}

const stored = (key: string) => {
  const text = s3.objects.get(`reports/${key}`);
  return text === undefined ? undefined : (JSON.parse(text) as Record<string, unknown>);
};

beforeEach(() => {
  s3.install();
  sfn.reset();
  sfn.on(SendTaskSuccessCommand).resolves({});
  sfn.on(SendTaskFailureCommand).resolves({});
  sfn
    .on(DescribeExecutionCommand)
    .resolves({ status: 'RUNNING', startDate: new Date('2026-11-26T09:50:00Z') });
  configure();
  pendingSignoff('build-7', 'Security Engineer', 'security-engineer', 'token-sec');
  pendingSignoff('build-7', 'Product Manager', 'product-manager', 'token-pm');
});

describe('control endpoint: requests', () => {
  it('answers only POST', async () => {
    const response = await call({}, ANA, { method: 'GET' });
    expect(response.status).toBe(405);
  });

  it('refuses a request that carries no AWS identity', async () => {
    const response = await call(
      { action: 'signoff', runId: 'build-7', role: 'Security Engineer', approved: true },
      null,
    );
    expect(response.status).toBe(403);
    expect(response.body.message).toMatch(/no AWS identity/);
    expect(sfn.calls()).toHaveLength(0);
  });

  it('refuses a body that is not JSON, saying so', async () => {
    const response = await call(undefined, ANA, { raw: 'approve please' });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/\(body\): got text that is not JSON/);
  });

  // A function URL takes 6 MB: JSON nested 100,000 levels is valid, and must get a 400 like any other.
  const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
  it.each([
    [
      'the whole body',
      deep,
      /^Invalid request: action: got \{an object nested too deeply to show\}; expected action "signoff"/,
    ],
    [
      // The action is also logged: the log line must not be where it breaks.
      'the action',
      `{"action":${deep}}`,
      /^Invalid request: action: got \{an object nested too deeply to show\}; expected action "signoff"/,
    ],
    [
      'a field',
      `{"action":"signoff","runId":"build-7","role":"Security Engineer","approved":true,"comment":${deep}}`,
      /^Invalid request: comment: got \{an object nested too deeply to show\}; expected string$/,
    ],
  ])('refuses JSON nested 100,000 levels deep in %s (400), releasing nothing', async (_, raw, message) => {
    const response = await call(undefined, ANA, { raw });

    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(message);
    expect(sfn.calls()).toHaveLength(0);
  });
});

describe('control endpoint: a field written twice', () => {
  // JSON.parse keeps the last of two equal keys: a body that reads as a rejection where it is read
  // first (a reviewer, a proxy's log) would be recorded as an approval. The body is refused instead.
  it.each([
    [
      'approved, false then true',
      '{"action":"signoff","runId":"build-7","role":"Security Engineer","approved":false,"comment":"on hold","approved":true}',
      'approved',
    ],
    [
      'the action',
      '{"action":"abort","action":"signoff","runId":"build-7","role":"Security Engineer","approved":true}',
      'action',
    ],
    [
      'the role, spaced and escaped apart',
      '{ "action": "signoff", "runId": "build-7", "role": "Product Manager", "approved": true,\n  "r\\u006fle" : "Security Engineer" }',
      'role',
    ],
  ])('refuses %s (400 naming the field), releasing and recording nothing', async (_, raw, field) => {
    const response = await call(undefined, ANA, { raw });

    expect(response.status).toBe(400);
    expect(response.body.message).toBe(
      `Invalid request: ${field}: written twice; expected each field once (JSON keeps only the last)`,
    );
    expect(sfn.calls()).toHaveLength(0);
    expect(stored('signoffs/build-7/security-engineer/answer.json')).toBeUndefined();
  });

  it('reads a key inside a text value as text, not as a second field', async () => {
    const raw =
      '{"action":"signoff","runId":"build-7","role":"Security Engineer","approved":true,"comment":"\\"approved\\":false, {\\"role\\":1}"}';

    const response = await call(undefined, ANA, { raw });

    expect(response.status).toBe(200);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(1);
  });
});

describe('control endpoint: sign-off', () => {
  const answer = (body: Record<string, unknown>) => ({ action: 'signoff', runId: 'build-7', ...body });

  it('records an approval by the signed caller, then releases the task with the stored token', async () => {
    const response = await call(
      answer({ role: 'Security Engineer', approved: true, comment: 'pen test done' }),
      ANA,
    );

    expect(response.status).toBe(200);
    expect(response.body.message).toMatch(
      /^Approved orders prod build-7 as Security Engineer \(arn:aws:sts::111122223333:assumed-role\/SecurityApprovers\/ana, /,
    );
    expect(stored('signoffs/build-7/security-engineer/answer.json')).toEqual({
      runId: 'build-7',
      role: 'Security Engineer',
      approved: true,
      comment: 'pen test done',
      by: ANA,
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const sent = sfn.commandCalls(SendTaskSuccessCommand);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.args[0].input.taskToken).toBe('token-sec');
    // Who answered stays in the record: nothing personal travels through the state machine.
    expect(JSON.parse(sent[0]?.args[0].input.output ?? '{}')).toEqual({
      role: 'Security Engineer',
      approved: true,
      at: expect.any(String),
    });
  });

  it('records a rejection with its reason and fails the task with SignoffRejected', async () => {
    const response = await call(
      answer({ role: 'Security Engineer', approved: false, reason: 'open CVE-2026-1234' }),
      ANA,
    );

    expect(response.status).toBe(200);
    expect(stored('signoffs/build-7/security-engineer/answer.json')).toMatchObject({
      approved: false,
      reason: 'open CVE-2026-1234',
      by: ANA,
    });
    expect(sfn).toHaveReceivedCommandWith(SendTaskFailureCommand, {
      taskToken: 'token-sec',
      error: 'SignoffRejected',
    });
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
  });

  it('accepts the role by its slug', async () => {
    const response = await call(answer({ role: 'security-engineer', approved: true }), ANA);
    expect(response.status).toBe(200);
    expect(stored('signoffs/build-7/security-engineer/answer.json')?.role).toBe('Security Engineer');
  });

  it('refuses an approver of one role who answers for another (403 naming who and who may)', async () => {
    const response = await call(answer({ role: 'Security Engineer', approved: true }), BO);

    expect(response.status).toBe(403);
    expect(response.body.message).toBe(
      `${BO} (as ${role('ProductApprovers')}) may not sign off for "Security Engineer"; gate.signoffs.approvers["Security Engineer"] allows ${role('SecurityApprovers')}.`,
    );
    expect(stored('signoffs/build-7/security-engineer/answer.json')).toBeUndefined();
    expect(sfn.calls()).toHaveLength(0);
  });

  it('refuses a pipeline that signs off for any role', async () => {
    for (const roleName of ['Security Engineer', 'Product Manager']) {
      expect((await call(answer({ role: roleName, approved: true }), PIPELINE)).status).toBe(403);
    }
    expect(sfn.calls()).toHaveLength(0);
  });

  it('refuses a body that names who is answering', async () => {
    const response = await call(answer({ role: 'Security Engineer', approved: true, by: ANA }), BO);

    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/by: not accepted: who you are is read from the request signature/);
    expect(sfn.calls()).toHaveLength(0);
  });

  it.each([
    [{ role: 'Security Engineer', approved: 'no' }, /approved: got "no"; expected a JSON boolean/],
    [{ role: '', approved: true }, /role: got ""; expected a sign-off role/],
    [{ role: 'Security\nEngineer', approved: true }, /role: .*expected the role as plain text/],
    [{ role: 'Security\u202eEngineer', approved: true }, /role: .*without a control or format character/],
    [{ role: 'Security Engineer', approved: false }, /reason: got nothing; expected a reason/],
    // Free text is echoed in the records, the execution history and the alerts: no forged lines,
    // no escape sequences, no bidi overrides.
    [
      { role: 'Security Engineer', approved: true, comment: 'ok\nApproved by: chief' },
      /comment: got "ok\\nApproved by: chief"; expected a comment as plain text, without a control or format character \(U\+000A\)/,
    ],
    [
      { role: 'Security Engineer', approved: false, reason: 'CVE \u202eoverride' },
      /reason: got "CVE \\u202eoverride"; expected a reason as plain text, .*\(U\+202E\)/,
    ],
  ])('refuses %j (400) and releases nothing', async (body, message) => {
    const response = await call(answer(body), ANA);

    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(message);
    expect(sfn.calls()).toHaveLength(0);
    expect(stored('signoffs/build-7/security-engineer/answer.json')).toBeUndefined();
  });

  it('says a role is not configured (404), listing the roles', async () => {
    const response = await call(answer({ role: 'DBA', approved: true }), ANA);
    expect(response.status).toBe(404);
    expect(response.body.message).toBe(
      '"DBA" is not a sign-off role of this gate; the roles are "Security Engineer", "Product Manager".',
    );
  });

  it('says nothing is pending for the run (404)', async () => {
    const response = await call(
      { action: 'signoff', runId: 'build-8', role: 'Security Engineer', approved: true },
      ANA,
    );
    expect(response.status).toBe(404);
    expect(response.body.message).toBe('No sign-off is pending for "Security Engineer" on run build-8.');
    expect(sfn.calls()).toHaveLength(0);
  });

  it('keeps the first answer: a second one gets 409 naming the first, and releases nothing', async () => {
    const ANA_BOSS = session('SecurityApprovers', 'chief');
    await call(answer({ role: 'Security Engineer', approved: false, reason: 'open CVE' }), ANA);
    sfn.resetHistory();

    const second = await call(answer({ role: 'Security Engineer', approved: true }), ANA_BOSS);

    expect(second.status).toBe(409);
    expect(second.body.message).toMatch(
      new RegExp(
        `^The sign-off for "Security Engineer" on run build-7 was already answered: rejected by ${ANA.replace(/[/]/g, '\\/')} at .*; the first answer stands\\.$`,
      ),
    );
    expect(stored('signoffs/build-7/security-engineer/answer.json')).toMatchObject({
      approved: false,
      by: ANA,
    });
    expect(sfn.calls()).toHaveLength(0);
  });

  it('says so when the run no longer waits (timed out), keeping the record', async () => {
    sfn.on(SendTaskSuccessCommand).rejects(new TaskTimedOut({ message: 'Task Timed Out', $metadata: {} }));

    const response = await call(answer({ role: 'Security Engineer', approved: true }), ANA);

    expect(response.status).toBe(409);
    expect(response.body.message).toMatch(/was recorded, but run build-7 no longer waits for it/);
  });
});

describe("control endpoint: sign-off for a service's gate", () => {
  const ORDERS_SECURITY = session('OrdersSecurity', 'oli'); // may sign for Security Engineer of orders-api only
  const answer = (runId: string) => ({ action: 'signoff', runId, role: 'Security Engineer', approved: true });

  beforeEach(() => {
    configure({
      services: { 'orders-api': { approvers: { 'Security Engineer': [role('OrdersSecurity')] } } },
    });
    // A gate of orders-api and a gate of payments (which has no approvers of its own), both waiting.
    for (const [runId, service] of [
      ['orders-1', 'orders-api'],
      ['payments-1', 'payments'],
    ] as const) {
      s3.objects.set(
        `reports/signoffs/${runId}/security-engineer/request.json`,
        JSON.stringify({
          runId,
          service,
          environment: 'prod',
          role: 'Security Engineer',
          label: `${service} prod`,
          requestedAt: '2026-11-26T09:00:00.000Z',
          reportLocation: `s3://reports/runs/${runId}/report.json`,
          taskToken: `token-${runId}`,
        }),
      );
    }
  });

  it("lets the service's own approver answer for its gate", async () => {
    const response = await call(answer('orders-1'), ORDERS_SECURITY);

    expect(response.status).toBe(200);
    expect(stored('signoffs/orders-1/security-engineer/answer.json')).toMatchObject({ by: ORDERS_SECURITY });
    expect(sfn).toHaveReceivedCommandWith(SendTaskSuccessCommand, { taskToken: 'token-orders-1' });
  });

  it("refuses the default approver on a service that names its own (403 naming the service's key)", async () => {
    const response = await call(answer('orders-1'), ANA);

    expect(response.status).toBe(403);
    expect(response.body.message).toBe(
      `${ANA} (as ${role('SecurityApprovers')}) may not sign off for "Security Engineer" on orders-api; services.orders-api.signoffs.approvers["Security Engineer"] allows ${role('OrdersSecurity')}.`,
    );
    expect(sfn.calls()).toHaveLength(0);
  });

  it("refuses one service's approver on another service's gate, which uses the defaults", async () => {
    const refused = await call(answer('payments-1'), ORDERS_SECURITY);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/gate\.signoffs\.approvers\["Security Engineer"\] allows/);

    expect((await call(answer('payments-1'), ANA)).status).toBe(200);
    expect(sfn.commandCalls(SendTaskSuccessCommand).map((c) => c.args[0].input.taskToken)).toEqual([
      'token-payments-1',
    ]);
  });
});

describe('control endpoint: a sign-off role named like an inherited property', () => {
  // A service whose own approvers lack the role: `approvers["constructor"]` read a function there,
  // and matching the caller against it threw instead of answering.
  it('refuses a caller no configuration lets answer for it (403), rather than failing', async () => {
    configure({
      approvers: { constructor: [role('SecurityApprovers')] },
      services: { payments: { approvers: { 'Security Engineer': [role('SecurityApprovers')] } } },
    });

    const response = await call(
      { action: 'signoff', runId: 'run-9', role: 'constructor', approved: true },
      BO,
    );

    expect(response.status).toBe(403);
    expect(response.body.message).toContain('may not sign off for "constructor"');
  });
});

describe('control endpoint: window override', () => {
  const override = { action: 'override-window', deploymentId: 'v1.2.3', reason: 'hotfix for INC-1234' };

  it('records who overrode the window, when and why', async () => {
    const response = await call(override, RAY);

    expect(response.status).toBe(200);
    expect(stored('overrides/v1.2.3/window.json')).toEqual({
      deploymentId: 'v1.2.3',
      reason: 'hotfix for INC-1234',
      by: RAY,
      at: expect.stringMatching(/^\d{4}-/),
    });
  });

  it('refuses a pipeline not listed in gate.window.overrideBy (403), writing nothing', async () => {
    const response = await call(override, PIPELINE);

    expect(response.status).toBe(403);
    expect(response.body.message).toBe(
      `${PIPELINE} (as ${role('DeployPipeline')}) may not override the deployment window; gate.window.overrideBy allows ${role('ReleaseManagers')}.`,
    );
    expect(stored('overrides/v1.2.3/window.json')).toBeUndefined();
  });

  it('lets nobody override by default, and says which key would allow it', async () => {
    configure({ overrideBy: [] });
    const response = await call(override, RAY);
    expect(response.status).toBe(403);
    expect(response.body.message).toMatch(/nobody may: gate\.window\.overrideBy lists no principal/);
  });

  it('says there is nothing to override without a window (404)', async () => {
    const { overrideBy: _none, ...withoutWindow } = SETTINGS;
    process.env.CONTROL_SETTINGS = JSON.stringify(withoutWindow);
    expect((await call(override, RAY)).status).toBe(404);
  });

  describe('with services configured', () => {
    // An override names the gate it opens; one naming a gate that cannot exist (a typo of the
    // service or environment) was kept as the deployment's first override, which then stood: the
    // real gate never believed it, and a corrected request was refused as a second override.
    const gates = { orders: ['prod', 'staging'], payments: ['prod'] };

    it.each([
      [
        { service: 'order', environment: 'prod' },
        'Invalid request: service: got "order"; expected a configured service: orders, payments; did you mean "orders"?',
      ],
      [
        { service: 'payments', environment: 'staging' },
        'Invalid request: environment: got "staging"; expected an environment of service "payments": prod',
      ],
      [
        {},
        'Invalid request: service: got nothing; expected the service and environment of the gate the override opens',
      ],
    ])('refuses an override for %j (400), writing nothing', async (gate, message) => {
      configure({ gates });

      const response = await call({ ...override, ...gate }, RAY);

      expect(response.status).toBe(400);
      expect(response.body.message).toBe(message);
      expect(stored('overrides/v1.2.3/window.json')).toBeUndefined();
    });

    it('records an override for a configured gate', async () => {
      configure({ gates });

      const response = await call({ ...override, service: 'orders', environment: 'staging' }, RAY);

      expect(response.status).toBe(200);
      expect(stored('overrides/v1.2.3/window.json')).toMatchObject({
        service: 'orders',
        environment: 'staging',
      });
    });
  });

  it('keeps the first override (409 naming it)', async () => {
    await call(override, RAY);
    const second = await call(
      { ...override, reason: 'another reason entirely' },
      session('ReleaseManagers', 'sam'),
    );

    expect(second.status).toBe(409);
    expect(second.body.message).toMatch(
      /already overridden for v1\.2\.3 by .*ReleaseManagers\/ray at .*: hotfix for INC-1234/,
    );
    expect(stored('overrides/v1.2.3/window.json')?.reason).toBe('hotfix for INC-1234');
  });
});

describe('control endpoint: abort', () => {
  const abort = {
    action: 'abort',
    deploymentId: 'd-4EXAMPLE1',
    reason: 'user-impact',
    note: 'checkout errors',
  };
  const ONCALL = session('OnCall', 'olu');

  it('records the abort of a running watch in the form the watch reads', async () => {
    const response = await call(abort, ONCALL);

    expect(response.status).toBe(200);
    expect(response.body.message).toMatch(
      /^Abort requested for d-4EXAMPLE1 \(user-impact\) by .*OnCall\/olu at .*: the watch rolls back within one period\.$/,
    );
    expect(stored('watches/d-4EXAMPLE1/abort.json')).toEqual({
      deploymentId: 'd-4EXAMPLE1',
      reason: 'user-impact',
      text: 'checkout errors',
      by: ONCALL,
      requestedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expect(sfn).toHaveReceivedCommandWith(DescribeExecutionCommand, {
      executionArn: `arn:aws:states:us-east-1:${ACCOUNT}:execution:PreflightWatch:d-4EXAMPLE1`,
    });
  });

  it.each([
    [{ ...abort, deploymentId: '' }, /deploymentId: got ""/],
    [{ ...abort, deploymentId: '../../x' }, /deploymentId: got "\.\.\/\.\.\/x"/],
    [{ ...abort, note: 'x'.repeat(1025) }, /note: .*at most 1024 bytes/],
    [{ ...abort, reason: 'bored' }, /reason: got "bored"; expected one of/],
    [
      { ...abort, note: 'x\u001b[2J' },
      /note: got "x\\u001b\[2J"; expected a note as plain text, .*\(U\+001B\)/,
    ],
  ])('refuses %j (400): nothing written, no watch looked up', async (body, message) => {
    const response = await call(body, ONCALL);

    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(message);
    expect([...s3.objects.keys()].filter((k) => k.includes('abort.json'))).toEqual([]);
    expect(sfn.calls()).toHaveLength(0);
  });

  it('says no watch is running when none was started (404), writing nothing', async () => {
    sfn.on(DescribeExecutionCommand).rejects(new ExecutionDoesNotExist({ message: 'none', $metadata: {} }));

    const response = await call(abort, ONCALL);

    expect(response.status).toBe(404);
    expect(response.body.message).toBe(
      'No watch is running for d-4EXAMPLE1: none was started for this deployment id.',
    );
    expect(stored('watches/d-4EXAMPLE1/abort.json')).toBeUndefined();
  });

  it('says no watch is running when it already ended (409), writing nothing', async () => {
    sfn.on(DescribeExecutionCommand).resolves({ status: 'SUCCEEDED' });

    const response = await call(abort, ONCALL);

    expect(response.status).toBe(409);
    expect(response.body.message).toBe('No watch is running for d-4EXAMPLE1: its watch ended (SUCCEEDED).');
    expect(stored('watches/d-4EXAMPLE1/abort.json')).toBeUndefined();
  });

  it('keeps the first abort: a second gets 409 naming the first', async () => {
    await call(abort, ONCALL);
    const second = await call({ ...abort, reason: 'performance' }, PIPELINE);

    expect(second.status).toBe(409);
    expect(second.body.message).toMatch(
      /^Deployment d-4EXAMPLE1 was already aborted by .*OnCall\/olu at .* \(user-impact\); the first abort stands\.$/,
    );
    expect(stored('watches/d-4EXAMPLE1/abort.json')).toMatchObject({ reason: 'user-impact', by: ONCALL });
  });

  it('keeps the first abort even when a second one raced past the read: the write is conditional', async () => {
    await call(abort, ONCALL);
    // The second request reads before the first write lands: only the conditional write can stop it.
    let missedOnce = false;
    s3.mock.on(GetObjectCommand).callsFake((input: { Bucket: string; Key: string }) => {
      const body = s3.objects.get(`${input.Bucket}/${input.Key}`);
      if (body === undefined || (input.Key.endsWith('abort.json') && !missedOnce)) {
        missedOnce = true;
        throw new S3ServiceException({
          name: 'NoSuchKey',
          $fault: 'client',
          $metadata: { httpStatusCode: 404 },
          message: 'none',
        });
      }
      return { Body: { transformToString: async () => body } };
    });

    const second = await call({ ...abort, reason: 'performance' }, PIPELINE);

    expect(second.status).toBe(409);
    expect(stored('watches/d-4EXAMPLE1/abort.json')).toMatchObject({ reason: 'user-impact', by: ONCALL });
  });

  describe('a service with its own watch.abortBy', () => {
    const watching = (service: string) =>
      sfn.on(DescribeExecutionCommand).resolves({
        status: 'RUNNING',
        startDate: new Date('2026-11-26T09:50:00Z'),
        input: JSON.stringify({ deploymentId: 'd-4EXAMPLE1', service, environment: 'prod' }),
      });
    beforeEach(() =>
      configure({ abortBy: ['*'], services: { payments: { abortBy: [role('PaymentsOnCall')] } } }),
    );

    it("refuses a caller the default allows but the watched service's list does not (403), writing nothing", async () => {
      watching('payments');

      const response = await call(abort, PIPELINE);

      expect(response.status).toBe(403);
      expect(response.body.message).toMatch(
        /services\.payments\.watch\.abortBy allows arn:aws:iam::111122223333:role\/PaymentsOnCall/,
      );
      expect(stored('watches/d-4EXAMPLE1/abort.json')).toBeUndefined();
    });

    it("lets the service's own on-call abort it", async () => {
      watching('payments');

      const response = await call(abort, session('PaymentsOnCall', 'pat'));

      expect(response.status).toBe(200);
      expect(stored('watches/d-4EXAMPLE1/abort.json')).toMatchObject({ reason: 'user-impact' });
    });

    it('keeps the default list for the watches of other services', async () => {
      watching('orders-api');

      expect((await call(abort, PIPELINE)).status).toBe(200);
    });
  });

  it('refuses a caller not in watch.abortBy (403)', async () => {
    configure({ abortBy: [role('OnCall')] });
    const response = await call(abort, PIPELINE);
    expect(response.status).toBe(403);
    expect(response.body.message).toMatch(
      /may not abort deployment d-4EXAMPLE1; watch\.abortBy allows arn:aws:iam::111122223333:role\/OnCall\./,
    );
    expect(stored('watches/d-4EXAMPLE1/abort.json')).toBeUndefined();
  });
});
