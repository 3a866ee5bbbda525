import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { MEMBER_ACCOUNT_STACK_ID, missingHomeMessage } from '../../lib/member-account-stack';

/*
 * `cdk synth` as a user runs it, offline: the real CDK CLI on the real app. The member-account stack
 * needs `home` in the configuration; without it, its synthesis stops and says what to set, while the
 * Preflight stack's synthesis is unaffected.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const SAMPLE = JSON.parse(
  readFileSync(path.join(ROOT, 'examples', 'preflight.config.json'), 'utf8'),
) as Record<string, unknown>;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The cloud assembly the app wrote, every stack of it (the CLI validates only the selected ones). */
  readonly out: string;
  readonly config: string;
}

/** `npx cdk synth --exclusively <stack> --json -c config=FILE`, into its own output directory. */
function cdkSynth(stack: string, config: unknown): Promise<Run> {
  const dir = mkdtempSync(path.join(tmpdir(), 'preflight-cdk-'));
  const file = path.join(dir, 'preflight.config.json');
  const out = path.join(dir, 'cdk.out');
  writeFileSync(file, JSON.stringify(config));
  return new Promise((resolve) => {
    execFile(
      path.join(ROOT, 'node_modules', '.bin', 'cdk'),
      ['synth', '--exclusively', stack, '--json', '-c', `config=${file}`, '-o', out],
      { cwd: ROOT, timeout: 180_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CI: 'true' } },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr, out, config: file }),
    );
  });
}

const errorsOf = (run: Run, stack: string) =>
  new CloudAssembly(run.out)
    .getStackByName(stack)
    .messages.filter((m) => m.level === 'error')
    .map((m) => String(m.entry.data));

describe('cdk synth', () => {
  let withoutHome: Run;
  let withHome: Run;
  beforeAll(async () => {
    const { home: _home, ...noHome } = SAMPLE;
    [withoutHome, withHome] = await Promise.all([
      cdkSynth(MEMBER_ACCOUNT_STACK_ID, noHome),
      cdkSynth(MEMBER_ACCOUNT_STACK_ID, SAMPLE),
    ]);
  }, 240_000);

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
    expect(withHome.code, withHome.stderr).toBe(0);
    const template = JSON.parse(withHome.stdout) as {
      Resources: Record<string, { Type: string }>;
      Parameters: Record<string, unknown>;
    };

    expect(Object.values(template.Resources).map((r) => r.Type)).toEqual(['AWS::IAM::Role']);
    expect(Object.keys(template.Parameters).sort()).toEqual(['AuditRoleName', 'ExternalId']);
    expect(errorsOf(withHome, MEMBER_ACCOUNT_STACK_ID)).toEqual([]);
  });
});
