import {
  GetAccessKeyLastUsedCommand,
  GetAccountSummaryCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { secretsPortsFromClients } from '../../../lambdas/aws/secrets';
import { getAccessKeyLastUsed, listAccessKeys, listUsers } from '../../../lambdas/aws/secrets/iam';
import { secretChecks } from '../../../lambdas/core/checks/secrets/definitions';
import type { AccountPorts } from '../../../lambdas/core/checks/types';
import { ConfigSchema } from '../../../lambdas/core/config/schema';
import { AwsCallError } from '../../../lambdas/core/errors';
import { servePages } from './serve-pages';

const iam = mockClient(IAMClient);
const sts = mockClient(STSClient);

afterAll(() => {
  iam.restore();
  sts.restore();
});
const client = new IAMClient({ region: 'us-east-1' });
const NOW = new Date('2026-03-01T00:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const userArn = (name: string) => `arn:aws:iam::111122223333:user/${name}`;
const denied = () => Object.assign(new Error('not authorized'), { name: 'AccessDenied' });

describe('IAM adapter', () => {
  beforeEach(() => {
    iam.reset();
    sts.reset();
  });

  describe('listUsers', () => {
    it('follows Marker across two pages', async () => {
      // Arrange
      const user = (UserName: string) => ({
        UserName,
        Arn: userArn(UserName),
        UserId: `AIDA${UserName}`,
        Path: '/',
        CreateDate: daysAgo(500),
      });
      const pages = servePages([
        { Users: [user('ci-deployer')], IsTruncated: true, Marker: 'm-2' },
        { Users: [user('reporting')], IsTruncated: false },
      ]);
      iam.on(ListUsersCommand).callsFake(pages.reply);

      // Act
      const users = await listUsers(client);

      // Assert
      expect(pages.sent).toEqual([{ MaxItems: 1000 }, { MaxItems: 1000, Marker: 'm-2' }]);
      expect(users).toEqual([
        { userName: 'ci-deployer', arn: userArn('ci-deployer') },
        { userName: 'reporting', arn: userArn('reporting') },
      ]);
    });

    it('throws an access-denied AwsCallError naming iam:ListUsers', async () => {
      // Arrange
      iam.on(ListUsersCommand).rejects(denied());

      // Act
      const error = await listUsers(client).catch((e: unknown) => e);

      // Assert
      expect(error).toBeInstanceOf(AwsCallError);
      expect(error).toMatchObject({ action: 'iam:ListUsers', kind: 'access-denied' });
    });
  });

  describe('listAccessKeys', () => {
    it("asks for the user's keys across two pages", async () => {
      // Arrange
      const pages = servePages([
        {
          AccessKeyMetadata: [
            { UserName: 'ops', AccessKeyId: 'AKIA1', Status: 'Active', CreateDate: daysAgo(3) },
          ],
          IsTruncated: true,
          Marker: 'k-2',
        },
        {
          AccessKeyMetadata: [{ UserName: 'ops', AccessKeyId: 'AKIA2', Status: 'Inactive' }],
          IsTruncated: false,
        },
      ]);
      iam.on(ListAccessKeysCommand).callsFake(pages.reply);

      // Act
      const keys = await listAccessKeys(client, { userName: 'ops', arn: userArn('ops') });

      // Assert
      expect(pages.sent).toEqual([{ UserName: 'ops' }, { UserName: 'ops', Marker: 'k-2' }]);
      expect(keys).toEqual([
        { accessKeyId: 'AKIA1', userName: 'ops', status: 'Active', createDate: daysAgo(3) },
        { accessKeyId: 'AKIA2', userName: 'ops', status: 'Inactive', createDate: undefined },
      ]);
    });
  });

  describe('getAccessKeyLastUsed', () => {
    it('drops the N/A service and region IAM reports for a never-used key', async () => {
      // Arrange
      iam
        .on(GetAccessKeyLastUsedCommand, { AccessKeyId: 'AKIA1' })
        .resolves({ UserName: 'ops', AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } });

      // Act
      const usage = await getAccessKeyLastUsed(client, 'AKIA1');

      // Assert
      expect(usage).toEqual({ lastUsedDate: undefined, serviceName: undefined, region: undefined });
    });
  });

  describe('the iam-access-keys check over the adapter', () => {
    it('reports an ERROR for the user whose keys are denied and still judges the others', async () => {
      // Arrange
      iam.on(ListUsersCommand).resolves({
        Users: ['ci-deployer', 'break-glass'].map((UserName) => ({
          UserName,
          Arn: userArn(UserName),
          UserId: UserName,
          Path: '/',
          CreateDate: daysAgo(900),
        })),
      });
      iam
        .on(ListAccessKeysCommand, { UserName: 'ci-deployer' })
        .resolves({
          AccessKeyMetadata: [
            { UserName: 'ci-deployer', AccessKeyId: 'AKIACI', Status: 'Active', CreateDate: daysAgo(120) },
          ],
        })
        .on(ListAccessKeysCommand, { UserName: 'break-glass' })
        .rejects(denied());
      iam.on(GetAccessKeyLastUsedCommand).resolves({
        AccessKeyLastUsed: { LastUsedDate: daysAgo(1), ServiceName: 's3', Region: 'eu-west-1' },
      });
      iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountAccessKeysPresent: 1 } });
      sts.on(GetCallerIdentityCommand).resolves({
        Account: '111122223333',
        Arn: 'arn:aws:sts::111122223333:assumed-role/preflight/x',
      });
      const secrets = secretsPortsFromClients({
        iam: client,
        secretsManager: new SecretsManagerClient({ region: 'eu-west-1' }),
        ssm: new SSMClient({ region: 'eu-west-1' }),
        sts: new STSClient({ region: 'eu-west-1' }),
        kms: new KMSClient({ region: 'eu-west-1' }),
      });
      const settings = ConfigSchema.parse({}).checks['iam-access-keys'];

      // Act
      const findings = await secretChecks['iam-access-keys'].run(
        { secrets } as unknown as AccountPorts,
        settings,
        NOW,
      );

      // Assert
      expect(findings.map((f) => [f.resource, f.rule, f.status])).toEqual([
        ['arn:aws:iam::111122223333:root', 'root-keys', 'FAIL'],
        [`${userArn('ci-deployer')}/access-key/AKIACI`, 'key-age', 'FAIL'],
        [`${userArn('ci-deployer')}/access-key/AKIACI`, 'key-last-used', 'PASS'],
        [userArn('break-glass'), 'list-access-keys', 'ERROR'],
      ]);
      expect(findings[3]?.remediation).toBe('Allow iam:ListAccessKeys for the role Preflight runs as.');
    });
  });
});
