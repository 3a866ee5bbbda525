import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli-in-process';
import { LocalControlEndpoint } from '../support/control-server';
import { withDefaults } from './flag-defaults';

const endpoint = new LocalControlEndpoint();
const CALLER = 'arn:aws:sts::123456789012:assumed-role/SecurityApprovers/ana';

/** `approve` with valid flags; a flag given in `extra` replaces its default. */
const approve = (...extra: string[]) =>
  runCliInProcess([
    'approve',
    ...withDefaults(
      [
        ['--run', 'build-7'],
        ['--role', 'Security Engineer'],
        ['--control-url', endpoint.url],
        ['--region', 'eu-west-1'],
      ],
      extra,
    ),
  ]);

describe('preflight approve', () => {
  beforeAll(() => endpoint.start());
  afterAll(() => endpoint.stop());
  beforeEach(() => endpoint.reset());

  it('sends the answer as a SigV4-signed POST for the lambda service, with no identity in the body', async () => {
    endpoint.answer(200, { message: `Approved orders prod build-7 as Security Engineer (${CALLER}, now).` });

    const run = await approve('--comment', 'pen test done');

    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Approved orders prod build-7 as Security Engineer (${CALLER}, now).\n`);
    expect(endpoint.received).toHaveLength(1);
    const [request] = endpoint.received;
    expect(request?.method).toBe('POST');
    expect(request?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=test\/\d{8}\/eu-west-1\/lambda\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
    expect(request?.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(request?.headers['x-amz-content-sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(request?.body ?? '{}')).toEqual({
      action: 'signoff',
      runId: 'build-7',
      role: 'Security Engineer',
      approved: true,
      comment: 'pen test done',
    });
  });

  it('signs the exact body it sends: the content hash is the SHA-256 of the body', async () => {
    const { createHash } = await import('node:crypto');
    await approve('--reject', '--reason', 'open CVE-2026-1234');

    const [request] = endpoint.received;
    expect(request?.headers['x-amz-content-sha256']).toBe(
      createHash('sha256')
        .update(request?.body ?? '')
        .digest('hex'),
    );
    expect(JSON.parse(request?.body ?? '{}')).toEqual({
      action: 'signoff',
      runId: 'build-7',
      role: 'Security Engineer',
      approved: false,
      reason: 'open CVE-2026-1234',
    });
  });

  it.each([
    [['--reject'], /--reject needs --reason/],
    [['--reason', 'why'], /--reason goes with --reject/],
    // Each problem names the flag the user typed, not the request's field.
    [['--run', '../x'], /^preflight: --run: got "\.\.\/x"; expected a run id/],
    [['--role', ''], /^preflight: --role: got ""; expected a sign-off role/],
    // What the user typed is quoted as given (only spaces is not empty), control characters escaped.
    [['--comment', ' '], /^preflight: --comment: got " "; expected a comment/],
    [['--comment', ' \t\n'], /^preflight: --comment: got " \\t\\n"; expected a comment/],
    [['--comment', '\ufeff\u2028'], /^preflight: --comment: got "\\ufeff\\u2028"; expected a comment/],
    [['--reject', '--reason', '   '], /^preflight: --reason: got " {3}"; expected a reason/],
    [
      ['--comment', 'x'.repeat(1001)],
      /^preflight: --comment: got "x{40,}\.\.\." \(1001 characters\); expected a comment of at most 1000/,
    ],
  ])('exits 2 on bad input %j without sending anything', async (args, message) => {
    const run = await approve(...args);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(endpoint.received).toHaveLength(0);
  });

  it.each([
    ['a newline', 'Security\nEngineer', 'U+000A'],
    ['a carriage return', 'Security Engineer\r', 'U+000D'],
    ['a tab', 'Security\tEngineer', 'U+0009'],
    ['an escape sequence', 'Security \u001b[31mEngineer', 'U+001B'],
    ['a line separator', 'Security\u2028Engineer', 'U+2028'],
    ['a right-to-left override', 'Security \u202eEngineer', 'U+202E'],
  ])(
    'refuses a --role with %s at the flag, in one line, without sending anything (exit 2)',
    async (_case, role, named) => {
      const run = await runCliInProcess([
        'approve',
        '--run',
        'build-7',
        '--role',
        role,
        '--control-url',
        endpoint.url,
      ]);

      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        `preflight: --role: has a control character (${named}); expected the role's name as plain text, such as "Security Engineer".\n`,
      );
      expect(endpoint.received).toHaveLength(0);
    },
  );

  it.each([
    [
      403,
      {
        error: 'Forbidden',
        message: `${CALLER} (as arn:aws:iam::123456789012:role/SecurityApprovers) may not sign off for "Product Manager"; gate.signoffs.approvers["Product Manager"] allows arn:aws:iam::123456789012:role/ProductApprovers.`,
      },
      3,
    ],
    [
      404,
      { error: 'NotFound', message: 'No sign-off is pending for "Security Engineer" on run build-7.' },
      4,
    ],
    [
      409,
      {
        error: 'Conflict',
        message:
          'The sign-off for "Security Engineer" on run build-7 was already answered: approved by arn:aws:sts::123456789012:assumed-role/SecurityApprovers/chief at 2026-11-26T10:00:00.000Z; the first answer stands.',
      },
      5,
    ],
  ])('maps HTTP %i to one clear line and exit code', async (status, body, code) => {
    endpoint.answer(status, body);

    const run = await approve();

    expect(run.code).toBe(code);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`preflight: ${body.message}\n`);
  });

  it('explains a refusal by IAM itself (no lambda:InvokeFunctionUrl)', async () => {
    endpoint.answer(403, { Message: 'Forbidden' });

    const run = await approve();

    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^preflight: IAM refused the request: .*lambda:InvokeFunctionUrl/);
  });

  it('says where to find the control URL when none is given', async () => {
    const run = await runCliInProcess(['approve', '--run', 'build-7', '--role', 'Security Engineer']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'pass --control-url or set PREFLIGHT_CONTROL_URL (the stack output ControlUrl)',
    );
  });

  it('refuses a plain-http control URL that is not local', async () => {
    const run = await approve('--control-url', 'http://abc.lambda-url.eu-west-1.on.aws/');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/expected an https URL/);
  });
});
