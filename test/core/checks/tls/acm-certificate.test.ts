import { describe, expect, it } from 'vitest';
import {
  evaluateCertificate,
  evaluateExpiry,
  evaluateKeySize,
  evaluateStatus,
} from '../../../../lambdas/core/checks/tls/acm-certificate';
import type { AcmCertificate } from '../../../../lambdas/core/checks/tls/ports';

const now = new Date('2026-03-01T12:00:00Z');
const at = (days: number) => new Date(now.getTime() + days * 86_400_000);
const settings = { warnDays: 30, failDays: 7, minRsaBits: 2048 };
const ARN = 'arn:aws:acm:eu-west-1:111122223333:certificate/0000';

function certificate(fields: Partial<AcmCertificate> = {}): AcmCertificate {
  return {
    arn: ARN,
    domainName: 'api.example.com',
    type: 'AMAZON_ISSUED',
    status: 'ISSUED',
    inUse: true,
    keyAlgorithm: 'RSA_2048',
    renewalEligibility: 'ELIGIBLE',
    exported: false,
    notBefore: at(-300),
    notAfter: at(90),
    ...fields,
  };
}

describe('evaluateStatus', () => {
  it.each([
    { status: 'ISSUED', inUse: true, expected: 'PASS' },
    { status: 'ISSUED', inUse: false, expected: 'PASS' },
    { status: 'EXPIRED', inUse: true, expected: 'FAIL' },
    { status: 'REVOKED', inUse: true, expected: 'FAIL' },
    { status: 'EXPIRED', inUse: false, expected: 'WARN' },
    { status: 'FAILED', inUse: false, expected: 'WARN' },
    { status: 'PENDING_VALIDATION', inUse: false, expected: 'WARN' },
    { status: 'INACTIVE', inUse: null, expected: 'FAIL' },
    { status: null, inUse: false, expected: 'WARN' },
  ] as const)('$status with inUse $inUse is $expected', ({ status, inUse, expected }) => {
    const finding = evaluateStatus(certificate({ status, inUse }));

    expect(finding).toMatchObject({
      checkId: 'acm-certificates',
      rule: 'status',
      resource: ARN,
      status: expected,
    });
    expect(finding.remediation === undefined).toBe(expected === 'PASS');
  });
});

describe('evaluateExpiry', () => {
  it.each([
    { type: 'AMAZON_ISSUED', days: 60, expected: 'PASS' },
    { type: 'AMAZON_ISSUED', days: 20, expected: 'WARN' },
    { type: 'IMPORTED', days: 5, expected: 'FAIL' },
    { type: 'IMPORTED', days: -2, expected: 'FAIL' },
    { type: 'PRIVATE', days: 7, expected: 'FAIL' },
  ] as const)('$type expiring in $days days is $expected', ({ type, days, expected }) => {
    const [finding] = evaluateExpiry(certificate({ type, notAfter: at(days) }), settings, now);

    expect(finding).toMatchObject({
      rule: 'expiry',
      status: expected,
      evidence: { notAfter: at(days).toISOString(), daysToExpiry: days, warnDays: 30, failDays: 7, type },
    });
  });

  it('tells that an imported certificate never renews automatically', () => {
    const [finding] = evaluateExpiry(certificate({ type: 'IMPORTED', notAfter: at(5) }), settings, now);

    expect(finding?.remediation).toMatch(/never renew automatically.*re-import/);
  });

  it('tells that ACM does not renew an Amazon-issued certificate that is not in use', () => {
    const [finding] = evaluateExpiry(certificate({ inUse: false, notAfter: at(10) }), settings, now);

    expect(finding?.remediation).toMatch(/only renews certificates that are in use/);
  });

  it('leaves an old certificate that is neither issued nor in use to the status rule', () => {
    expect(
      evaluateExpiry(certificate({ status: 'EXPIRED', inUse: false, notAfter: at(-40) }), settings, now),
    ).toEqual([]);
  });

  it('judges an expired certificate that is still in use', () => {
    const [finding] = evaluateExpiry(certificate({ status: 'EXPIRED', notAfter: at(-1) }), settings, now);

    expect(finding?.status).toBe('FAIL');
  });

  it('is an ERROR, never a pass, when an issued certificate has no expiry date', () => {
    const [finding] = evaluateExpiry(certificate({ notAfter: null }), settings, now);

    expect(finding).toMatchObject({ status: 'ERROR', remediation: expect.any(String) });
  });
});

describe('evaluateKeySize', () => {
  it.each([
    { keyAlgorithm: 'RSA_1024', expected: 'FAIL' },
    { keyAlgorithm: 'RSA_2048', expected: 'PASS' },
    { keyAlgorithm: 'RSA_4096', expected: 'PASS' },
    { keyAlgorithm: 'EC_prime256v1', expected: 'PASS' },
    { keyAlgorithm: 'EC_secp521r1', expected: 'PASS' },
    { keyAlgorithm: null, expected: 'ERROR' },
    { keyAlgorithm: 'ML_DSA_65', expected: 'ERROR' },
  ])('$keyAlgorithm is $expected', ({ keyAlgorithm, expected }) => {
    expect(evaluateKeySize(certificate({ keyAlgorithm }), 2048)).toMatchObject({
      rule: 'key-size',
      status: expected,
    });
  });

  it('follows minRsaBits', () => {
    expect(evaluateKeySize(certificate({ keyAlgorithm: 'RSA_2048' }), 3072)).toMatchObject({
      status: 'FAIL',
      evidence: { keyBits: 2048, minRsaBits: 3072 },
    });
  });
});

describe('evaluateCertificate', () => {
  it('gives one finding per rule for an issued certificate', () => {
    const findings = evaluateCertificate(
      certificate({ keyAlgorithm: 'RSA_1024', notAfter: at(20) }),
      settings,
      now,
    );

    expect(findings.map((f) => [f.rule, f.status])).toEqual([
      ['status', 'PASS'],
      ['expiry', 'WARN'],
      ['key-size', 'FAIL'],
    ]);
  });
});
