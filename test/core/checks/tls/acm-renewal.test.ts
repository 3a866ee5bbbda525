import { describe, expect, it } from 'vitest';
import type { AcmCertificate } from '../../../../lambdas/core/checks/tls/ports';
import {
  evaluateRenewal,
  needsRenewalLookup,
} from '../../../../lambdas/core/checks/tls/rules/acm-certificates/renewal';
import { AwsCallError } from '../../../../lambdas/core/errors';

const now = new Date('2026-03-01T12:00:00Z');
const at = (days: number) => new Date(now.getTime() + days * 86_400_000);
const ARN = 'arn:aws:acm:eu-west-1:111122223333:certificate/0000';

function certificate(fields: Partial<AcmCertificate> = {}): AcmCertificate {
  return {
    arn: ARN,
    domainName: 'www.example.com',
    type: 'AMAZON_ISSUED',
    status: 'ISSUED',
    inUse: true,
    keyAlgorithm: 'RSA_2048',
    renewalEligibility: 'ELIGIBLE',
    exported: false,
    notBefore: at(-300),
    notAfter: at(30),
    ...fields,
  };
}

describe('needsRenewalLookup', () => {
  it.each([
    { case: 'Amazon-issued inside the 60-day window', fields: {}, expected: true },
    { case: 'private inside the window', fields: { type: 'PRIVATE' }, expected: true },
    { case: 'already expired', fields: { notAfter: at(-1) }, expected: true },
    { case: 'exactly 60 days left', fields: { notAfter: at(60) }, expected: true },
    { case: 'outside the window', fields: { notAfter: at(61) }, expected: false },
    { case: 'imported (never renews)', fields: { type: 'IMPORTED' }, expected: false },
    { case: 'not issued', fields: { status: 'EXPIRED' }, expected: false },
    { case: 'without a date', fields: { notAfter: null }, expected: false },
  ])('$case: $expected', ({ fields, expected }) => {
    expect(needsRenewalLookup(certificate(fields as Partial<AcmCertificate>), now)).toBe(expected);
  });
});

describe('evaluateRenewal', () => {
  const renewal = (status: string | null, reason: string | null = null) => ({
    ok: true as const,
    renewal: { status, reason, updatedAt: status === null ? null : at(-3) },
  });

  it.each([
    { status: 'FAILED', expected: 'FAIL' },
    { status: 'PENDING_VALIDATION', expected: 'WARN' },
    { status: 'PENDING_AUTO_RENEWAL', expected: 'PASS' },
    { status: 'SUCCESS', expected: 'PASS' },
    { status: 'SOMETHING_NEW', expected: 'ERROR' },
  ])('renewal $status is $expected', ({ status, expected }) => {
    const [finding] = evaluateRenewal(certificate(), renewal(status));

    expect(finding).toMatchObject({
      checkId: 'acm-certificates',
      rule: 'renewal',
      resource: ARN,
      status: expected,
    });
    expect(finding?.remediation === undefined).toBe(expected === 'PASS');
  });

  it('names the reason of a failed renewal', () => {
    const [finding] = evaluateRenewal(certificate(), renewal('FAILED', 'CAA_ERROR'));

    expect(finding?.message).toContain('CAA_ERROR');
    expect(finding?.evidence).toMatchObject({
      renewalStatusReason: 'CAA_ERROR',
      renewalUpdatedAt: at(-3).toISOString(),
    });
  });

  it('says nothing when no renewal has started', () => {
    expect(evaluateRenewal(certificate(), renewal(null))).toEqual([]);
  });

  it('turns a failed lookup into an ERROR naming the permission', () => {
    const error = new AwsCallError(
      'acm:DescribeCertificate',
      'access-denied',
      'AccessDeniedException',
      'denied',
    );

    const [finding] = evaluateRenewal(certificate(), { ok: false, error });

    expect(finding).toMatchObject({
      status: 'ERROR',
      remediation: 'Allow acm:DescribeCertificate for the role Preflight runs as.',
      evidence: { code: 'AccessDeniedException' },
    });
  });
});
