import {
  type BackupClient,
  paginateListBackupJobs,
  paginateListProtectedResources,
  paginateListRestoreJobs,
} from '@aws-sdk/client-backup';
import type { BackupJob, ProtectedResource, RestoreJob } from '../../core/checks/backups/ports';
import { collectPages } from '../call';

/*
 * AWS Backup, read through three account-wide paginated list calls. Items without the ARN that
 * ties them to a database cannot be attributed to one, so they are dropped.
 */

/** Every resource AWS Backup reports as protected, however it was selected (tags included). */
export async function listProtectedResources(client: BackupClient): Promise<ProtectedResource[]> {
  const items = await collectPages(
    'backup:ListProtectedResources',
    paginateListProtectedResources({ client }, {}),
    (page) => page.Results,
  );
  return items.flatMap((item) =>
    item.ResourceArn === undefined
      ? []
      : [
          {
            resourceArn: item.ResourceArn,
            ...(item.ResourceType === undefined ? {} : { resourceType: item.ResourceType }),
            ...(item.LastBackupTime === undefined ? {} : { lastBackupTime: item.LastBackupTime }),
          },
        ],
  );
}

/** Every backup job created after `since`, all states: the check decides which ones matter. */
export async function listBackupJobs(client: BackupClient, since: Date): Promise<BackupJob[]> {
  const jobs = await collectPages(
    'backup:ListBackupJobs',
    paginateListBackupJobs({ client }, { ByCreatedAfter: since }),
    (page) => page.BackupJobs,
  );
  return jobs.flatMap((job) =>
    job.ResourceArn === undefined
      ? []
      : [
          {
            jobId: job.BackupJobId ?? 'unknown',
            resourceArn: job.ResourceArn,
            state: job.State ?? 'UNKNOWN',
            ...(job.StatusMessage === undefined ? {} : { statusMessage: job.StatusMessage }),
            ...(job.CreationDate === undefined ? {} : { createdAt: job.CreationDate }),
            ...(job.CompletionDate === undefined ? {} : { completedAt: job.CompletionDate }),
          },
        ],
  );
}

/** Every restore job created after `since`, restore-testing jobs included. */
export async function listRestoreJobs(client: BackupClient, since: Date): Promise<RestoreJob[]> {
  const jobs = await collectPages(
    'backup:ListRestoreJobs',
    paginateListRestoreJobs({ client }, { ByCreatedAfter: since }),
    (page) => page.RestoreJobs,
  );
  return jobs.flatMap((job) =>
    job.SourceResourceArn === undefined
      ? []
      : [
          {
            jobId: job.RestoreJobId ?? 'unknown',
            sourceResourceArn: job.SourceResourceArn,
            status: job.Status ?? 'UNKNOWN',
            ...(job.StatusMessage === undefined ? {} : { statusMessage: job.StatusMessage }),
            ...(job.CreationDate === undefined ? {} : { createdAt: job.CreationDate }),
            ...(job.CompletionDate === undefined ? {} : { completedAt: job.CompletionDate }),
            ...(job.ValidationStatus === undefined ? {} : { validationStatus: job.ValidationStatus }),
            ...(job.ValidationStatusMessage === undefined
              ? {}
              : { validationMessage: job.ValidationStatusMessage }),
            ...(job.CreatedBy?.RestoreTestingPlanArn === undefined
              ? {}
              : { restoreTestingPlanArn: job.CreatedBy.RestoreTestingPlanArn }),
          },
        ],
  );
}
