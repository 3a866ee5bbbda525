import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bareEnvironment, runCli, UNREACHABLE_AWS } from '../support/cli';

/*
 * When AWS cannot say who the caller is (no network, a closed endpoint, a revoked key), the report's
 * first line says why, not the bare name of an error class.
 */

const home = mkdtempSync(path.join(tmpdir(), 'preflight-identity-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('preflight audit when GetCallerIdentity fails', () => {
  it('names the call and the reason in the report heading, and exits 2', async () => {
    const run = await runCli(['audit', '--quiet', '--checks', 'iam-access-keys'], {
      cwd: home,
      cleanEnv: bareEnvironment(home, UNREACHABLE_AWS),
    });

    // The heading wraps at the output width: its continuation lines are indented.
    const heading = run.stdout.replace(/\n +/g, ' ').split('\n')[0] ?? '';
    expect(heading).toMatch(
      /^Preflight audit of AWS account, identity unknown \(sts:GetCallerIdentity failed: .*ECONNREFUSED.*\) \(eu-west-1\)/,
    );
    expect(run.code).toBe(2);
  });
});
