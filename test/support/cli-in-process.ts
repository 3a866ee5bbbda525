import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { runCli } from '../../bin/cli/program';
import type { AuditReport } from '../../lambdas/core/report/model';

/**
 * Runs `preflight ARGS` inside the test process, so AWS can be stubbed at the SDK client,
 * capturing what it prints and its exit code.
 */
export async function runCliInProcess(
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await runCli(['node', 'preflight', ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** A configuration file of `{}`: every check with its defaults, over the whole account. */
export function defaultsConfigFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'preflight-defaults-')), 'preflight.config.json');
  writeFileSync(file, '{}');
  return file;
}

/** `preflight audit -c FILE --region us-east-1 --checks CHECKS --format json`, in process, with its report. */
export async function auditChecksInProcess(
  configFile: string,
  checks: string,
): Promise<{ code: number; report: AuditReport }> {
  const run = await runCliInProcess([
    'audit',
    '-c',
    configFile,
    '--region',
    'us-east-1',
    '--quiet',
    '--format',
    'json',
    '--checks',
    checks,
  ]);
  return { code: run.code, report: JSON.parse(run.stdout) as AuditReport };
}
