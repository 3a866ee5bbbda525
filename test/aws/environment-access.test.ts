import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  accessEnvironment,
  assumedRoleCredentials,
  sessionNameFor,
} from '../../lambdas/aws/environment-access';
import { EnvironmentAccessError, explainError } from '../../lambdas/core/errors';
import type { EnvironmentTarget } from '../../lambdas/core/services/target';

const sts = mockClient(STSClient);

afterAll(() => {
  sts.restore();
});
const client = new STSClient({ region: 'eu-west-1' });
const ROLE = 'arn:aws:iam::444455556666:role/preflight-audit';
const HOUR = 3_600_000;

function credentialsUntil(expiration: Date, key = 'AKIA1') {
  return {
    Credentials: { AccessKeyId: key, SecretAccessKey: 's', SessionToken: 't', Expiration: expiration },
  };
}

const roleEnvironment: EnvironmentTarget = {
  name: 'staging',
  account: '444455556666',
  regions: ['eu-west-1', 'us-east-1'],
  role: { arn: ROLE, externalId: 'preflight-staging' },
  configured: true,
};

beforeEach(() => sts.reset());

describe('accessEnvironment', () => {
  describe('an environment reached through a role', () => {
    it('assumes the role up front, with the external id and a session naming the run', async () => {
      sts.on(AssumeRoleCommand).resolves(credentialsUntil(new Date(Date.now() + HOUR)));

      const options = await accessEnvironment(roleEnvironment, { purpose: 'gate-build-7', sts: client });

      expect(sts).toHaveReceivedCommandWith(AssumeRoleCommand, {
        RoleArn: ROLE,
        ExternalId: 'preflight-staging',
        RoleSessionName: 'preflight-gate-build-7',
      });
      expect(options.region).toBe('eu-west-1');
      await expect(options.credentials?.()).resolves.toMatchObject({ accessKeyId: 'AKIA1' });
      expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 1);
    });

    it('is an EnvironmentAccessError naming the role when it cannot be assumed', async () => {
      sts
        .on(AssumeRoleCommand)
        .rejects(
          Object.assign(new Error('not authorized to perform sts:AssumeRole'), { name: 'AccessDenied' }),
        );

      const failure = await accessEnvironment(roleEnvironment, { purpose: 'audit', sts: client }).catch(
        (e: unknown) => e,
      );

      expect(failure).toBeInstanceOf(EnvironmentAccessError);
      const explained = explainError(failure);
      expect(explained.message).toBe(
        `Could not evaluate: could not assume ${ROLE} for environment "staging" (AccessDenied: sts:AssumeRole failed (AccessDenied): not authorized to perform sts:AssumeRole)`,
      );
      expect(explained.remediation).toMatch(/trusts Preflight's role with this external id/);
    });

    it('assumes the reach role first when given one, and the environment’s role with its session', async () => {
      const REACH = 'arn:aws:iam::111122223333:role/preflight-eu-west-1-audit';
      const signedWith: Array<[string | undefined, string]> = [];
      sts.on(AssumeRoleCommand).callsFake(async (input: { RoleArn?: string }, getClient) => {
        const { accessKeyId } = await getClient().config.credentials();
        signedWith.push([input.RoleArn, accessKeyId]);
        return credentialsUntil(new Date(Date.now() + HOUR), input.RoleArn === REACH ? 'REACH' : 'MEMBER');
      });
      const own = new STSClient({
        region: 'eu-west-1',
        credentials: { accessKeyId: 'FUNCTION', secretAccessKey: 's' },
      });

      const options = await accessEnvironment(roleEnvironment, { purpose: 'run-9', sts: own, via: REACH });

      await expect(options.credentials?.()).resolves.toMatchObject({ accessKeyId: 'MEMBER' });
      expect(signedWith).toEqual([
        [REACH, 'FUNCTION'],
        [ROLE, 'REACH'],
      ]);
      expect(sts).toHaveReceivedCommandWith(AssumeRoleCommand, {
        RoleArn: REACH,
        RoleSessionName: 'preflight-run-9',
      });
      expect(sts).toHaveReceivedCommandWith(AssumeRoleCommand, {
        RoleArn: ROLE,
        ExternalId: 'preflight-staging',
        RoleSessionName: 'preflight-run-9',
      });
    });

    it('names the reach role in the remedy when the environment’s role cannot be assumed through it', async () => {
      const REACH = 'arn:aws:iam::111122223333:role/preflight-eu-west-1-audit';
      sts
        .on(AssumeRoleCommand, { RoleArn: REACH })
        .resolves(credentialsUntil(new Date(Date.now() + HOUR), 'REACH'))
        .on(AssumeRoleCommand, { RoleArn: ROLE })
        .rejects(
          Object.assign(new Error('not authorized to perform sts:AssumeRole'), { name: 'AccessDenied' }),
        );

      const failure = await accessEnvironment(roleEnvironment, {
        purpose: 'audit',
        sts: client,
        via: REACH,
      }).catch((e: unknown) => e);

      expect(failure).toBeInstanceOf(EnvironmentAccessError);
      expect(explainError(failure).remediation).toContain(
        `trusts Preflight's role ${REACH} with this external id`,
      );
    });

    it('works in the region asked for', async () => {
      sts.on(AssumeRoleCommand).resolves(credentialsUntil(new Date(Date.now() + HOUR)));

      const options = await accessEnvironment(roleEnvironment, {
        purpose: 'audit',
        region: 'us-east-1',
        sts: client,
      });

      expect(options.region).toBe('us-east-1');
    });
  });

  describe('an environment in Preflight’s own account', () => {
    const own: EnvironmentTarget = { name: 'prod', account: '111122223333', regions: [], configured: true };

    it('uses Preflight’s own credentials when the account is the one named', async () => {
      sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333' });

      const options = await accessEnvironment(own, { purpose: 'audit', sts: client });

      expect(options.credentials).toBeUndefined();
      expect(sts).not.toHaveReceivedCommand(AssumeRoleCommand);
    });

    it('refuses to audit another account with Preflight’s own credentials', async () => {
      sts.on(GetCallerIdentityCommand).resolves({ Account: '999999999999' });

      await expect(accessEnvironment(own, { purpose: 'audit', sts: client })).rejects.toThrow(
        new EnvironmentAccessError(
          'environment "prod" is account 111122223333, but Preflight runs as account 999999999999 and no role is configured for it',
          '',
        ).message,
      );
    });

    it('asks nothing of STS when the environment names no account', async () => {
      const options = await accessEnvironment(
        { name: 'default', regions: [], configured: false },
        { purpose: 'audit', sts: client, base: { region: 'eu-west-1' } },
      );

      expect(options).toEqual({ region: 'eu-west-1' });
      expect(sts.calls()).toHaveLength(0);
    });
  });
});

describe('assumedRoleCredentials', () => {
  it('assumes again only shortly before the credentials expire, once for callers at the same time', async () => {
    let now = Date.parse('2026-11-30T10:00:00Z');
    sts
      .on(AssumeRoleCommand)
      .resolvesOnce(credentialsUntil(new Date(now + HOUR), 'FIRST'))
      .resolves(credentialsUntil(new Date(now + 2 * HOUR), 'SECOND'));
    const provider = assumedRoleCredentials(client, { arn: ROLE }, 'preflight-test', () => now);

    const [a, b] = await Promise.all([provider(), provider()]);
    now += 50 * 60_000;
    const c = await provider();
    now += 6 * 60_000;
    const d = await provider();

    expect([a.accessKeyId, b.accessKeyId, c.accessKeyId, d.accessKeyId]).toEqual([
      'FIRST',
      'FIRST',
      'FIRST',
      'SECOND',
    ]);
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 2);
  });
});

describe('sessionNameFor', () => {
  it.each([
    ['gate-build-7', 'preflight-gate-build-7'],
    ['run/with spaces:and*stars', 'preflight-run-with-spaces-and-stars'],
    ['x'.repeat(100), `preflight-${'x'.repeat(54)}`],
  ])('%j → %j', (purpose, name) => {
    expect(sessionNameFor(purpose)).toBe(name);
  });
});
