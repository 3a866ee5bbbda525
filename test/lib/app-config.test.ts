import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'preflight.config.json');

interface AppRun {
  readonly code: number;
  readonly stderr: string;
  /** The cloud assembly directory the app wrote. */
  readonly out: string;
}

function configFile(config: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'preflight-app-')), 'preflight.config.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

/**
 * Runs the CDK app as `cdk synth -c config=FILE` does (the context in CDK_CONTEXT_JSON), bundling
 * skipped, from `cwd` (the project, or a directory without a configuration file).
 */
function synthApp(config: string | undefined, cwd = ROOT): Promise<AppRun> {
  const out = mkdtempSync(path.join(tmpdir(), 'preflight-app-out-'));
  return new Promise((resolve) => {
    execFile(
      path.join(ROOT, 'node_modules', '.bin', 'tsx'),
      [path.join(ROOT, 'bin', 'app.ts')],
      {
        cwd,
        timeout: 150_000,
        env: {
          ...process.env,
          CDK_CONTEXT_JSON: JSON.stringify({
            ...(config === undefined ? {} : { config }),
            'aws:cdk:bundling-stacks': [],
          }),
          CDK_OUTDIR: out,
        },
      },
      (error, _stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code ?? 1), stderr, out }),
    );
  });
}

/** `npx cdk synth -c config=FILE`, the real CDK CLI, as a user runs it. */
function cdkSynth(config: string): Promise<{ code: number; stderr: string }> {
  const out = mkdtempSync(path.join(tmpdir(), 'preflight-cdk-out-'));
  return new Promise((resolve) => {
    execFile(
      path.join(ROOT, 'node_modules', '.bin', 'cdk'),
      ['synth', '-q', '-c', `config=${config}`, '-o', out],
      { cwd: ROOT, timeout: 150_000, env: { ...process.env, CI: 'true' } },
      (error, _stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code ?? 1), stderr }),
    );
  });
}

const warningsOf = (run: AppRun) =>
  new CloudAssembly(run.out)
    .getStackByName('Preflight')
    .messages.filter((m) => m.level === 'warning')
    // `cdk synth` prints each with the id to acknowledge it by, ` [ack: preflight:...]`.
    .map((m) => String(m.entry.data).replace(/ \[ack: preflight:[a-z-]+\]$/, ''));

// Each test runs the app in its own process (a whole synthesis): on a busy 2-core machine that takes
// far longer than a unit test, so these wait as long as the spawned process may run.
describe('the CDK app', { timeout: 180_000 }, () => {
  it('refuses to synthesize with a misspelled required attestation, naming it and the fix', async () => {
    const run = await synthApp(configFile({ gate: { requiredAttestations: ['tests-pasing'] } }));

    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('Invalid Preflight configuration');
    expect(run.stderr).toContain(
      'gate.requiredAttestations.[0]: got "tests-pasing"; expected an attestation key of the checklist',
    );
    expect(run.stderr).toContain('did you mean "tests-passing"?');
  });

  it('prints two problems as two lines under the header: no stack trace, no object dump', async () => {
    const config = configFile({ notifcations: {}, gate: { concurrency: 99 } });

    const run = await cdkSynth(config);

    expect(run.code).not.toBe(0);
    const lines = run.stderr.trimEnd().split('\n');
    // The CDK CLI adds one line of its own: that the app exited with an error.
    expect(lines.slice(0, -1)).toEqual([
      `Invalid Preflight configuration in ${config}:`,
      '  - gate.concurrency: got 99; expected a number of checks at once from 1 to 20',
      '  - notifcations: unknown key (did you mean "notifications"?)',
    ]);
    expect(lines.at(-1)).toMatch(/Subprocess exited with error 1/);
  });

  it('synthesizes the example configuration, warning about each placeholder it still holds', async () => {
    const run = await synthApp(EXAMPLE);

    expect(run.code, run.stderr).toBe(0);
    expect(warningsOf(run)).toEqual([
      "notifications.emails: platform-oncall@example.com: a documentation domain that receives no mail; use your team's addresses.",
      "notifications.phoneNumbers: +447700900123: a number reserved for documentation that reaches no phone; use your on-call's numbers.",
      'notifications.emails: AWS emails each address (platform-oncall@example.com) a subscription confirmation after the deploy; nothing reaches an address until it confirms.',
      'notifications.phoneNumbers: in an account whose SMS is in the SNS sandbox (every new account), only verified numbers receive SMS: verify +447700900123 (aws sns create-sms-sandbox-phone-number), or ask AWS to move the account out of the sandbox.',
      'services.orders-api.tlsEndpoints: api.example.com: a documentation domain, not your endpoint, yet every gate would probe it. Name your own endpoints.',
    ]);
  });

  it('without a configuration file, synthesizes the defaults and says so', async () => {
    const run = await synthApp(undefined, mkdtempSync(path.join(tmpdir(), 'preflight-empty-')));

    expect(run.code, run.stderr).toBe(0);
    const warnings = warningsOf(run);
    expect(warnings).toContain(
      'no preflight.config.json here: synthesized with every default. Copy examples/preflight.config.json to preflight.config.json and make it yours (README, Deploy).',
    );
    expect(warnings.some((w) => w.startsWith('watch.metrics: no CloudWatch metric for errors'))).toBe(true);
    expect(warnings.some((w) => w.startsWith('notifications: no email address or phone number'))).toBe(true);
  });
});
