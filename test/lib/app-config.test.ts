import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { MEMBER_ACCOUNT_STACK_ID, missingHomeMessage } from '../../lib/member-account-stack';

/*
 * The CDK app (bin/app.ts) as a user runs it, offline: `cdk synth` (the real CDK CLI) on a
 * configuration file, or the app in a process of its own as the CLI starts it. A run that gets past
 * the configuration is a whole synthesis with cdk-nag and the Control Tower controls, the slowest
 * thing the tests spawn: the runs start together before the tests, and one run serves every test
 * that reads it (the example configuration's, both its warnings and the member stack's template).
 */

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = JSON.parse(
  readFileSync(path.join(ROOT, 'examples', 'preflight.config.json'), 'utf8'),
) as Record<string, unknown>;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The cloud assembly directory the app wrote, every stack of it (the CLI validates only the selected ones). */
  readonly out: string;
}

interface CdkRun extends Run {
  /** The configuration file the run was given. */
  readonly config: string;
}

function configFile(config: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'preflight-app-')), 'preflight.config.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

/**
 * `npx cdk synth [--exclusively STACK --json] -c config=FILE`, the real CDK CLI, as a user runs it,
 * into its own output directory.
 */
function cdkSynth(config: unknown, stack?: string): Promise<CdkRun> {
  const file = configFile(config);
  const out = mkdtempSync(path.join(tmpdir(), 'preflight-cdk-out-'));
  const selection = stack === undefined ? ['-q'] : ['--exclusively', stack, '--json'];
  return new Promise((resolve) => {
    execFile(
      path.join(ROOT, 'node_modules', '.bin', 'cdk'),
      ['synth', ...selection, '-c', `config=${file}`, '-o', out],
      { cwd: ROOT, timeout: 240_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CI: 'true' } },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr, out, config: file }),
    );
  });
}

/**
 * Runs the CDK app as `cdk synth -c config=FILE` does (the context in CDK_CONTEXT_JSON), bundling
 * skipped, from `cwd` (the project, or a directory without a configuration file).
 */
function synthApp(config: string | undefined, cwd = ROOT): Promise<Run> {
  const out = mkdtempSync(path.join(tmpdir(), 'preflight-app-out-'));
  return new Promise((resolve) => {
    execFile(
      path.join(ROOT, 'node_modules', '.bin', 'tsx'),
      [path.join(ROOT, 'bin', 'app.ts')],
      {
        cwd,
        timeout: 240_000,
        env: {
          ...process.env,
          CDK_CONTEXT_JSON: JSON.stringify({
            ...(config === undefined ? {} : { config }),
            'aws:cdk:bundling-stacks': [],
          }),
          CDK_OUTDIR: out,
        },
      },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr, out }),
    );
  });
}

const messagesOf = (run: Run, stack: string, level: 'warning' | 'error') =>
  new CloudAssembly(run.out)
    .getStackByName(stack)
    .messages.filter((m) => m.level === level)
    .map((m) => String(m.entry.data));

const warningsOf = (run: Run) =>
  messagesOf(run, 'Preflight', 'warning')
    // `cdk synth` prints each with the id to acknowledge it by, ` [ack: preflight:...]`.
    .map((warning) => warning.replace(/ \[ack: preflight:[a-z-]+\]$/, ''));

const errorsOf = (run: Run, stack: string) => messagesOf(run, stack, 'error');

/** A configuration with a misspelled required attestation. */
let attestation: Run;
/** A configuration with two problems: a misspelled key and a number out of range. */
let invalid: CdkRun;
/** The example configuration, as a deployment starts from it. */
let example: CdkRun;
/** The example configuration without `home`. */
let withoutHome: CdkRun;
/** No configuration, from a directory without a configuration file. */
let defaults: Run;

// The runs share the cores (a file's tests run one after another): on a busy 2-core machine five
// syntheses at once take far longer than a unit test, so this waits as long as they may run.
beforeAll(async () => {
  const { home: _home, ...noHome } = EXAMPLE;
  [attestation, invalid, example, withoutHome, defaults] = await Promise.all([
    synthApp(configFile({ gate: { requiredAttestations: ['tests-pasing'] } })),
    cdkSynth({ notifcations: {}, gate: { concurrency: 99 } }),
    cdkSynth(EXAMPLE, MEMBER_ACCOUNT_STACK_ID),
    cdkSynth(noHome, MEMBER_ACCOUNT_STACK_ID),
    synthApp(undefined, mkdtempSync(path.join(tmpdir(), 'preflight-empty-'))),
  ]);
}, 300_000);

describe('the CDK app', () => {
  it('refuses to synthesize with a misspelled required attestation, naming it and the fix', () => {
    expect(attestation.code).not.toBe(0);
    expect(attestation.stderr).toContain('Invalid Preflight configuration');
    expect(attestation.stderr).toContain(
      'gate.requiredAttestations.[0]: got "tests-pasing"; expected an attestation key of the checklist',
    );
    expect(attestation.stderr).toContain('did you mean "tests-passing"?');
  });

  it('prints two problems as two lines under the header: no stack trace, no object dump', () => {
    expect(invalid.code).not.toBe(0);
    const lines = invalid.stderr.trimEnd().split('\n');
    // The CDK CLI adds one line of its own: that the app exited with an error.
    expect(lines.slice(0, -1)).toEqual([
      `Invalid Preflight configuration in ${invalid.config}:`,
      '  - gate.concurrency: got 99; expected a number of checks at once from 1 to 20',
      '  - notifcations: unknown key (did you mean "notifications"?)',
    ]);
    expect(lines.at(-1)).toMatch(/Subprocess exited with error 1/);
  });

  it('synthesizes the example configuration, warning about each placeholder it still holds', () => {
    expect(example.code, example.stderr).toBe(0);
    expect(errorsOf(example, 'Preflight')).toEqual([]);
    expect(warningsOf(example)).toEqual([
      "notifications.emails: platform-oncall@example.com: a documentation domain that receives no mail; use your team's addresses.",
      "notifications.phoneNumbers: +447700900123: a number reserved for documentation that reaches no phone; use your on-call's numbers.",
      'notifications.emails: AWS emails each address (platform-oncall@example.com) a subscription confirmation after the deploy; nothing reaches an address until it confirms.',
      'notifications.phoneNumbers: in an account whose SMS is in the SNS sandbox (every new account), only verified numbers receive SMS: verify +447700900123 (aws sns create-sms-sandbox-phone-number), or ask AWS to move the account out of the sandbox.',
      'services.orders-api.tlsEndpoints: api.example.com: a documentation domain, not your endpoint, yet every gate would probe it. Name your own endpoints.',
    ]);
  });

  it('without a configuration file, synthesizes the defaults and says so', () => {
    expect(defaults.code, defaults.stderr).toBe(0);
    const warnings = warningsOf(defaults);
    expect(warnings).toContain(
      'no preflight.config.json here: synthesized with every default. Copy examples/preflight.config.json to preflight.config.json and make it yours (README, Deploy).',
    );
    expect(warnings.some((w) => w.startsWith('watch.metrics: no CloudWatch metric for errors'))).toBe(true);
    expect(warnings.some((w) => w.startsWith('notifications: no email address or phone number'))).toBe(true);
  });
});

/*
 * The member-account stack needs `home` in the configuration; without it, its synthesis stops and
 * says what to set, while the Preflight stack's synthesis is unaffected.
 */
describe('cdk synth', () => {
  it('of the member stack without home stops, saying what to set', () => {
    expect(withoutHome.code).not.toBe(0);
    expect(withoutHome.stderr).toContain(missingHomeMessage(withoutHome.config));
    expect(withoutHome.stderr).toContain('"home": {"account": ');
  });

  it('of the Preflight stack is not held up by it: only the member stack carries the error', () => {
    expect(errorsOf(withoutHome, MEMBER_ACCOUNT_STACK_ID)).toEqual([missingHomeMessage(withoutHome.config)]);
    expect(errorsOf(withoutHome, 'Preflight')).toEqual([]);
  });

  it('of the member stack with home prints the template alone on stdout, ready for StackSets', () => {
    expect(example.code, example.stderr).toBe(0);
    const template = JSON.parse(example.stdout) as {
      Resources: Record<string, { Type: string }>;
      Parameters: Record<string, unknown>;
    };

    expect(Object.values(template.Resources).map((r) => r.Type)).toEqual(['AWS::IAM::Role']);
    expect(Object.keys(template.Parameters).sort()).toEqual(['AuditRoleName', 'ExternalId']);
    expect(errorsOf(example, MEMBER_ACCOUNT_STACK_ID)).toEqual([]);
  });
});
