import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');

/** Runs the CDK app as `cdk synth -c config=FILE` does: the app with the context in CDK_CONTEXT_JSON. */
function synthApp(config: unknown): Promise<{ code: number; stderr: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'preflight-app-'));
  const file = path.join(dir, 'preflight.config.json');
  writeFileSync(file, JSON.stringify(config));
  return new Promise((resolve) => {
    execFile(
      path.join(ROOT, 'node_modules', '.bin', 'tsx'),
      ['bin/app.ts'],
      {
        cwd: ROOT,
        timeout: 60_000,
        env: {
          ...process.env,
          CDK_CONTEXT_JSON: JSON.stringify({ config: file, 'aws:cdk:bundling-stacks': [] }),
          CDK_OUTDIR: dir,
        },
      },
      (error, _stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code ?? 1), stderr }),
    );
  });
}

describe('the CDK app', () => {
  it('refuses to synthesize with a misspelled required attestation, naming it and the fix', async () => {
    const run = await synthApp({ gate: { requiredAttestations: ['tests-pasing'] } });

    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('Invalid Preflight configuration');
    expect(run.stderr).toContain(
      'gate.requiredAttestations.[0]: got "tests-pasing"; expected an attestation key of the checklist',
    );
    expect(run.stderr).toContain('did you mean "tests-passing"?');
  });
});
