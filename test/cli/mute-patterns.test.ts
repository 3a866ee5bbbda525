import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../lambdas/core/report/model';
import { SAMPLE_CONFIG } from '../../lambdas/sample/organization';
import { runCliInProcess } from '../support/cli-in-process';

/*
 * A mute's glob "starts with a literal part", so that no mute silences every finding of a check: but
 * every ARN starts with `arn:`, so `arn:*` (or `arn:aws:acm:*`, or `a*`) muted every certificate of
 * every account, and the gate passed on them. A glob's literal part must name the ARN up to its
 * resource: partition, service, region and account as the ARN has them, and some of the resource.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'preflight-mute-patterns-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

function audit(resource: string) {
  const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  const mute = { check: 'acm-certificates', resource, reason: 'Being replaced (CHG-1234).', until: day(30) };
  writeFileSync(file, JSON.stringify({ ...SAMPLE_CONFIG, mutes: [mute] }));
  return runCliInProcess([
    'audit',
    '--sample',
    '--service',
    'payments',
    '--env',
    'prod',
    '--format',
    'json',
    '--exit-zero',
    '--config',
    file,
  ]);
}

describe('a mute whose glob would silence a whole check', () => {
  it.each([
    'arn:*',
    'a*',
    'arn:aws:*',
    'arn:aws:acm:*',
    'arn:aws:acm:eu-west-1:*',
    'arn:aws:acm:eu-west-1:111122223333:*',
    'arn:aws:acm:eu-west-1:*:certificate/*',
    'arn:aws:acm:?u-west-1:111122223333:certificate/*',
    'arn:aws:s3:::*',
  ])('%s: refused, naming the key, before anything is muted (exit 2)', async (resource) => {
    const run = await audit(resource);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('  - mutes.[0].resource: got ');
    expect(run.stderr).toContain(
      'expected a glob whose literal part names the ARN up to its resource (partition, service, region and account as the ARN has them, then the start of the resource, e.g. arn:aws:rds:eu-west-1:123456789012:db:legacy-*); a shorter one would mute a whole check',
    );
  });

  it.each([
    'arn:aws:acm:eu-west-1:111122223333:certificate/8a4e6b1f-*',
    'arn:aws:acm:eu-west-1:111122223333:certificate/*',
    'arn:aws:s3:::legacy-*',
    'arn:aws:iam::111122223333:user/ci-?',
  ])('%s: taken, muting what it names', async (resource) => {
    const run = await audit(resource);

    expect(run.stderr).not.toContain('Invalid Preflight configuration');
    expect((JSON.parse(run.stdout) as AuditReport).verdict).toBeDefined();
  });

  it('mutes only the certificates it names', async () => {
    const run = await audit('arn:aws:acm:eu-west-1:111122223333:certificate/8a4e6b1f-*');
    const report = JSON.parse(run.stdout) as AuditReport;
    const acm = report.findings.filter((f) => f.checkId === 'acm-certificates');

    expect(acm.some((f) => f.status === 'MUTED')).toBe(true);
    expect(
      acm.filter((f) => f.status === 'MUTED').every((f) => f.resource.includes(':certificate/8a4e6b1f-')),
    ).toBe(true);
  });
});
