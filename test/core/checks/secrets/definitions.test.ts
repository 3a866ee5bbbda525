import { describe, expect, it } from 'vitest';
import { auditPermissions } from '../../../../lambdas/core/checks/registry';
import { IAM_USER_CONCURRENCY } from '../../../../lambdas/core/checks/secrets/audit-access-keys';
import { secretChecks } from '../../../../lambdas/core/checks/secrets/definitions';
import type { SecretsPorts } from '../../../../lambdas/core/checks/secrets/ports';
import type { AccountPorts } from '../../../../lambdas/core/checks/types';
import { ConfigSchema } from '../../../../lambdas/core/config/schema';
import { AwsCallError } from '../../../../lambdas/core/errors';
import { daysAgo, NOW, secret } from './fixtures';

const SETTINGS = ConfigSchema.parse({}).checks;

/** Fake ports: every method the test does not provide fails loudly if a check calls it. */
function account(ports: Partial<SecretsPorts>): AccountPorts {
  const unexpected = (name: string) => async () => {
    throw new Error(`unexpected call to ${name}`);
  };
  const secrets: SecretsPorts = {
    listSecrets: unexpected('listSecrets'),
    describeKey: unexpected('describeKey'),
    listParameters: unexpected('listParameters'),
    listUsers: unexpected('listUsers'),
    listAccessKeys: unexpected('listAccessKeys'),
    getAccessKeyLastUsed: unexpected('getAccessKeyLastUsed'),
    rootUser: unexpected('rootUser'),
    countRootAccessKeys: unexpected('countRootAccessKeys'),
    ...ports,
  };
  // Only the secrets ports are reached by these checks.
  return { secrets } as unknown as AccountPorts;
}

const user = (userName: string) => ({ userName, arn: `arn:aws:iam::111122223333:user/${userName}` });
const denied = (action: string) => new AwsCallError(action, 'access-denied', 'AccessDenied', 'explicit deny');

describe('secret checks permissions', () => {
  it('ask for exactly the metadata calls their adapters make', () => {
    expect(Object.fromEntries(Object.values(secretChecks).map((c) => [c.id, c.permissions]))).toEqual({
      // Every check that judges a service's resources also resolves its scope (tags, stacks).
      'secrets-rotation': [
        'secretsmanager:ListSecrets',
        'tag:GetResources',
        'cloudformation:ListStackResources',
        'sts:GetCallerIdentity',
      ],
      'secrets-encryption': [
        'secretsmanager:ListSecrets',
        'kms:DescribeKey',
        'tag:GetResources',
        'cloudformation:ListStackResources',
        'sts:GetCallerIdentity',
      ],
      'ssm-secure-parameters': [
        'ssm:DescribeParameters',
        'tag:GetResources',
        'cloudformation:ListStackResources',
        'sts:GetCallerIdentity',
      ],
      'iam-access-keys': [
        'iam:GetAccountSummary',
        'iam:ListUsers',
        'iam:ListAccessKeys',
        'iam:GetAccessKeyLastUsed',
      ],
    });
  });

  it('never let the auditor read a secret value, here or anywhere in the registry', () => {
    // Arrange
    const forbidden =
      /^(secretsmanager:(GetSecretValue|BatchGetSecretValue)|ssm:GetParameters?(ByPath)?)$|\*/;
    const all = auditPermissions();

    // Assert
    expect(all).toEqual(expect.arrayContaining(['secretsmanager:ListSecrets', 'iam:GetAccessKeyLastUsed']));
    expect(all.filter((action) => forbidden.test(action))).toEqual([]);
    expect(
      Object.values(secretChecks).flatMap((c) => c.permissions.filter((a) => forbidden.test(a))),
    ).toEqual([]);
  });
});

describe('secrets-rotation run', () => {
  it('judges every listed secret', async () => {
    // Arrange
    const ports = account({
      listSecrets: async () => [
        secret(),
        secret({ arn: 'arn:other', name: 'other', rotationEnabled: false }),
      ],
    });

    // Act
    const findings = await secretChecks['secrets-rotation'].run(ports, SETTINGS['secrets-rotation'], NOW);

    // Assert
    expect(findings.filter((f) => f.rule === 'rotation-enabled').map((f) => [f.resource, f.status])).toEqual([
      [secret().arn, 'PASS'],
      ['arn:other', 'FAIL'],
    ]);
  });

  it('returns no findings when there are no secrets, so the runner records SKIPPED', async () => {
    const ports = account({ listSecrets: async () => [] });
    expect(await secretChecks['secrets-rotation'].run(ports, SETTINGS['secrets-rotation'], NOW)).toEqual([]);
  });

  it('lets a failed listing throw, for the runner to record as ERROR', async () => {
    const ports = account({ listSecrets: async () => Promise.reject(denied('secretsmanager:ListSecrets')) });
    await expect(
      secretChecks['secrets-rotation'].run(ports, SETTINGS['secrets-rotation'], NOW),
    ).rejects.toThrow(AwsCallError);
  });
});

describe('secrets-encryption run', () => {
  it("judges each secret's key kind, and the state of a customer managed key only", async () => {
    // Arrange
    const described: string[] = [];
    const ports = account({
      listSecrets: async () => [secret(), secret({ arn: 'arn:default', kmsKeyId: undefined })],
      describeKey: async (keyId) => {
        described.push(keyId);
        return { arn: keyId, keyState: 'Enabled' };
      },
    });

    // Act
    const findings = await secretChecks['secrets-encryption'].run(ports, SETTINGS['secrets-encryption'], NOW);

    // Assert
    expect(findings.map((f) => [f.resource, f.rule, f.status])).toEqual([
      [secret().arn, 'kms-key', 'PASS'],
      [secret().arn, 'key-state', 'PASS'],
      ['arn:default', 'kms-key', 'FAIL'],
    ]);
    expect(described).toEqual([secret().kmsKeyId]);
  });

  it('an unknown key state is an ERROR, never a PASS', async () => {
    const ports = account({
      listSecrets: async () => [secret()],
      describeKey: async () => ({ keyState: 'Frozen' }),
    });

    const findings = await secretChecks['secrets-encryption'].run(ports, SETTINGS['secrets-encryption'], NOW);

    expect(findings.map((f) => [f.rule, f.status])).toEqual([
      ['kms-key', 'PASS'],
      ['key-state', 'ERROR'],
    ]);
  });
});

describe('ssm-secure-parameters run', () => {
  it('uses the configured patterns', async () => {
    // Arrange
    const ports = account({
      listParameters: async () => [
        { name: '/prod/orders/db-password', type: 'String' },
        { name: '/prod/orders/license', type: 'String' },
      ],
    });
    const settings = { ...SETTINGS['ssm-secure-parameters'], sensitivePatterns: ['license'] };

    // Act
    const findings = await secretChecks['ssm-secure-parameters'].run(ports, settings, NOW);

    // Assert
    expect(findings.map((f) => [f.resource, f.status])).toEqual([['/prod/orders/license', 'FAIL']]);
  });
});

describe('iam-access-keys run', () => {
  const ROOT = { userName: '<root_account>', arn: 'arn:aws:iam::111122223333:root' };
  /** The run over `ports`, the root user without keys. */
  const run = (ports: AccountPorts) =>
    secretChecks['iam-access-keys'].run(
      {
        ...ports,
        secrets: { ...ports.secrets, rootUser: async () => ROOT, countRootAccessKeys: async () => 0 },
      },
      SETTINGS['iam-access-keys'],
      NOW,
    );
  const ROOT_PASS = ['root-keys', 'PASS'];

  it('reports ERROR for a user whose keys cannot be listed and still judges the others', async () => {
    // Arrange
    const ports = account({
      listUsers: async () => [user('break-glass'), user('ops-admin')],
      listAccessKeys: async ({ userName }) => {
        if (userName === 'break-glass') throw denied('iam:ListAccessKeys');
        return [{ accessKeyId: 'AKIAOPS', userName, status: 'Active', createDate: daysAgo(5) }];
      },
      getAccessKeyLastUsed: async () => ({ lastUsedDate: daysAgo(1) }),
    });

    // Act
    const findings = await run(ports);

    // Assert
    expect(findings.map((f) => [f.rule, f.status])).toEqual([
      ROOT_PASS,
      ['list-access-keys', 'ERROR'],
      ['key-age', 'PASS'],
      ['key-last-used', 'PASS'],
    ]);
    expect(findings[1]).toMatchObject({
      resource: user('break-glass').arn,
      message: expect.stringContaining('iam:ListAccessKeys'),
      remediation: 'Allow iam:ListAccessKeys for the role Preflight runs as.',
      evidence: { userName: 'break-glass', code: 'AccessDenied' },
    });
  });

  it('still judges the age of a key whose last use cannot be read', async () => {
    // Arrange
    const ports = account({
      listUsers: async () => [user('ci-deployer')],
      listAccessKeys: async ({ userName }) => [
        { accessKeyId: 'AKIACI', userName, status: 'Active', createDate: daysAgo(120) },
      ],
      getAccessKeyLastUsed: async () => Promise.reject(denied('iam:GetAccessKeyLastUsed')),
    });

    // Act
    const findings = await run(ports);

    // Assert
    expect(findings.map((f) => [f.rule, f.status])).toEqual([
      ROOT_PASS,
      ['key-age', 'FAIL'],
      ['key-last-used', 'ERROR'],
    ]);
  });

  it('does not look up the last use of inactive keys', async () => {
    // Arrange
    const ports = account({
      listUsers: async () => [user('ops-admin')],
      listAccessKeys: async ({ userName }) => [
        { accessKeyId: 'AKIAOLD', userName, status: 'Inactive', createDate: daysAgo(300) },
      ],
    });

    // Act
    const findings = await run(ports);

    // Assert: the fake getAccessKeyLastUsed would have thrown.
    expect(findings.map((f) => [f.rule, f.status])).toEqual([ROOT_PASS, ['key-status', 'SKIPPED']]);
  });

  it("returns only the root user's finding when no user has a key", async () => {
    const ports = account({ listUsers: async () => [user('console-only')], listAccessKeys: async () => [] });
    expect((await run(ports)).map((f) => [f.rule, f.status])).toEqual([ROOT_PASS]);
  });

  it("makes a failed user listing an ERROR on the account's users, and still judges the root user", async () => {
    const ports = account({ listUsers: async () => Promise.reject(denied('iam:ListUsers')) });
    const findings = await run(ports);
    expect(findings.map((f) => `${f.rule} ${f.status}`)).toEqual(['root-keys PASS', 'list-users ERROR']);
    expect(findings[1]).toMatchObject({
      resource: 'arn:aws:iam::111122223333:user/*',
      message: expect.stringContaining('iam:ListUsers'),
    });
  });

  it(`never has more than ${IAM_USER_CONCURRENCY} users' keys in flight`, async () => {
    // Arrange
    let inFlight = 0;
    let peak = 0;
    const ports = account({
      listUsers: async () => Array.from({ length: 12 }, (_, i) => user(`user-${i}`)),
      listAccessKeys: async () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight -= 1;
        return [];
      },
    });

    // Act
    await run(ports);

    // Assert
    expect(peak).toBe(IAM_USER_CONCURRENCY);
  });
});
