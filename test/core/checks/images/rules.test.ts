import { describe, expect, it } from 'vitest';
import type { Vulnerability } from '../../../../lambdas/core/checks/images/ports';
import {
  judgeBasicScan,
  judgeInspectorScan,
} from '../../../../lambdas/core/checks/images/rules/image-scans/scan';
import { judgeSuppressions } from '../../../../lambdas/core/checks/images/rules/image-scans/suppressions';
import { judgeVulnerabilities } from '../../../../lambdas/core/checks/images/rules/image-scans/vulnerabilities';
import { judgeImagePushed } from '../../../../lambdas/core/checks/images/rules/images-pushed/image';
import {
  filterMatches,
  judgeScanning,
} from '../../../../lambdas/core/checks/images/rules/images-pushed/scanning';
import { judgeTagImmutability } from '../../../../lambdas/core/checks/images/rules/images-pushed/tag-immutability';
import { succeeded } from '../../../../lambdas/core/checks/kit/outcome';
import type { Severity, Suppression } from '../../../../lambdas/core/config/images-schema';
import { AwsCallError } from '../../../../lambdas/core/errors';
import { parseImageReference, type ReleaseImage } from '../../../../lambdas/core/release';

const NOW = new Date('2026-11-30T10:00:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const IMAGE = parseImageReference(
  `111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders@sha256:${'ab'.repeat(32)}`,
) as ReleaseImage;
const failed = (action: string) => ({
  ok: false as const,
  error: new AwsCallError(action, 'access-denied', 'AccessDeniedException', 'no'),
});
const vuln = (id: string, severity: string, fixedIn?: string): Vulnerability => ({
  id,
  severity,
  packages: [{ name: 'openssl', version: '3.0.1', ...(fixedIn === undefined ? {} : { fixedIn }) }],
});
const SETTINGS: {
  maxScanAgeDays: number;
  failSeverity: Severity;
  warnSeverity: Severity;
  maxListedVulnerabilities: number;
  suppressions: Suppression[];
} = {
  maxScanAgeDays: 7,
  failSeverity: 'CRITICAL',
  warnSeverity: 'HIGH',
  maxListedVulnerabilities: 2,
  suppressions: [],
};

describe('image-scans/scan with Amazon Inspector', () => {
  const enabled = succeeded({ accountId: '111122223333', ecr: 'ENABLED' });
  const covered = (extra: object) =>
    succeeded([{ resourceId: 'arn', statusCode: 'ACTIVE', statusReason: 'SUCCESSFUL', ...extra }]);
  it.each([
    [
      'scanned an hour ago',
      enabled,
      covered({ lastScannedAt: ago(1 / 24) }),
      'PASS',
      /scanned by Amazon Inspector 0 days ago/,
    ],
    [
      'scanned 7.5 days ago',
      enabled,
      covered({ lastScannedAt: ago(7.5) }),
      'FAIL',
      /last scanned 7\.5 days ago .*maximum 7/,
    ],
    ['scanned exactly 7 days ago', enabled, covered({ lastScannedAt: ago(7) }), 'PASS', /7 days ago/],
    ['covered without a scan time', enabled, covered({}), 'FAIL', /no scan time/],
    ['never covered', enabled, succeeded([]), 'FAIL', /does not cover .*never been scanned/],
    [
      'pending its first scan',
      enabled,
      covered({ statusReason: 'PENDING_INITIAL_SCAN', lastScannedAt: ago(0) }),
      'FAIL',
      /PENDING_INITIAL_SCAN/,
    ],
    [
      'inactive',
      enabled,
      covered({ statusCode: 'INACTIVE', statusReason: 'UNSUPPORTED_OS' }),
      'FAIL',
      /INACTIVE \(UNSUPPORTED_OS\)/,
    ],
    [
      'Inspector off for ECR',
      succeeded({ accountId: '111122223333', ecr: 'DISABLED' }),
      covered({ lastScannedAt: ago(0) }),
      'FAIL',
      /ECR scanning is DISABLED/,
    ],
    [
      'account status unreadable',
      failed('inspector2:BatchGetAccountStatus'),
      covered({}),
      'ERROR',
      /inspector2:BatchGetAccountStatus/,
    ],
    ['coverage unreadable', enabled, failed('inspector2:ListCoverage'), 'ERROR', /inspector2:ListCoverage/],
  ] as const)('%s: %s', (_case, status, coverage, expected, message) => {
    const finding = judgeInspectorScan(IMAGE, status, coverage, SETTINGS, NOW);
    expect(finding.status).toBe(expected);
    expect(finding.message).toMatch(message);
    expect(finding.resource).toBe(IMAGE.reference);
  });
});

describe('image-scans/scan with ECR basic scanning', () => {
  const scan = (status: string, completedAt?: Date) =>
    succeeded({
      found: true as const,
      value: { status, vulnerabilities: [], ...(completedAt ? { completedAt } : {}) },
    });
  it.each([
    ['complete, a day old', scan('COMPLETE', ago(1)), 'PASS', /scanned by ECR basic scanning 1 days ago/],
    ['complete, 30 days old', scan('COMPLETE', ago(30)), 'FAIL', /30 days ago .*maximum 7/],
    ['in progress', scan('IN_PROGRESS'), 'FAIL', /IN_PROGRESS/],
    ['failed', scan('FAILED'), 'FAIL', /FAILED/],
    [
      'never scanned',
      succeeded({ found: false as const, missing: 'scan' as const }),
      'FAIL',
      /never been scanned/,
    ],
    [
      'no such image',
      succeeded({ found: false as const, missing: 'image' as const }),
      'FAIL',
      /does not exist in its repository/,
    ],
    ['unreadable', failed('ecr:DescribeImageScanFindings'), 'ERROR', /ecr:DescribeImageScanFindings/],
  ] as const)('%s', (_case, outcome, expected, message) => {
    const finding = judgeBasicScan(IMAGE, outcome, SETTINGS, NOW);
    expect(finding.status).toBe(expected);
    expect(finding.message).toMatch(message);
  });
});

describe('image-scans/vulnerabilities', () => {
  const judge = (list: Vulnerability[] | undefined, settings = SETTINGS) =>
    judgeVulnerabilities(IMAGE, 'Amazon Inspector', succeeded(list), settings, NOW);

  it.each([
    ['none', [], 'PASS'],
    ['only medium and low', [vuln('CVE-2025-1', 'MEDIUM'), vuln('CVE-2025-2', 'LOW')], 'PASS'],
    ['a high', [vuln('CVE-2025-3', 'HIGH')], 'WARN'],
    ['one not rated yet', [vuln('CVE-2025-4', 'UNTRIAGED')], 'WARN'],
    ['a critical', [vuln('CVE-2025-5', 'CRITICAL', '3.0.2')], 'FAIL'],
  ])('%s: %s', (_case, list, expected) => {
    expect(judge(list).status).toBe(expected);
  });

  it('lists the worst first, bounded, with package and fixed version, and counts them all', () => {
    const finding = judge([
      vuln('CVE-2025-10', 'HIGH', '3.0.9'),
      vuln('CVE-2025-11', 'CRITICAL', '3.0.2'),
      vuln('CVE-2025-12', 'HIGH'),
      vuln('CVE-2025-13', 'LOW'),
    ]);
    expect(finding.status).toBe('FAIL');
    expect(finding.message).toMatch(/1 vulnerability at or above CRITICAL: CVE-2025-11\./);
    expect(finding.evidence).toMatchObject({
      bySeverity: { CRITICAL: 1, HIGH: 2, LOW: 1 },
      vulnerabilities: [
        { id: 'CVE-2025-11', severity: 'CRITICAL', packages: ['openssl 3.0.1 (fixed in 3.0.2)'] },
        { id: 'CVE-2025-10', severity: 'HIGH', packages: ['openssl 3.0.1 (fixed in 3.0.9)'] },
      ],
      listed: 2,
      total: 3,
    });
  });

  it('fails at a lower configured severity', () => {
    expect(
      judge([vuln('CVE-2025-3', 'HIGH')], { ...SETTINGS, failSeverity: 'HIGH', warnSeverity: 'MEDIUM' })
        .status,
    ).toBe('FAIL');
  });

  it('takes out a suppressed vulnerability until its day ends, showing the reason, and counts it again after', () => {
    const suppression = {
      id: 'CVE-2025-5',
      reason: 'the vulnerable code path is not built',
      until: '2026-11-30',
    };
    const settings = { ...SETTINGS, suppressions: [suppression] };
    const list = [vuln('CVE-2025-5', 'CRITICAL')];

    const during = judgeVulnerabilities(
      IMAGE,
      'Amazon Inspector',
      succeeded(list),
      settings,
      new Date('2026-11-30T23:59:59Z'),
    );
    const after = judgeVulnerabilities(
      IMAGE,
      'Amazon Inspector',
      succeeded(list),
      settings,
      new Date('2026-12-01T00:00:00Z'),
    );

    expect(during.status).toBe('PASS');
    expect(during.evidence?.suppressed).toEqual([
      { id: 'CVE-2025-5', severity: 'CRITICAL', reason: suppression.reason, until: suppression.until },
    ]);
    expect(after.status).toBe('FAIL');
  });

  it('suppresses only in the repository a suppression names', () => {
    const settings = {
      ...SETTINGS,
      suppressions: [
        { id: 'CVE-2025-5', reason: 'accepted for the batch jobs', until: '2027-01-01', repository: 'jobs' },
      ],
    };
    expect(judge([vuln('CVE-2025-5', 'CRITICAL')], settings).status).toBe('FAIL');
  });

  it('warns, not judged, without a completed scan; errors when unreadable', () => {
    expect(judge(undefined).status).toBe('WARN');
    expect(
      judgeVulnerabilities(IMAGE, 'Amazon Inspector', failed('inspector2:ListFindings'), SETTINGS, NOW),
    ).toMatchObject({
      status: 'ERROR',
      message: expect.stringMatching(/inspector2:ListFindings/),
    });
  });
});

describe('image-scans/suppressions', () => {
  it('reports each expired suppression (WARN) and says nothing of those in force', () => {
    const findings = judgeSuppressions(
      [
        { id: 'CVE-2025-1', reason: 'not reachable from the API', until: '2026-11-29' },
        { id: 'CVE-2025-2', reason: 'not reachable from the API', until: '2026-11-30' },
      ],
      NOW,
    );
    expect(findings).toEqual([
      expect.objectContaining({
        status: 'WARN',
        resource: 'checks.image-scans.suppressions[0]',
        message: expect.stringMatching(/CVE-2025-1 expired on 2026-11-29: it no longer suppresses/),
      }),
    ]);
  });
});

describe('images-pushed rules', () => {
  const repo = (tagMutability: string, scanOnPush = false) =>
    succeeded({
      found: true as const,
      value: { name: 'orders', arn: 'arn:repo', tagMutability, scanOnPush },
    });

  it.each([
    [
      'found by digest',
      succeeded({ found: true as const, value: { digest: IMAGE.digest, tags: ['1.0'] } }),
      'PASS',
    ],
    ['no such digest', succeeded({ found: false as const, missing: 'image' as const }), 'FAIL'],
    ['no such repository', succeeded({ found: false as const, missing: 'repository' as const }), 'FAIL'],
    ['unreadable', failed('ecr:DescribeImages'), 'ERROR'],
  ] as const)('image: %s → %s', (_case, lookup, expected) => {
    expect(judgeImagePushed(IMAGE, lookup).status).toBe(expected);
  });

  it.each([
    ['IMMUTABLE', true, 'PASS'],
    ['MUTABLE', true, 'FAIL'],
    ['IMMUTABLE_WITH_EXCLUSION', true, 'FAIL'],
    ['MUTABLE', false, 'WARN'],
  ] as const)('tag-immutability: %s (required %s) → %s', (mutability, required, expected) => {
    expect(judgeTagImmutability('arn:repo', repo(mutability), required)[0]?.status).toBe(expected);
  });

  it.each([
    [
      'enhanced, continuous rule matching',
      'ENHANCED',
      [{ scanFrequency: 'CONTINUOUS_SCAN', filters: ['ord*'] }],
      false,
      'PASS',
    ],
    ['enhanced, manual rule only', 'ENHANCED', [{ scanFrequency: 'MANUAL', filters: ['*'] }], false, 'FAIL'],
    [
      'enhanced, rule for other repositories',
      'ENHANCED',
      [{ scanFrequency: 'SCAN_ON_PUSH', filters: ['pay*'] }],
      true,
      'FAIL',
    ],
    ['basic, repository scans on push', 'BASIC', [], true, 'PASS'],
    [
      'basic, registry scan-on-push rule',
      'BASIC',
      [{ scanFrequency: 'SCAN_ON_PUSH', filters: ['*'] }],
      false,
      'PASS',
    ],
    ['basic, nothing scans', 'BASIC', [], false, 'FAIL'],
  ] as const)('scanning: %s → %s', (_case, scanType, rules, scanOnPush, expected) => {
    const registry = { registryId: '111122223333', scanType, rules };
    expect(judgeScanning('arn:repo', registry, repo('IMMUTABLE', scanOnPush), true)[0]?.status).toBe(
      expected,
    );
  });

  it('matches ECR wildcard filters literally but for *', () => {
    expect(filterMatches('orders-*', 'orders-api')).toBe(true);
    expect(filterMatches('orders.api', 'ordersXapi')).toBe(false);
    expect(filterMatches('*', 'team/orders')).toBe(true);
    expect(filterMatches('team/*', 'other/orders')).toBe(false);
    // The whole name: a filter naming one repository does not cover every name containing it.
    expect(filterMatches('orders', 'legacy-orders-api')).toBe(false);
  });

  it('leaves a missing repository to the image rule, and errors when unreadable', () => {
    const missing = succeeded({ found: false as const, missing: 'repository' as const });
    expect(judgeTagImmutability('arn:repo', missing, true)).toEqual([]);
    expect(judgeTagImmutability('arn:repo', failed('ecr:DescribeRepositories'), true)[0]).toMatchObject({
      status: 'ERROR',
      resource: 'arn:repo',
    });
  });
});
