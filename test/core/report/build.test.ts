import { describe, expect, it } from 'vitest';
import { SEED_CHECKLIST } from '../../../lambdas/core/checklist/seed';
import type { CheckResult, Finding, FindingStatus } from '../../../lambdas/core/findings';
import { buildReport, computeVerdict } from '../../../lambdas/core/report/build';
import { renderMarkdown } from '../../../lambdas/core/report/render-markdown';
import { renderText } from '../../../lambdas/core/report/render-text';

const NOW = new Date('2026-11-27T10:00:00Z');

function finding(checkId: string, status: FindingStatus, resource = 'arn:aws:x:::r'): Finding {
  return {
    checkId,
    rule: 'rule',
    resource,
    status,
    message: `${status} on ${resource}`,
    ...(status === 'PASS' ? {} : { remediation: `fix ${resource}` }),
  };
}

function result(checkId: string, ...statuses: FindingStatus[]): CheckResult {
  return {
    checkId,
    startedAt: NOW.toISOString(),
    durationMs: 5,
    findings: statuses.map((s, i) => finding(checkId, s, `res-${i}`)),
  };
}

describe('computeVerdict', () => {
  it.each<[FindingStatus[], boolean, string]>([
    [['PASS', 'PASS'], false, 'PASS'],
    [['PASS', 'SKIPPED'], false, 'PASS'],
    [['PASS', 'WARN'], false, 'PASS'],
    [['PASS', 'WARN'], true, 'FAIL'],
    [['PASS', 'ERROR'], false, 'ERROR'],
    [['ERROR', 'FAIL'], false, 'FAIL'],
    [['FAIL', 'ERROR'], false, 'FAIL'],
    [['WARN', 'ERROR'], true, 'FAIL'],
    [[], false, 'PASS'],
  ])('%j with warnBlocks=%s is %s', (statuses, warnBlocks, verdict) => {
    expect(computeVerdict(statuses, warnBlocks)).toBe(verdict);
  });
});

describe('buildReport', () => {
  const build = (results: CheckResult[], warnBlocks = false) =>
    buildReport({ checklist: SEED_CHECKLIST, results, now: NOW, label: 'test account', warnBlocks });

  it('rolls an item up to the worst status among all of its checks', () => {
    const report = build([
      result('acm-certificates', 'PASS', 'WARN'),
      result('tls-endpoints', 'PASS', 'FAIL'),
    ]);
    const item = report.items.find((i) => i.id === 'security.ssl-certificates');
    expect(item?.status).toBe('FAIL');
    expect(item?.counts).toMatchObject({ PASS: 2, WARN: 1, FAIL: 1 });
  });

  it('marks items whose checks did not run as NOT_RUN, and they do not block', () => {
    const report = build([result('alarms', 'PASS')]);
    expect(report.items.find((i) => i.id === 'infrastructure.database-backups')?.status).toBe('NOT_RUN');
    expect(report.verdict).toBe('PASS');
    expect(report.blockingItems).toEqual([]);
  });

  it('keeps every check result even when one of them could not run', () => {
    const report = build([result('alarms', 'ERROR'), result('database-backups', 'PASS', 'FAIL')]);
    expect(report.verdict).toBe('FAIL');
    expect(report.findings).toHaveLength(3);
    expect(report.blockingItems).toEqual([
      'infrastructure.database-backups',
      'infrastructure.monitoring-alerting',
      'realtime.alert-rules',
    ]);
    expect(report.checks.map((c) => [c.checkId, c.status])).toEqual([
      ['alarms', 'ERROR'],
      ['database-backups', 'FAIL'],
    ]);
  });

  it('blocks on WARN only when configured to', () => {
    expect(build([result('alarms', 'WARN')]).blockingItems).toEqual([]);
    expect(build([result('alarms', 'WARN')], true).blockingItems).toEqual([
      'infrastructure.monitoring-alerting',
      'realtime.alert-rules',
    ]);
  });
});

describe('rendering', () => {
  const report = buildReport({
    checklist: SEED_CHECKLIST,
    results: [result('database-backups', 'PASS', 'FAIL'), result('alarms', 'ERROR')],
    now: NOW,
    label: 'test account',
    warnBlocks: false,
  });

  it('renders text grouped by section with fixes and a closing summary line', () => {
    const text = renderText(report);
    expect(text).toMatch(
      /Pre-Deployment Verification\n {2}Security & Compliance\n(.|\n)* {2}Infrastructure\n {4}\[FAIL\] infrastructure\.database-backups/,
    );
    // The rule is named, the fix follows, and the resource comes last (an ARN never opens the line).
    expect(text).toContain(
      '        FAIL  database-backups/rule: FAIL on res-1\n              fix: fix res-1\n              on res-1\n',
    );
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      'Verdict: FAIL | 14 automated items, 3 blocking | findings: 1 PASS, 0 WARN, 1 FAIL, 1 ERROR, 0 SKIPPED',
    );
  });

  it('renders markdown tables, listing a finding once per section even when two items share its check', () => {
    const markdown = renderMarkdown(report);
    expect(markdown).toMatch(/^## Preflight: ❌ FAIL/);
    expect(markdown).toContain(
      '| ❌ FAIL | `infrastructure.database-backups` Database backups verified and restorable |',
    );
    const preDeployment = markdown.split('### ')[1] ?? '';
    expect(preDeployment.match(/\| ERROR \| alarms\/rule \|/g)).toHaveLength(1);
  });
});
