import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bareEnvironment, type CliRun, runCli } from '../support/cli';
import { LocalControlEndpoint } from '../support/control-server';

/*
 * Every command that calls AWS settles the profile, the region and the credentials once, up front,
 * and says in one line what is missing. The CLI runs as users run it, with no AWS set up at all: no
 * credentials or region in the environment, a home directory of the test's own (with or without
 * ~/.aws files), and no instance metadata to fall back on.
 */

const WATCH_ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:PreflightWatch';
const AUDIT_ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:PreflightAudit';

let home: string;
const endpoint = new LocalControlEndpoint();

function preflight(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(args, {
    cwd: home,
    cleanEnv: bareEnvironment(home, env),
  });
}

function writeAwsFiles(config: string, credentials = ''): void {
  mkdirSync(path.join(home, '.aws'), { recursive: true });
  writeFileSync(path.join(home, '.aws', 'config'), config);
  writeFileSync(path.join(home, '.aws', 'credentials'), credentials);
}

/** Exactly one line on stderr, nothing on stdout, exit 2. */
function expectOneLine(run: CliRun, line: string | RegExp): void {
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  if (typeof line === 'string') expect(run.stderr).toBe(`${line}\n`);
  else expect(run.stderr).toMatch(line);
  expect(run.code).toBe(2);
}

beforeAll(async () => {
  await endpoint.start();
});
afterAll(async () => {
  await endpoint.stop();
});
beforeEach(() => {
  if (home !== undefined) rmSync(home, { recursive: true, force: true });
  home = mkdtempSync(path.join(tmpdir(), 'preflight-home-'));
  endpoint.reset();
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('AWS set up once, before any work', () => {
  it('turns a missing region into one line and exit 2, not an ERROR finding per check', async () => {
    const run = await preflight(['audit']);

    expectOneLine(
      run,
      'preflight: no AWS region: pass --region, set AWS_REGION or give a profile with a region.',
    );
  });

  it('says a profile that does not exist is not found, not that the region is missing', async () => {
    expectOneLine(
      await preflight(['audit', '--profile', 'nope']),
      'preflight: AWS profile "nope" not found in ~/.aws/config or ~/.aws/credentials.',
    );
    expectOneLine(
      await preflight(['audit'], { AWS_PROFILE: 'nope' }),
      'preflight: AWS profile "nope" (from AWS_PROFILE) not found in ~/.aws/config or ~/.aws/credentials.',
    );
  });

  it('reads the region from the state machine ARN, so only the credentials are missing', async () => {
    const run = await preflight([
      'gate',
      '--service',
      'orders',
      '--env',
      'prod',
      '--state-machine-arn',
      AUDIT_ARN,
    ]);

    expectOneLine(
      run,
      /^preflight: no AWS credentials: pass --profile NAME \(a profile in ~\/\.aws\/config\), set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where a role provides them/,
    );
  });

  it('refuses a --region that contradicts the ARN, before loading credentials', async () => {
    const run = await preflight([
      'watch',
      'status',
      '--deployment-id',
      'd-1',
      '--state-machine-arn',
      WATCH_ARN,
      '--region',
      'us-east-1',
    ]);

    expectOneLine(
      run,
      'preflight: --region us-east-1 does not match the region of --state-machine-arn (eu-west-1).',
    );
  });

  it('takes the region from the profile, and names the profile whose credentials do not load', async () => {
    writeAwsFiles('[profile ci]\nregion = eu-central-1\n');

    const run = await preflight(['audit', '--profile', 'ci']);

    expectOneLine(
      run,
      'preflight: AWS profile "ci" has no credentials: give it aws_access_key_id and aws_secret_access_key (~/.aws/credentials), sso_session, role_arn, credential_process or web_identity_token_file.',
    );
  });

  it.each([
    ['gate', ['gate', '--service', 'orders', '--env', 'prod', '--state-machine-arn', AUDIT_ARN]],
    [
      'watch start',
      [
        'watch',
        'start',
        '--service',
        'orders',
        '--env',
        'prod',
        '--deployment-id',
        'd-1',
        '--state-machine-arn',
        WATCH_ARN,
      ],
    ],
    ['watch status', ['watch', 'status', '--deployment-id', 'd-1', '--state-machine-arn', WATCH_ARN]],
    [
      'watch abort',
      [
        'watch',
        'abort',
        '--deployment-id',
        'd-1',
        '--reason',
        'user-impact',
        '--control-url',
        'https://abc.lambda-url.eu-west-1.on.aws/',
      ],
    ],
    [
      'approve',
      [
        'approve',
        '--run',
        'build-7',
        '--role',
        'QA',
        '--control-url',
        'https://abc.lambda-url.eu-west-1.on.aws/',
      ],
    ],
    ['review --table', ['review', '--quarter', '2026Q4', '--table', 'History']],
  ])('%s takes --profile and checks it before calling AWS', async (_name, args) => {
    writeAwsFiles('[profile ci]\nregion = eu-west-1\n');
    // A watch the configuration allows: every default trigger off, so no metric needs mapping.
    const triggers = Object.fromEntries(
      ['error-rate', 'latency', 'health-checks', 'db-connection-errors'].map((t) => [t, { enabled: false }]),
    );
    writeFileSync(path.join(home, 'preflight.config.json'), JSON.stringify({ watch: { triggers } }));

    const run = await preflight([...args, '--profile', 'nope']);

    expectOneLine(run, 'preflight: AWS profile "nope" not found in ~/.aws/config or ~/.aws/credentials.');
  });

  it('reads history from a file offline: review --events needs no AWS', async () => {
    const events = path.join(home, 'events.json');
    writeFileSync(events, '[]');

    const run = await preflight(['review', '--quarter', '2026Q4', '--events', events, '--profile', 'nope']);

    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('signs with the profile from ~/.aws/credentials in the region of the control URL, printing no SDK notice', async () => {
    writeAwsFiles(
      '[profile release]\n',
      '[release]\naws_access_key_id = AKIDRELEASE\naws_secret_access_key = secret\n',
    );
    endpoint.answer(200, { message: 'Approved QA for build-7.' });

    const run = await preflight([
      'approve',
      '--run',
      'build-7',
      '--role',
      'QA',
      '--control-url',
      endpoint.url,
      '--region',
      'eu-north-1',
      '--profile',
      'release',
    ]);

    expect(run).toEqual({ code: 0, stdout: 'Approved QA for build-7.\n', stderr: '' });
    expect(endpoint.received[0]?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDRELEASE\/\d{8}\/eu-north-1\/lambda\/aws4_request, /,
    );
  });

  it('calls Step Functions in the region of the ARN with the profile, and prints only its answer', async () => {
    writeAwsFiles('', '[ci]\naws_access_key_id = AKIDCI\naws_secret_access_key = secret\n');
    endpoint.answer(400, { __type: 'ExecutionDoesNotExist', message: 'Execution Does Not Exist' });

    const run = await preflight(
      ['watch', 'status', '--deployment-id', 'd-1', '--state-machine-arn', WATCH_ARN, '--profile', 'ci'],
      { AWS_ENDPOINT_URL_SFN: endpoint.url },
    );

    expectOneLine(run, 'preflight: No watch for deployment d-1.');
    expect(endpoint.received[0]?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDCI\/\d{8}\/eu-west-1\/states\/aws4_request, /,
    );
  });
});

describe('usage errors never reach AWS', () => {
  it('report the bad flag in two lines, pointing to --help, before the profile is even looked up', async () => {
    const run = await preflight(['gate', '--service', 'orders', '--state-machine-arn', AUDIT_ARN], {
      AWS_PROFILE: 'nope',
    });

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'error: required option \'--env <name>\' not specified\nRun "preflight gate --help" for usage.\n',
    );
  });

  it('refuse input the state machine would refuse before AWS is set up', async () => {
    const run = await preflight(
      [
        'gate',
        '--service',
        'orders',
        '--env',
        'prod',
        '--state-machine-arn',
        AUDIT_ARN,
        '--attest',
        'tests-pass=https://ci.example.com/1',
      ],
      { AWS_PROFILE: 'nope' },
    );

    expectOneLine(
      run,
      /^preflight: --attest tests-pass: unknown attestation key; .*did you mean "tests-passing"\?/,
    );
  });
});
