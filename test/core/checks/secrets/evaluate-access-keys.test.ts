import { describe, expect, it } from 'vitest';
import {
  evaluateKeyAge,
  evaluateKeyUsage,
  inactiveKeyFinding,
} from '../../../../lambdas/core/checks/secrets/evaluate-access-keys';
import type { AccessKey, AccessKeyUsage } from '../../../../lambdas/core/checks/secrets/ports';
import { daysAgo, NOW } from './fixtures';

const SETTINGS = { maxAgeDays: 90, unusedWarnDays: 45 };
const USER = { userName: 'ci-deployer', arn: 'arn:aws:iam::111122223333:user/ci-deployer' };
const key = (createdDaysAgo: number | undefined, status = 'Active'): AccessKey => ({
  accessKeyId: 'AKIAQ3EXAMPLECIDEPLY',
  userName: USER.userName,
  status,
  createDate: createdDaysAgo === undefined ? undefined : daysAgo(createdDaysAgo),
});

describe('evaluateKeyAge', () => {
  it.each([
    { created: 10, status: 'PASS' },
    { created: 89.9, status: 'PASS' },
    { created: 90.5, status: 'FAIL' },
    { created: 120, status: 'FAIL' },
    { created: undefined, status: 'ERROR' },
  ])('a key created $created days ago gives $status', ({ created, status }) => {
    // Act
    const finding = evaluateKeyAge(USER, key(created), SETTINGS, NOW);

    // Assert
    expect(finding).toMatchObject({
      checkId: 'iam-access-keys',
      rule: 'key-age',
      resource: `${USER.arn}/access-key/AKIAQ3EXAMPLECIDEPLY`,
      status,
    });
    if (status !== 'PASS') expect(finding.remediation).toBeTruthy();
  });

  it('puts the age and the limit in the evidence', () => {
    expect(evaluateKeyAge(USER, key(120), SETTINGS, NOW).evidence).toMatchObject({
      ageDays: 120,
      maxAgeDays: 90,
    });
  });
});

describe('evaluateKeyUsage', () => {
  it.each<{ name: string; created: number | undefined; usage: AccessKeyUsage; status: string }>([
    {
      name: 'used yesterday',
      created: 200,
      usage: { lastUsedDate: daysAgo(1), serviceName: 's3' },
      status: 'PASS',
    },
    { name: 'last used 44 days ago', created: 200, usage: { lastUsedDate: daysAgo(44) }, status: 'PASS' },
    { name: 'last used 60 days ago', created: 200, usage: { lastUsedDate: daysAgo(60) }, status: 'WARN' },
    { name: 'never used, created 10 days ago', created: 10, usage: {}, status: 'PASS' },
    { name: 'never used, created 50 days ago', created: 50, usage: {}, status: 'WARN' },
    { name: 'never used, no creation date', created: undefined, usage: {}, status: 'ERROR' },
  ])('$name gives $status', ({ created, usage, status }) => {
    // Act
    const finding = evaluateKeyUsage(USER, key(created), usage, SETTINGS, NOW);

    // Assert
    expect(finding).toMatchObject({ rule: 'key-last-used', status });
    if (status === 'WARN') expect(finding.remediation).toContain('--status Inactive');
  });
});

describe('inactiveKeyFinding', () => {
  it('skips an inactive key, whatever its age', () => {
    expect(inactiveKeyFinding(USER, key(400, 'Inactive'))).toMatchObject({
      rule: 'key-status',
      status: 'SKIPPED',
    });
  });
});
