import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../lambdas/core/report/model';
import { SAMPLE_CONFIG } from '../../lambdas/sample/organization';
import { type CliRun, REPO_ROOT, runCli } from '../support/cli';

/* `preflight audit --sample` with a configuration that mutes one of payments' findings. */

const CERT = 'arn:aws:acm:eu-west-1:111122223333:certificate/8a4e6b1f-2c3d-4f5a-8b6c-7d8e9f0a1b22';
const CLUSTER = 'arn:aws:rds:eu-west-1:111122223333:cluster:payments-aurora';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const MUTES = [
  {
    check: 'acm-certificates',
    resource: 'arn:aws:acm:eu-west-1:111122223333:certificate/8a4e6b1f-*',
    reason: 'Replaced by the new certificate in CHG-1234.',
    until: day(30),
  },
  { check: 'database-backups', resource: CLUSTER, reason: 'Restore test booked (OPS-77).', until: day(-1) },
];

function configFile(config: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'preflight-mutes-')), 'preflight.config.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

describe('preflight audit --sample with mutes', () => {
  let text: CliRun;
  let json: CliRun;
  let unmuted: AuditReport;
  let muted: AuditReport;

  beforeAll(async () => {
    const file = configFile({ ...SAMPLE_CONFIG, mutes: MUTES });
    const args = ['audit', '--sample', '--service', 'payments', '--env', 'prod'];
    [text, json] = await Promise.all([
      runCli([...args, '--config', file, '--exit-zero']),
      runCli([...args, '--config', file, '--format', 'json', '--exit-zero']),
    ]);
    muted = JSON.parse(json.stdout) as AuditReport;
    unmuted = JSON.parse((await runCli([...args, '--format', 'json', '--exit-zero'])).stdout) as AuditReport;
  });

  it("reports payments' certificate findings as MUTED with the reason and expiry, never as PASS", () => {
    const before = unmuted.findings.filter((f) => f.resource === CERT && f.checkId === 'acm-certificates');
    const after = muted.findings.filter((f) => f.resource === CERT && f.checkId === 'acm-certificates');
    const failing = before.filter((f) => f.status === 'FAIL' || f.status === 'WARN');
    expect(failing.length).toBeGreaterThan(0);
    expect(after.filter((f) => f.status === 'MUTED').map((f) => f.rule)).toEqual(failing.map((f) => f.rule));
    expect(after.filter((f) => f.status === 'PASS').length).toBe(
      before.filter((f) => f.status === 'PASS').length,
    );
    expect(muted.counts.MUTED).toBe(failing.length);
    expect(muted.counts.PASS).toBe(unmuted.counts.PASS);
    expect(text.stdout).toMatch(/MUTED acm-certificates\/renewal \[eu-west-1\]/);
    expect(text.stdout).toContain(`muted until ${day(30)} (was FAIL): Replaced by the new certificate in`);
    expect(text.stdout).toMatch(new RegExp(`findings: .*${failing.length} MUTED`));
  });

  it('reports the expired mute by name, and the finding it muted fails again', () => {
    expect(muted.findings).toContainEqual(
      expect.objectContaining({
        checkId: 'database-backups',
        rule: 'mute-expired',
        status: 'WARN',
        resource: CLUSTER,
      }),
    );
    expect(muted.findings.some((f) => f.resource === CLUSTER && f.status === 'FAIL')).toBe(true);
    expect(text.stdout).toContain(`WARN  database-backups/mute-expired: The mute of database-backups`);
    expect(muted.verdict).toBe('FAIL');
  });

  it('refuses a mute of a check that does not exist, naming the key (exit 2)', async () => {
    const file = configFile({ ...SAMPLE_CONFIG, mutes: [{ ...MUTES[0], check: 'acm-certificate' }] });
    const run = await runCli(['audit', '--sample', '--config', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('mutes.[0].check');
    expect(run.stderr).toContain('acm-certificates');
  });

  it("prints docs/mutes.md's example, line for line, for the configuration the page gives", async () => {
    const page = readFileSync(path.join(REPO_ROOT, 'docs', 'mutes.md'), 'utf8');
    const [, json = ''] = /```json\n([\s\S]*?)```/.exec(page) ?? [];
    const example = /Example, `preflight ([^`]*)`[\s\S]*?\n```\n([\s\S]*?)```/.exec(page);
    const [, command = '', quoted = ''] = example ?? [];
    // The page's dates, moved to today's so that the example stays one whatever the day.
    const dates: Record<string, string> = {
      '2026-12-30': day(30),
      '2026-11-20': day(-10),
      '2026-10-31': day(-30),
    };
    const shift = (text: string) => text.replace(/\d{4}-\d{2}-\d{2}/g, (d) => dates[d] ?? d);
    const { mutes } = JSON.parse(shift(json)) as { mutes: unknown[] };
    const expired = /expired after (\d{4}-\d{2}-\d{2})[\s\S]*?Its reason was: ([^\n]*)/.exec(quoted);
    const file = configFile({
      ...SAMPLE_CONFIG,
      mutes: [
        ...mutes,
        {
          check: 'database-backups',
          resource: CLUSTER,
          reason: expired?.[2],
          until: shift(expired?.[1] ?? ''),
        },
      ],
    });
    const args = command.replace(/<file[^>]*>/, file).split(/\s+/);
    const run = await runCli([...args, '--exit-zero'], { env: { COLUMNS: undefined } });
    const printed = run.stdout.split('\n').map((line) => line.trimEnd());
    const lines = shift(quoted)
      .split('\n')
      .map((line) => line.trimEnd())
      .filter((line) => line !== '' && line.trim() !== '...');
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      // `<n>` stands for a count that moves as checks are added.
      const pattern = new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/<n>/g, '\\d+')}$`);
      expect(
        printed.some((p) => pattern.test(p)),
        line,
      ).toBe(true);
    }
  });
});
