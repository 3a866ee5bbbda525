import { describe, expect, it } from 'vitest';
import { evaluateSecretRotation } from '../../../../lambdas/core/checks/secrets/evaluate-rotation';
import type { SecretMetadata } from '../../../../lambdas/core/checks/secrets/ports';
import { rotationIntervalDays } from '../../../../lambdas/core/checks/secrets/rotation-interval';
import type { Finding } from '../../../../lambdas/core/findings';
import { daysAgo, NOW, secret } from './fixtures';

const SETTINGS = { maxAgeDays: 90, exemptTagKey: 'preflight:rotation-exempt' };

function ruleStatus(findings: Finding[], rule: string) {
  return findings.find((finding) => finding.rule === rule)?.status;
}

describe('evaluateSecretRotation', () => {
  describe('a healthy secret', () => {
    it('passes every rule and names the secret by ARN', () => {
      // Act
      const findings = evaluateSecretRotation(secret(), SETTINGS, NOW);

      // Assert
      expect(findings.map((f) => [f.rule, f.status])).toEqual([
        ['rotation-enabled', 'PASS'],
        ['rotation-age', 'PASS'],
        ['last-rotation', 'PASS'],
        ['next-rotation', 'PASS'],
      ]);
      expect(new Set(findings.map((f) => f.resource))).toEqual(new Set([secret().arn]));
    });
  });

  describe('exemption by tag', () => {
    it.each([
      { reason: 'Partner rotates it (SEC-142)', status: 'SKIPPED' },
      { reason: '', status: 'WARN' },
      { reason: '   ', status: 'WARN' },
    ])('gives $status for the reason "$reason" and judges nothing else', ({ reason, status }) => {
      // Arrange: rotation off would otherwise fail.
      const exempt = secret({ rotationEnabled: false, tags: { 'preflight:rotation-exempt': reason } });

      // Act
      const findings = evaluateSecretRotation(exempt, SETTINGS, NOW);

      // Assert
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ rule: 'exemption', status });
      if (status === 'WARN') expect(findings[0]?.remediation).toMatch(/tag's value/);
      else expect(findings[0]?.evidence).toEqual({ tagKey: 'preflight:rotation-exempt', reason });
    });

    it('honours a custom tag key and ignores inherited object keys', () => {
      // Arrange
      const tagged = secret({ rotationEnabled: false, tags: { 'sec:no-rotate': 'vendor key' } });

      // Act
      const custom = evaluateSecretRotation(tagged, { ...SETTINGS, exemptTagKey: 'sec:no-rotate' }, NOW);
      const inherited = evaluateSecretRotation(tagged, { ...SETTINGS, exemptTagKey: 'constructor' }, NOW);

      // Assert
      expect(custom.map((f) => f.status)).toEqual(['SKIPPED']);
      expect(ruleStatus(inherited, 'rotation-enabled')).toBe('FAIL');
    });
  });

  describe('rotation-enabled', () => {
    it.each<{ name: string; overrides: Partial<SecretMetadata>; status: string }>([
      { name: 'rotation off', overrides: { rotationEnabled: false }, status: 'FAIL' },
      { name: 'schedule within the maximum', overrides: {}, status: 'PASS' },
      {
        name: 'schedule longer than the maximum',
        overrides: { rotationRules: { automaticallyAfterDays: 180 } },
        status: 'WARN',
      },
    ])('$name gives $status', ({ overrides, status }) => {
      // Act
      const findings = evaluateSecretRotation(secret(overrides), SETTINGS, NOW);

      // Assert
      const finding = findings.find((f) => f.rule === 'rotation-enabled');
      expect(finding?.status).toBe(status);
      if (status !== 'PASS') expect(finding?.remediation).toBeTruthy();
    });
  });

  describe('rotation-age', () => {
    it.each<{ name: string; overrides: Partial<SecretMetadata>; status: string; limitDays: number }>([
      { name: 'rotated 10 days ago on a 30-day schedule', overrides: {}, status: 'PASS', limitDays: 31 },
      {
        name: 'rotated 30.5 days ago on a 30-day schedule (inside the day of grace)',
        overrides: { lastRotatedDate: daysAgo(30.5) },
        status: 'PASS',
        limitDays: 31,
      },
      {
        name: 'rotated 32 days ago on a 30-day schedule',
        overrides: { lastRotatedDate: daysAgo(32) },
        status: 'FAIL',
        limitDays: 31,
      },
      {
        name: 'rotated 100 days ago on a 180-day schedule (the maximum is stricter)',
        overrides: { lastRotatedDate: daysAgo(100), rotationRules: { automaticallyAfterDays: 180 } },
        status: 'FAIL',
        limitDays: 90,
      },
      {
        name: 'rotation off, rotated 60 days ago (the schedule no longer counts)',
        overrides: { rotationEnabled: false, lastRotatedDate: daysAgo(60) },
        status: 'PASS',
        limitDays: 90,
      },
      {
        name: 'never rotated, created 91 days ago',
        overrides: { rotationEnabled: false, lastRotatedDate: undefined, createdDate: daysAgo(91) },
        status: 'FAIL',
        limitDays: 90,
      },
      {
        name: 'cron schedule, rotated 80 days ago (no fixed interval, the maximum applies)',
        overrides: {
          lastRotatedDate: daysAgo(80),
          rotationRules: { scheduleExpression: 'cron(0 4 1 * ? *)' },
        },
        status: 'PASS',
        limitDays: 90,
      },
    ])('$name gives $status', ({ overrides, status, limitDays }) => {
      // Act
      const findings = evaluateSecretRotation(secret(overrides), SETTINGS, NOW);

      // Assert
      const finding = findings.find((f) => f.rule === 'rotation-age');
      expect(finding?.status).toBe(status);
      expect(finding?.evidence).toMatchObject({ limitDays });
    });

    it('reports ERROR, not PASS, when neither date is known', () => {
      // Act
      const findings = evaluateSecretRotation(
        secret({ lastRotatedDate: undefined, createdDate: undefined }),
        SETTINGS,
        NOW,
      );

      // Assert
      expect(ruleStatus(findings, 'rotation-age')).toBe('ERROR');
    });
  });

  describe('last-rotation', () => {
    it.each<{ name: string; overrides: Partial<SecretMetadata>; status: string }>([
      {
        name: 'AWSPENDING left behind for days',
        overrides: { versionStages: { v2: ['AWSCURRENT'], v3: ['AWSPENDING'] }, lastChangedDate: daysAgo(3) },
        status: 'FAIL',
      },
      {
        name: 'AWSPENDING created 20 minutes ago',
        overrides: {
          versionStages: { v2: ['AWSCURRENT'], v3: ['AWSPENDING'] },
          lastChangedDate: new Date(NOW.getTime() - 20 * 60_000),
        },
        status: 'WARN',
      },
      {
        name: 'AWSPENDING on the current version (a finished rotation)',
        overrides: { versionStages: { v3: ['AWSCURRENT', 'AWSPENDING'] } },
        status: 'PASS',
      },
      { name: 'no versions at all', overrides: { versionStages: {} }, status: 'SKIPPED' },
    ])('$name gives $status', ({ overrides, status }) => {
      // Act
      const findings = evaluateSecretRotation(secret(overrides), SETTINGS, NOW);

      // Assert
      expect(ruleStatus(findings, 'last-rotation')).toBe(status);
    });

    it('names the stuck version in the evidence', () => {
      // Act
      const findings = evaluateSecretRotation(
        secret({ versionStages: { v2: ['AWSCURRENT'], v3: ['AWSPENDING'] }, lastChangedDate: daysAgo(3) }),
        SETTINGS,
        NOW,
      );

      // Assert
      expect(findings.find((f) => f.rule === 'last-rotation')?.evidence).toMatchObject({
        pendingVersionIds: ['v3'],
      });
    });
  });

  describe('next-rotation', () => {
    it.each<{ name: string; overrides: Partial<SecretMetadata>; status: string | undefined }>([
      { name: 'due in 20 days', overrides: {}, status: 'PASS' },
      {
        name: 'due half a day ago (inside the grace)',
        overrides: { nextRotationDate: daysAgo(0.5) },
        status: 'PASS',
      },
      { name: 'due 3 days ago', overrides: { nextRotationDate: daysAgo(3) }, status: 'FAIL' },
      {
        name: 'rotation on but nothing scheduled',
        overrides: { nextRotationDate: undefined },
        status: 'WARN',
      },
      {
        name: 'rotation off (covered by rotation-enabled)',
        overrides: { rotationEnabled: false, nextRotationDate: undefined },
        status: undefined,
      },
    ])('$name gives $status', ({ overrides, status }) => {
      // Act
      const findings = evaluateSecretRotation(secret(overrides), SETTINGS, NOW);

      // Assert
      expect(ruleStatus(findings, 'next-rotation')).toBe(status);
    });
  });
});

describe('rotationIntervalDays', () => {
  it.each([
    { rules: undefined, days: undefined },
    { rules: { automaticallyAfterDays: 30, scheduleExpression: 'rate(10 days)' }, days: 30 },
    { rules: { scheduleExpression: 'rate(10 days)' }, days: 10 },
    { rules: { scheduleExpression: 'rate(12 hours)' }, days: 0.5 },
    { rules: { scheduleExpression: 'cron(0 4 1 * ? *)' }, days: undefined },
  ])('reads $rules as $days days', ({ rules, days }) => {
    expect(rotationIntervalDays(rules)).toBe(days);
  });
});
