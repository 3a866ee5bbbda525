import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../../lambdas/core/report/model';
import { smsSummary } from '../../../lambdas/core/report/sms';

function report(blockingItems: string[], verdict: AuditReport['verdict'] = 'FAIL'): AuditReport {
  return {
    reportVersion: 2,
    checklistVersion: '2.1',
    generatedAt: '2026-11-26T10:00:00.000Z',
    label: 't',
    target: { service: 'account', environment: 'default', regions: [], implicit: true },
    verdict,
    warnBlocks: false,
    counts: { PASS: 120, WARN: 3, FAIL: 12, ERROR: 1, MUTED: 0, SKIPPED: 0 },
    blockingItems,
    items: [],
    checks: [],
    findings: [],
  };
}

describe('smsSummary', () => {
  it('gives verdict, counts, the first blocking item and the run id', () => {
    expect(
      smsSummary(
        report(['security.ssl-certificates', 'infrastructure.database-backups']),
        'orders prod',
        'deploy-42',
      ),
    ).toBe(
      'Preflight FAIL orders prod: 12 fail 1 err 3 warn 120 ok. Blocking: security.ssl-certificates +1. Run deploy-42',
    );
  });

  it('never exceeds 160 characters, dropping the blocking item before anything else', () => {
    const long = smsSummary(
      report(['security.ssl-certificates']),
      'payments-api production eu-west-1',
      'github-12345678901234567890',
    );
    expect(long.length).toBeLessThanOrEqual(160);
    expect(long).toMatch(
      /^Preflight FAIL payments-api production eu-west-1: .* Run github-12345678901234567890$/,
    );
    const huge = smsSummary(report([]), 'x'.repeat(300), 'run-1');
    expect(huge).toHaveLength(160);
  });

  it('uses plain ASCII so the message stays one SMS segment', () => {
    expect(smsSummary(report([], 'PASS'), 'café ☕', 'r')).toMatch(/^[\x20-\x7e]+$/);
  });
});
