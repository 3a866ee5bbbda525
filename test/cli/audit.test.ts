import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../lambdas/core/report/model';
import { type CliRun, runCli } from '../support/cli';

describe('preflight audit --sample', () => {
  let json: CliRun;
  let report: AuditReport;

  beforeAll(async () => {
    json = await runCli(['audit', '--sample', '--format', 'json']);
    report = JSON.parse(json.stdout) as AuditReport;
  });

  it('runs every enabled check on the sample account and reports PASS, WARN, FAIL and ERROR findings', () => {
    expect(report.target).toBe('the built-in sample account');
    expect(report.checks.map((c) => c.checkId).sort()).toEqual([
      'acm-certificates',
      'alarms',
      'database-backups',
      'iam-access-keys',
      'secrets-encryption',
      'secrets-rotation',
      'ssm-secure-parameters',
      'tls-endpoints',
    ]);
    for (const status of ['PASS', 'WARN', 'FAIL', 'ERROR'] as const)
      expect(report.counts[status]).toBeGreaterThan(0);
    for (const check of report.checks)
      expect(check.counts.PASS + check.counts.WARN + check.counts.FAIL).toBeGreaterThan(0);
  });

  it('fails the verdict and exits 1, naming the blocking items', () => {
    expect(report.verdict).toBe('FAIL');
    expect(json.code).toBe(1);
    expect(report.blockingItems).toContain('infrastructure.database-backups');
  });

  it('gives remediation with every finding someone must act on', () => {
    for (const finding of report.findings.filter((f) => ['WARN', 'FAIL', 'ERROR'].includes(f.status))) {
      expect(finding.remediation, `${finding.checkId} ${finding.resource}`).toBeTruthy();
    }
  });

  it('names the denied API call in the ERROR finding, and the other checks still report', () => {
    const errors = report.findings.filter((f) => f.status === 'ERROR');
    expect(errors.some((f) => /denied/.test(f.message))).toBe(true);
    expect(report.findings.filter((f) => f.status !== 'ERROR').length).toBeGreaterThan(errors.length);
  });

  it('shows progress on stderr, never on stdout', () => {
    expect(json.stderr).toMatch(/\[8\/8\] /);
    expect(() => JSON.parse(json.stdout)).not.toThrow();
  });
});

describe('preflight audit output and options', () => {
  it('prints text grouped by checklist section, closing with a one-line summary', async () => {
    const run = await runCli(['audit', '--sample', '--quiet']);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Pre-Deployment Verification\n  Security & Compliance\n');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(
      /^Verdict: FAIL \| 6 automated items, \d+ blocking \| findings: /,
    );
  });

  it('prints markdown for a CI job summary', async () => {
    const run = await runCli(['audit', '--sample', '--quiet', '--format', 'markdown']);
    expect(run.stdout).toMatch(/^## Preflight: ❌ FAIL\n/);
    expect(run.stdout).toContain('| status | check | resource | finding | fix |');
  });

  it('runs only the selected checks', async () => {
    const run = await runCli(['audit', '--sample', '--quiet', '--format', 'json', '--checks', 'alarms']);
    const report = JSON.parse(run.stdout) as AuditReport;
    expect(report.checks.map((c) => c.checkId)).toEqual(['alarms']);
    expect(report.items.find((i) => i.id === 'infrastructure.database-backups')?.status).toBe('NOT_RUN');
  });

  it('exits 0 with --exit-zero, as npm start does', async () => {
    const run = await runCli(['audit', '--sample', '--quiet', '--exit-zero']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Verdict: FAIL');
  });

  it.each([
    [
      ['--checks', 'alarms,nope'],
      /unknown check id "nope"; expected a comma-separated list of: database-backups/,
    ],
    [['--format', 'yaml'], /expected one of text, json, markdown/],
  ])('rejects bad options %j with exit 2', async (args, message) => {
    const run = await runCli(['audit', '--sample', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('refuses an invalid configuration before auditing anything', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'preflight-cli-'));
    const config = path.join(dir, 'bad.json');
    writeFileSync(config, JSON.stringify({ checks: { 'secrets-rotation': { maxAgeDays: 'ninety' } } }));
    const run = await runCli(['audit', '--sample', '--config', config]);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('checks.secrets-rotation.maxAgeDays: got "ninety"');
  });
});
