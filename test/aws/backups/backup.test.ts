import {
  BackupClient,
  ListBackupJobsCommand,
  ListProtectedResourcesCommand,
  ListRestoreJobsCommand,
} from '@aws-sdk/client-backup';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { listBackupJobs, listProtectedResources, listRestoreJobs } from '../../../lambdas/aws/backups/backup';
import { accessDenied } from './errors';

const backupMock = mockClient(BackupClient);

afterAll(() => {
  backupMock.restore();
});
const client = new BackupClient({ region: 'eu-west-1' });
const ORDERS = 'arn:aws:rds:eu-west-1:111122223333:db:orders-db';
const SESSIONS = 'arn:aws:dynamodb:eu-west-1:111122223333:table/sessions';
const SINCE = new Date('2026-03-09T12:00:00Z');
const at = (iso: string) => new Date(iso);

describe('AWS Backup adapter', () => {
  beforeEach(() => {
    backupMock.reset();
  });

  describe('listProtectedResources', () => {
    it('reads every page and drops entries without a resource ARN', async () => {
      backupMock
        .on(ListProtectedResourcesCommand)
        .resolvesOnce({
          Results: [{ ResourceArn: ORDERS, ResourceType: 'RDS', LastBackupTime: at('2026-03-10T06:00:00Z') }],
          NextToken: 'token-2',
        })
        .resolvesOnce({
          Results: [{ ResourceArn: SESSIONS, ResourceType: 'DynamoDB' }, { ResourceType: 'EBS' }],
        });

      const resources = await listProtectedResources(client);

      expect(backupMock).toHaveReceivedCommandTimes(ListProtectedResourcesCommand, 2);
      expect(backupMock).toHaveReceivedNthCommandWith(ListProtectedResourcesCommand, 2, {
        NextToken: 'token-2',
      });
      expect(resources).toEqual([
        { resourceArn: ORDERS, resourceType: 'RDS', lastBackupTime: at('2026-03-10T06:00:00Z') },
        { resourceArn: SESSIONS, resourceType: 'DynamoDB' },
      ]);
    });

    it('turns AccessDenied into an AwsCallError naming backup:ListProtectedResources', async () => {
      backupMock.on(ListProtectedResourcesCommand).rejects(accessDenied());

      await expect(listProtectedResources(client)).rejects.toMatchObject({
        name: 'AwsCallError',
        action: 'backup:ListProtectedResources',
        kind: 'access-denied',
      });
    });
  });

  describe('listBackupJobs', () => {
    it('asks for jobs created after `since`, on every page, and maps them', async () => {
      backupMock
        .on(ListBackupJobsCommand)
        .resolvesOnce({
          BackupJobs: [
            {
              BackupJobId: 'job-1',
              ResourceArn: ORDERS,
              State: 'FAILED',
              StatusMessage: 'storage-full',
              CreationDate: at('2026-03-10T09:00:00Z'),
              CompletionDate: at('2026-03-10T09:02:00Z'),
            },
          ],
          NextToken: 'token-2',
        })
        .resolvesOnce({ BackupJobs: [{ BackupJobId: 'job-2', ResourceArn: SESSIONS, State: 'COMPLETED' }] });

      const jobs = await listBackupJobs(client, SINCE);

      expect(backupMock).toHaveReceivedCommandTimes(ListBackupJobsCommand, 2);
      expect(backupMock).toHaveReceivedNthCommandWith(ListBackupJobsCommand, 1, { ByCreatedAfter: SINCE });
      expect(backupMock).toHaveReceivedNthCommandWith(ListBackupJobsCommand, 2, {
        ByCreatedAfter: SINCE,
        NextToken: 'token-2',
      });
      expect(jobs).toEqual([
        {
          jobId: 'job-1',
          resourceArn: ORDERS,
          state: 'FAILED',
          statusMessage: 'storage-full',
          createdAt: at('2026-03-10T09:00:00Z'),
          completedAt: at('2026-03-10T09:02:00Z'),
        },
        { jobId: 'job-2', resourceArn: SESSIONS, state: 'COMPLETED' },
      ]);
    });

    it('turns AccessDenied into an AwsCallError naming backup:ListBackupJobs', async () => {
      backupMock.on(ListBackupJobsCommand).rejects(accessDenied());

      await expect(listBackupJobs(client, SINCE)).rejects.toMatchObject({
        action: 'backup:ListBackupJobs',
        kind: 'access-denied',
      });
    });
  });

  describe('listRestoreJobs', () => {
    it('asks for restores created after `since`, on every page, with validation and testing plan', async () => {
      backupMock
        .on(ListRestoreJobsCommand)
        .resolvesOnce({
          RestoreJobs: [
            {
              RestoreJobId: 'restore-1',
              SourceResourceArn: ORDERS,
              Status: 'COMPLETED',
              CreationDate: at('2026-03-05T11:00:00Z'),
              CompletionDate: at('2026-03-05T12:00:00Z'),
              ValidationStatus: 'SUCCESSFUL',
              ValidationStatusMessage: 'row counts match',
              CreatedBy: {
                RestoreTestingPlanArn: 'arn:aws:backup:eu-west-1:111122223333:restore-testing-plan:weekly',
              },
            },
          ],
          NextToken: 'token-2',
        })
        .resolvesOnce({
          RestoreJobs: [
            {
              RestoreJobId: 'restore-2',
              SourceResourceArn: SESSIONS,
              Status: 'FAILED',
              StatusMessage: 'no subnet',
            },
            { RestoreJobId: 'orphan', Status: 'COMPLETED' },
          ],
        });

      const jobs = await listRestoreJobs(client, SINCE);

      expect(backupMock).toHaveReceivedCommandTimes(ListRestoreJobsCommand, 2);
      expect(backupMock).toHaveReceivedNthCommandWith(ListRestoreJobsCommand, 1, { ByCreatedAfter: SINCE });
      expect(backupMock).toHaveReceivedNthCommandWith(ListRestoreJobsCommand, 2, {
        ByCreatedAfter: SINCE,
        NextToken: 'token-2',
      });
      expect(jobs).toEqual([
        {
          jobId: 'restore-1',
          sourceResourceArn: ORDERS,
          status: 'COMPLETED',
          createdAt: at('2026-03-05T11:00:00Z'),
          completedAt: at('2026-03-05T12:00:00Z'),
          validationStatus: 'SUCCESSFUL',
          validationMessage: 'row counts match',
          restoreTestingPlanArn: 'arn:aws:backup:eu-west-1:111122223333:restore-testing-plan:weekly',
        },
        { jobId: 'restore-2', sourceResourceArn: SESSIONS, status: 'FAILED', statusMessage: 'no subnet' },
      ]);
    });

    it('turns AccessDenied into an AwsCallError naming backup:ListRestoreJobs', async () => {
      backupMock.on(ListRestoreJobsCommand).rejects(accessDenied());

      await expect(listRestoreJobs(client, SINCE)).rejects.toMatchObject({
        action: 'backup:ListRestoreJobs',
        kind: 'access-denied',
      });
    });
  });
});
